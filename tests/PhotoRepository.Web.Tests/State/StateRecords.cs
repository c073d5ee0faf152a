using System.Security.Cryptography;
using PhotoRepository.Core.Photos;
using PhotoRepository.Core.Rules;

namespace PhotoRepository.Web.Tests.State;

/// <summary>State records written straight into the database (the sync is another issue's job) and the DOJ steps tests repeat.</summary>
public static class StateRecords
{
    private static int _seed = 9000;

    /// <summary>Today on the test apps' clock (see AppFactory.Start), never the machine's.</summary>
    public static DateOnly Today => AppFactory.StartToday;

    /// <summary>A state student with, if photoDate is given, a state photo. Returns the photo's access key (or empty).</summary>
    public static async Task<(int Id, Guid Key)> AddAsync(AppFactory factory, string stateId, string first, string last, DateOnly born,
        OptInChoice? optIn, DateOnly? photoDate, string districtCode = "0101")
    {
        return await factory.WithDbAsync(async db =>
        {
            var district = db.Districts.First(d => d.Code == districtCode);
            var student = new StateStudent
            {
                StateStudentId = stateId, FirstName = first, LastName = last, BirthDate = born, OptIn = optIn,
                DistrictId = district.Id, SchoolName = "Test School", SearchName = SearchText.NameKey(last, first, null), UpdatedAt = factory.Time.GetUtcNow().UtcDateTime,
            };
            db.StateStudents.Add(student);
            if (photoDate is { } date)
            {
                var jpeg = PlaceholderPortrait.Jpeg(Interlocked.Increment(ref _seed), 120, 160);
                var sha = Convert.ToHexStringLower(SHA256.HashData(jpeg));
                db.PhotoContents.Add(new PhotoContent { Sha256 = sha, Jpeg = jpeg, Thumbnail = PlaceholderPortrait.Jpeg(_seed, 30, 40), Width = 120, Height = 160, CreatedAt = factory.Time.GetUtcNow().UtcDateTime });
                student.Photo = new StatePhoto { Sha256 = sha, PhotoDate = date, SourceDistrictId = district.Id, CopiedAt = factory.Time.GetUtcNow().UtcDateTime };
            }
            await db.SaveChangesAsync();
            return (student.Id, student.Photo?.AccessKey ?? Guid.Empty);
        });
    }

    public static async Task<HttpClient> DojWithCaseAsync(AppFactory factory, string caseNumber = "MT-2026-0042", string agency = "Helena Police Department")
    {
        var client = await factory.SignedInClientAsync(Seeding.DemoData.DojStaff);
        await client.SetCaseAsync(caseNumber, agency);
        return client;
    }

    public static async Task SetCaseAsync(this HttpClient client, string caseNumber, string agency, string basis = "MissingChildReport")
    {
        var page = await client.GetPageAsync("/State/Doj/Case");
        var response = await client.SubmitAsync(page, "#case-form", new Dictionary<string, string>
        {
            ["Input.CaseNumber"] = caseNumber, ["Input.Agency"] = agency, ["Input.LegalBasis"] = basis,
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    public static async Task<(HttpResponseMessage Response, AngleSharp.Html.Dom.IHtmlDocument Page)> SearchAsync(this HttpClient client, Dictionary<string, string> criteria)
    {
        var page = await client.GetPageAsync("/State/Doj/Search");
        var response = await client.SubmitAsync(page, "#search-form", criteria);
        return (response, await Browser.ParseAsync(response));
    }
}
