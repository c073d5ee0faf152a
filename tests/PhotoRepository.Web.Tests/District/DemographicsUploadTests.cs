using System.Net;
using System.Net.Http.Headers;
using System.Text;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using PhotoRepository.Core.Entities;
using PhotoRepository.Web.Seeding;
using PhotoRepository.Web.Tests.Infrastructure;

namespace PhotoRepository.Web.Tests.District;

public class DemographicsUploadTests(SyncRecordingAppFactory factory) : IClassFixture<SyncRecordingAppFactory>
{
    private const string Header = "StateStudentId,LocalStudentNumber,LastName,FirstName,MiddleName,BirthDate,Gender,Grade,SchoolCode,MissingChildPhotoOptIn";

    private string HelenaSchool => factory.WithDb(db => db.Schools.First(s => s.District!.Code == "0101").Code);

    internal static async Task<(HttpResponseMessage Response, IHtmlDocument? Preview)> UploadAsync(HttpClient client, byte[] bytes, string name = "students.csv")
    {
        var page = await client.GetPageAsync("/District/Import/Demographics");
        using var content = new MultipartFormDataContent();
        content.Add(new StringContent(Browser.Token(page)), "__RequestVerificationToken");
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        content.Add(file, "Input.File", name);
        var response = await client.PostAsync("/District/Import/Demographics", content);
        if (response.StatusCode != HttpStatusCode.Redirect) return (response, null);
        return (response, await client.GetPageAsync(response.Headers.Location!.ToString()));
    }

    private static byte[] Csv(params string[] lines) => Encoding.UTF8.GetBytes(string.Join("\r\n", lines) + "\r\n");

    private static int Count(IHtmlDocument preview, string what) => int.Parse(preview.QuerySelector($"#count-{what}")!.TextContent);

    [Fact]
    public async Task Preview_counts_and_explains_every_rejected_row_and_changes_nothing()
    {
        var school = HelenaSchool;
        var existing = factory.WithDb(db => db.Students.Include(s => s.School).First(s => s.District!.Code == "0101" && s.OptIn == OptInChoice.OptIn));
        var unchanged = $"{existing.StateStudentId},{existing.LocalStudentNumber},{existing.LastName},{existing.FirstName},{existing.MiddleName},{existing.BirthDate:yyyy-MM-dd},{existing.Gender},{existing.Grade},{existing.School!.Code},1";
        var bytes = Csv(Header,
            $"8880000001,1,Smith,Ann,,2015-01-02,F,03,{school},1",                     // 2 new
            unchanged,                                                                    // 3 unchanged
            $"8880000002,2,Jones,Bob,,2015-01-02,M,03,{school},7",                     // 4 unknown code
            $"8880000003,3,Jones,Cal,,2015-13-40,M,03,{school},1",                     // 5 bad date
            $",4,Jones,Dee,,2015-01-02,F,03,{school},1",                               // 6 missing state ID
            $"8880000005,5,Jones,Eve,,2015-01-02,F,03,NOPE,1",                         // 7 unknown school
            $"8880000006,6,Twin,One,,2015-01-02,F,03,{school},1",                      // 8 duplicate
            $"8880000006,7,Twin,Two,,2015-01-02,F,03,{school},1",                      // 9 duplicate
            $"8880000008,8,Jones,Fay,,2015-01-02,F,99,{school},1",                     // 10 bad grade
            $"8880000009,9,,Gus,,2015-01-02,M,03,{school},1");                          // 11 missing last name
        var client = await factory.SignedInClientAsync(DemoData.HelenaClerk);
        var studentsBefore = factory.WithDb(db => db.Students.Count());

        var (_, preview) = await UploadAsync(client, bytes);

        Assert.NotNull(preview);
        Assert.Equal((1, 0, 1, 8), (Count(preview, "new"), Count(preview, "updated"), Count(preview, "unchanged"), Count(preview, "rejected")));
        var rejections = preview.QuerySelectorAll("#rejections tbody tr").Select(tr => tr.TextContent).ToList();
        void Rejected(int line, string column, string why) =>
            Assert.Contains(rejections, r => r.StartsWith(line.ToString()) && r.Contains(column) && r.Contains(why));
        Rejected(4, "MissingChildPhotoOptIn", "Unknown code \"7\"");
        Rejected(5, "BirthDate", "not a date");
        Rejected(6, "StateStudentId", "Missing state student ID");
        Rejected(7, "SchoolCode", "Unknown school code \"NOPE\"");
        Rejected(8, "StateStudentId", "Duplicate state ID");
        Rejected(9, "StateStudentId", "Duplicate state ID");
        Rejected(10, "Grade", "not a grade");
        Rejected(11, "LastName", "Missing last name");
        Assert.Equal(studentsBefore, factory.WithDb(db => db.Students.Count()));
    }

