using System.Net;
using PhotoRepository.Core.Entities;
using PhotoRepository.Web.Seeding;
using PhotoRepository.Web.Tests.Infrastructure;

namespace PhotoRepository.Web.Tests.District;

/// <summary>
/// Issue #12, item 4, played as a clerk trying to read another district's records through a state ID:
/// a district sees the disclosures made while it held the student, and state facts only once its claim holds.
/// </summary>
public class ClaimedRecordTests(AppFactory factory) : IClassFixture<AppFactory>
{
    private (int Id, string StateId, string Last, DateOnly Born) HelenaOptedIn() => factory.WithDb(db =>
        db.Students.Where(s => s.District!.Code == "0101" && s.OptIn == OptInChoice.OptIn && s.Photo != null)
            .OrderBy(s => s.Id).Select(s => new { s.Id, s.StateStudentId, s.LastName, s.BirthDate }).AsEnumerable()
            .Select(s => (s.Id, s.StateStudentId, s.LastName, s.BirthDate)).First());

    private void Disclose(string stateId, string caseNumber, DateTime at) => factory.WithDb(db =>
    {
        var state = db.StateStudents.Single(s => s.StateStudentId == stateId);
        db.DisclosureRecords.Add(new DisclosureRecord
        {
            At = at, UserName = DemoData.DojStaff, Kind = DisclosureKind.PhotoViewed, StateStudentId = state.Id, DistrictId = state.DistrictId,
            StudentStateId = stateId, CaseNumber = caseNumber, Agency = "Helena Police Department", LegalBasis = LegalBasis.MissingChildReport,
        });
        return db.SaveChanges();
    });

    private async Task<int> ClaimAsync(HttpClient clerk, string stateId, string last, DateOnly born)
    {
        var page = await clerk.GetPageAsync("/District/Students/Create");
        var school = ((AngleSharp.Html.Dom.IHtmlSelectElement)page.QuerySelector("select[name='Input.SchoolId']")!).Options[1].Value;
        var response = await clerk.SubmitAsync(page, "#demographics-form", new Dictionary<string, string>
        {
            ["Input.StateStudentId"] = stateId, ["Input.LastName"] = last, ["Input.FirstName"] = "Someone", ["Input.BirthDate"] = born.ToString("yyyy-MM-dd"),
            ["Input.Grade"] = "04", ["Input.SchoolId"] = school,
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return int.Parse(response.Headers.Location!.ToString().Split('/').Last());
    }

    [Fact]
    public async Task A_district_that_claims_a_moved_child_sees_only_the_disclosures_made_since_its_claim()
    {
        var child = HelenaOptedIn();
        Disclose(child.StateId, "CASE-BEFORE-THE-MOVE", DateTime.UtcNow.AddDays(-3));

        var missoula = await factory.SignedInClientAsync(DemoData.MissoulaClerk);
        var claimed = await ClaimAsync(missoula, child.StateId, child.Last.ToUpperInvariant(), child.Born);
        Disclose(child.StateId, "CASE-AFTER-THE-MOVE", DateTime.UtcNow.AddMinutes(1));

        var page = await missoula.GetPageAsync($"/District/Students/Details/{claimed}");
        var record = page.QuerySelector("#disclosures")!.TextContent;
        Assert.Contains("CASE-AFTER-THE-MOVE", record);
        Assert.DoesNotContain("CASE-BEFORE-THE-MOVE", record);
        // The district that held the child all along sees both.
        var helena = await factory.SignedInClientAsync(DemoData.HelenaClerk);
        var own = (await helena.GetPageAsync($"/District/Students/Details/{child.Id}")).QuerySelector("#disclosures")!.TextContent;
        Assert.Contains("CASE-BEFORE-THE-MOVE", own);
        Assert.Contains("CASE-AFTER-THE-MOVE", own);
    }

    [Fact]
    public async Task A_record_whose_claim_does_not_hold_shows_no_state_facts_and_no_disclosures()
    {
        var child = factory.WithDb(db => db.Students.Where(s => s.District!.Code == "0101" && s.OptIn == OptInChoice.OptIn && s.Photo != null)
            .OrderBy(s => s.Id).Skip(1).Select(s => s.StateStudentId).First());
        Disclose(child, "CASE-SECRET-1", DateTime.UtcNow.AddMinutes(1));
        // A record made before the claim check existed (or written around it): another child under the same ID.
        var bigSkyId = factory.WithDb(db =>
        {
            var school = db.Schools.First(s => s.District!.Code == "0303");
            var s = new Student
            {
                DistrictId = school.DistrictId, SchoolId = school.Id, StateStudentId = child, LastName = "Guesswork", FirstName = "Nobody",
                BirthDate = new DateOnly(2010, 1, 1), StateIdSince = DateTime.UtcNow.AddDays(-10),
            };
            db.Students.Add(s);
            db.SaveChanges();
            return s.Id;
        });

        var bigSky = await factory.SignedInClientAsync(DemoData.BigSkyClerk);
        var page = await bigSky.GetPageAsync($"/District/Students/Details/{bigSkyId}");

        Assert.Contains("contact state AIM staff", page.QuerySelector("#state-holds")!.TextContent);
        Assert.DoesNotContain("Photo available", page.Body!.TextContent);
        Assert.DoesNotContain("CASE-SECRET-1", page.Body!.TextContent);
    }
}