    [Fact]
    public async Task Commit_applies_accepted_rows_records_history_with_the_file_name_and_the_same_file_twice_changes_nothing()
    {
        var school = HelenaSchool;
        // Real exports: BOM, CRLF, quoted commas, apostrophes, accents, non-Latin letters, spaces around codes.
        var text = "\uFEFF" + string.Join("\r\n", Header,
            $"7770000001,001,\"O'Brien, Jr\",Seán,,2014-05-06,M,04,{school}, 1 ",
            $"7770000002,002,Дмитриев,Анна,,2014-05-06,F,K,{school},2",
            $"7770000003,003,Nguyễn,Thị,\"Mai\",2014-05-06,F,4,{school},") + "\r\n";
        var bytes = Encoding.UTF8.GetBytes(text);
        var client = await factory.SignedInClientAsync(DemoData.HelenaClerk);

        var (_, preview) = await UploadAsync(client, bytes, "fall-2026.csv");
        Assert.Equal((3, 0), (Count(preview!, "new"), Count(preview!, "rejected")));
        var committed = await client.SubmitAsync(preview!, "#commit-form", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, committed.StatusCode);

        var students = factory.WithDb(db => db.Students.Where(s => s.StateStudentId.StartsWith("777000000")).OrderBy(s => s.StateStudentId).ToList());
        Assert.Equal(["O'Brien, Jr", "Дмитриев", "Nguyễn"], students.Select(s => s.LastName));
        Assert.Equal([OptInChoice.OptIn, OptInChoice.OptOut, OptInChoice.Unknown], students.Select(s => s.OptIn));
        Assert.Equal(["04", "K", "04"], students.Select(s => s.Grade));
        var history = factory.WithDb(db => db.OptInChanges.Where(c => students.Select(s => s.Id).Contains(c.StudentId)).ToList());
        Assert.Equal(2, history.Count);
        Assert.All(history, h => Assert.Equal((ConsentSource.DemographicsUpload, "fall-2026.csv"), (h.Source, h.FileName)));
        Assert.Contains("7770000002", factory.SyncQueue.Requested);

        var historyCount = factory.WithDb(db => db.OptInChanges.Count());
        var versions = students.Select(s => s.Version).ToList();
        var (_, second) = await UploadAsync(client, bytes, "fall-2026.csv");
        Assert.Equal((0, 0, 3), (Count(second!, "new"), Count(second!, "updated"), Count(second!, "unchanged")));
        Assert.NotNull(second!.QuerySelector("#same-file"));
        await client.SubmitAsync(second, "#commit-form", new Dictionary<string, string>());
        Assert.Equal(historyCount, factory.WithDb(db => db.OptInChanges.Count()));
        Assert.Equal(versions, factory.WithDb(db => db.Students.Where(s => s.StateStudentId.StartsWith("777000000")).OrderBy(s => s.StateStudentId).Select(s => s.Version).ToList()));
    }

    [Fact]
    public async Task Going_from_an_explicit_choice_to_unknown_needs_confirmation()
    {
        var s = factory.WithDb(db => db.Students.Include(x => x.School).First(x => x.District!.Code == "0101" && x.OptIn == OptInChoice.OptOut));
        var line = $"{s.StateStudentId},{s.LocalStudentNumber},{s.LastName},{s.FirstName},{s.MiddleName},{s.BirthDate:yyyy-MM-dd},{s.Gender},{s.Grade},{s.School!.Code},0";
        var client = await factory.SignedInClientAsync(DemoData.HelenaClerk);

        var (_, preview) = await UploadAsync(client, Csv(Header, line));
        Assert.Contains(s.StateStudentId, preview!.QuerySelector("#to-unknown")!.TextContent);
        var refused = await client.SubmitAsync(preview, "#commit-form", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Tick the confirmation", await refused.Content.ReadAsStringAsync());
        Assert.Equal(OptInChoice.OptOut, factory.WithDb(db => db.Students.Single(x => x.Id == s.Id)).OptIn);

        var confirmed = await client.SubmitAsync(preview, "#commit-form", new Dictionary<string, string> { ["Input.ConfirmToUnknown"] = "true" });
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        Assert.Equal(OptInChoice.Unknown, factory.WithDb(db => db.Students.Single(x => x.Id == s.Id)).OptIn);
    }

    [Theory]
    [InlineData("StateStudentId,LastName,FirstName\r\n1,a,b\r\n", "missing LocalStudentNumber")]
    [InlineData("StateStudentId,LocalStudentNumber,LastName,FirstName,MiddleName,BirthDate,Gender,Grade,SchoolCode,OptIn\r\n", "unexpected OptIn")]
    [InlineData("", "The file is empty")]
    public async Task A_file_with_wrong_columns_is_refused_whole_naming_the_expected_columns(string text, string problem)
    {
        var client = await factory.SignedInClientAsync(DemoData.HelenaClerk);
        var (response, preview) = await UploadAsync(client, Encoding.UTF8.GetBytes(text));
        var message = preview?.QuerySelector("#file-error")?.TextContent ?? await response.Content.ReadAsStringAsync();
        if (text.Length > 0)
        {
            Assert.Contains(problem, message);
            Assert.Contains(Header, message);
            Assert.Null(preview!.QuerySelector("#commit-form"));
        }
        else Assert.Contains("Choose a CSV file", message);
    }

    [Fact]
    public async Task A_file_that_is_not_utf8_gets_a_clear_message()
    {
        var client = await factory.SignedInClientAsync(DemoData.HelenaClerk);
        var latin1 = Encoding.Latin1.GetBytes(Header + "\r\n1,1,Se\u00e1n,A,,2015-01-01,F,03,X,1\r\n");
        var (_, preview) = await UploadAsync(client, latin1);
        Assert.Contains("not UTF-8", preview!.QuerySelector("#file-error")!.TextContent);
    }

    [Fact]
    public async Task Another_district_cannot_see_or_commit_an_upload()
    {
        var helena = await factory.SignedInClientAsync(DemoData.HelenaClerk);
        var (response, preview) = await UploadAsync(helena, Csv(Header, $"6660000001,1,Smith,Ann,,2015-01-02,F,03,{HelenaSchool},1"));
        var url = response.Headers.Location!.ToString();
        var missoula = await factory.SignedInClientAsync(DemoData.MissoulaClerk);

        Assert.Equal(HttpStatusCode.NotFound, (await missoula.GetAsync(url)).StatusCode);
        var ownPage = await missoula.GetPageAsync("/District/Import/Demographics");
        var post = await missoula.PostAsync(url, new FormUrlEncodedContent([new("__RequestVerificationToken", Browser.Token(ownPage))]));
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        Assert.False(factory.WithDb(db => db.Students.Any(s => s.StateStudentId == "6660000001")));
        Assert.NotNull(preview);
    }

    [Fact]
    public async Task The_template_download_has_exactly_the_documented_columns()
    {
        var client = await factory.SignedInClientAsync(DemoData.HelenaClerk);
        var response = await client.GetAsync("/District/Import/Demographics?handler=Template");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync()).TrimStart('\uFEFF');
        Assert.StartsWith(Header + "\r\n", text);
    }
}
