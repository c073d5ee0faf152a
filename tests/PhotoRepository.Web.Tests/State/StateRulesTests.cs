using System.Net;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using PhotoRepository.Core.Entities;
using PhotoRepository.Core.Sync;
using PhotoRepository.Web.Seeding;
using PhotoRepository.Web.Tests.District;
using PhotoRepository.Web.Tests.Infrastructure;
using PhotoRepository.Web.Tests.Photos;

namespace PhotoRepository.Web.Tests.State;

/// <summary>The app with a clock a test can stop, so two districts can record a choice at the same instant.</summary>
public sealed class StateRulesAppFactory : SyncRecordingAppFactory
{
    public PausableTime Time { get; } = new();

    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Time));
    }

    /// <summary>The real nightly job, as Hangfire would run it (every student).</summary>
    public async Task<SyncRun?> RunSyncAsync()
    {
        using var scope = Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<StateSyncJob>().RunAsync(SyncTrigger.Manual, "test");
    }

    /// <summary>What the app enqueues at once after an Opt Out or an ID correction, run now.</summary>
    public async Task SyncStudentNowAsync(string stateId)
    {
        using var scope = Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<StateSyncJob>().SyncStudentAsync(stateId);
    }
}

public sealed class PausableTime : TimeProvider
{
    private DateTimeOffset? _stopped;

    public override DateTimeOffset GetUtcNow() => _stopped ?? System.GetUtcNow();

    public void Stop() => _stopped = System.GetUtcNow();

    public void Go() => _stopped = null;
}

/// <summary>
/// Issue #11's cases, each played through the clerks' and DOJ's pages and the real sync job; the
/// expected ends come from the rules (docs/rules.md, "One child, several districts").
/// </summary>
public class StateRulesTests(StateRulesAppFactory factory) : IClassFixture<StateRulesAppFactory>
{
    private static readonly string Today = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(-1)).ToString("yyyy-MM-dd");

    private HttpClient? _doj;

    private async Task<HttpClient> Clerk(string email) => await factory.SignedInClientAsync(email);

    private StateStudent? State(string id) => factory.WithDb(db =>
        db.StateStudents.Where(s => s.StateStudentId == id).Select(s => new StateStudent
        {
            StateStudentId = s.StateStudentId, OptIn = s.OptIn, LastName = s.LastName,
            Photo = s.Photo == null ? null : new StatePhoto { Sha256 = s.Photo.Sha256, PhotoDate = s.Photo.PhotoDate, SourceDistrictId = s.Photo.SourceDistrictId },
        }).SingleOrDefault());

    private int DistrictId(string code) => factory.WithDb(db => db.Districts.Single(d => d.Code == code).Id);

    private async Task<HttpResponseMessage> CreateAsync(HttpClient client, string stateId, string last, string first, string born)
    {
        var page = await client.GetPageAsync("/District/Students/Create");
        var school = ((AngleSharp.Html.Dom.IHtmlSelectElement)page.QuerySelector("select[name='Input.SchoolId']")!).Options[1].Value;
        return await client.SubmitAsync(page, "#demographics-form", new Dictionary<string, string>
        {
            ["Input.StateStudentId"] = stateId, ["Input.LastName"] = last, ["Input.FirstName"] = first, ["Input.BirthDate"] = born,
            ["Input.Grade"] = "04", ["Input.SchoolId"] = school,
        });
    }

    private async Task<int> AddStudentAsync(HttpClient client, string stateId, string last, string first, string born = "2015-04-03")
    {
        var response = await CreateAsync(client, stateId, last, first, born);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return int.Parse(response.Headers.Location!.ToString().Split('/').Last());
    }

    private static async Task RecordAsync(HttpClient client, int id, OptInChoice value)
    {
        var page = await client.GetPageAsync($"/District/Students/OptIn/{id}");
        var response = await client.SubmitAsync(page, "#opt-in-form", new Dictionary<string, string>
        {
            ["Input.NewValue"] = value.ToString(), ["Input.Source"] = nameof(ConsentSource.WrittenRequest),
            ["Input.GivenOn"] = Today, ["Input.SchoolYear"] = Core.Rules.StateCalendar.SchoolYearOf(DateOnly.Parse(Today)), ["Input.Note"] = "",
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    private static async Task UploadPhotoAsync(HttpClient client, int id, int seed)
    {
        var page = await client.GetPageAsync($"/District/Students/Photo/{id}");
        var response = await client.PostFileAsync(page, $"/District/Students/Photo/{id}?handler=Upload", "Input.File", "portrait.jpg",
            PhotoCorpus.Jpeg(seed), new Dictionary<string, string> { ["Input.PhotoDate"] = Today });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    private string DistrictSha(int studentId) => factory.WithDb(db => db.DistrictPhotos.Single(p => p.StudentId == studentId).Sha256);

    private async Task<List<string>> DojFindsAsync(string name)
    {
        _doj ??= await StateRecords.DojWithCaseAsync(factory);
        var (_, page) = await _doj.SearchAsync(new Dictionary<string, string> { ["Input.Name"] = name });
        return page.QuerySelectorAll("table.doj-results tbody tr").Select(tr => tr.TextContent).ToList();
    }

    [Fact]
    public async Task Case1_an_older_Opt_In_does_not_come_back_when_the_newer_Opt_Out_district_uploads_Unknown()
    {
        var helena = await Clerk(DemoData.HelenaClerk);
        var missoula = await Clerk(DemoData.MissoulaClerk);
        var h = await AddStudentAsync(helena, "5550000001", "Okafor", "Adaeze");
        await RecordAsync(helena, h, OptInChoice.OptIn);
        await UploadPhotoAsync(helena, h, 101);
        await factory.RunSyncAsync();
        Assert.Equal(OptInChoice.OptIn, State("5550000001")!.OptIn);

        var m = await AddStudentAsync(missoula, "5550000001", "OKAFOR", "Adaeze");
        await RecordAsync(missoula, m, OptInChoice.OptOut);
        Assert.Contains("5550000001", factory.SyncQueue.Requested);
        await factory.SyncStudentNowAsync("5550000001");
        Assert.Equal((OptInChoice.OptOut, (StatePhoto?)null), (State("5550000001")!.OptIn, State("5550000001")!.Photo));

        // Missoula's next demographics upload leaves the code blank: Unknown.
        var school = factory.WithDb(db => db.Students.Where(s => s.Id == m).Select(s => s.School!.Code).Single());
        var csv = "StateStudentId,LocalStudentNumber,LastName,FirstName,MiddleName,BirthDate,Gender,Grade,SchoolCode,MissingChildPhotoOptIn\r\n"
            + $"5550000001,,OKAFOR,Adaeze,,2015-04-03,,04,{school},\r\n";
        var preview = await DemographicsUploadTests.UploadAsync(missoula, System.Text.Encoding.UTF8.GetBytes(csv));
        var committed = await missoula.SubmitAsync(preview.Preview!, "#commit-form", new Dictionary<string, string> { ["Input.ConfirmToUnknown"] = "true" });
        Assert.Equal(HttpStatusCode.Redirect, committed.StatusCode);
        Assert.Equal(OptInChoice.Unknown, factory.WithDb(db => db.Students.Single(s => s.Id == m).OptIn));

        await factory.RunSyncAsync();
        Assert.Equal((OptInChoice.OptOut, (StatePhoto?)null), (State("5550000001")!.OptIn, State("5550000001")!.Photo));
        Assert.Empty(await DojFindsAsync("Okafor Adaeze"));
    }

    [Fact]
    public async Task Case2_a_corrected_state_id_leaves_nothing_disclosable_under_the_old_id()
    {
        var helena = await Clerk(DemoData.HelenaClerk);
        var h = await AddStudentAsync(helena, "5550000002", "Brennan", "Tadhg");
        await RecordAsync(helena, h, OptInChoice.OptIn);
        await UploadPhotoAsync(helena, h, 102);
        await factory.RunSyncAsync();
        Assert.Single(await DojFindsAsync("Brennan Tadhg"));

        var edit = await helena.GetPageAsync($"/District/Students/Edit/{h}");
        var saved = await helena.SubmitAsync(edit, "#demographics-form", new Dictionary<string, string> { ["Input.StateStudentId"] = "5550000022" });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Contains("5550000002", factory.SyncQueue.Requested);
        await RecordAsync(helena, h, OptInChoice.OptOut);

        // The job enqueued for the old ID was lost (a crash): the next run still settles it.
        await factory.RunSyncAsync();
        Assert.Equal(((OptInChoice?)null, (StatePhoto?)null), (State("5550000002")!.OptIn, State("5550000002")!.Photo));
        Assert.Equal((OptInChoice.OptOut, (StatePhoto?)null), (State("5550000022")!.OptIn, State("5550000022")!.Photo));
        Assert.Empty(await DojFindsAsync("Brennan Tadhg"));
    }

    [Fact]
    public async Task Case2_the_old_id_is_settled_at_once_by_the_job_the_correction_enqueues()
    {
        var helena = await Clerk(DemoData.HelenaClerk);
        var h = await AddStudentAsync(helena, "5550000012", "Quill", "Maeve");
        await RecordAsync(helena, h, OptInChoice.OptIn);
        await UploadPhotoAsync(helena, h, 112);
        await factory.RunSyncAsync();

        var edit = await helena.GetPageAsync($"/District/Students/Edit/{h}");
        await helena.SubmitAsync(edit, "#demographics-form", new Dictionary<string, string> { ["Input.StateStudentId"] = "5550000021" });
        await factory.SyncStudentNowAsync("5550000012");

        Assert.Null(State("5550000012")!.Photo);
        Assert.Null(State("5550000012")!.OptIn);
    }

    [Fact]
    public async Task Case3_two_choices_at_the_same_instant_Opt_Out_wins_even_from_the_lower_district_id()
    {
        var helena = await Clerk(DemoData.HelenaClerk);
        var missoula = await Clerk(DemoData.MissoulaClerk);
        Assert.True(DistrictId("0101") < DistrictId("0202"));
        var h = await AddStudentAsync(helena, "5550000003", "Lindqvist", "Astrid");
        var m = await AddStudentAsync(missoula, "5550000003", "Lindqvist", "Astrid");
        await UploadPhotoAsync(missoula, m, 103);

        factory.Time.Stop();
        try
        {
            await RecordAsync(helena, h, OptInChoice.OptOut);
            await RecordAsync(missoula, m, OptInChoice.OptIn);
        }
        finally
        {
            factory.Time.Go();
        }
        await factory.RunSyncAsync();

        Assert.Equal((OptInChoice.OptOut, (StatePhoto?)null), (State("5550000003")!.OptIn, State("5550000003")!.Photo));
        Assert.Empty(await DojFindsAsync("Lindqvist Astrid"));
    }

    [Fact]
    public async Task Case4_Opt_In_then_Unknown_before_any_sync_reaches_the_state_as_Opt_In_without_copying_a_photo()
    {
        var helena = await Clerk(DemoData.HelenaClerk);
        var h = await AddStudentAsync(helena, "5550000004", "Whitehorse", "Kaya");
        await UploadPhotoAsync(helena, h, 104);
        await RecordAsync(helena, h, OptInChoice.OptIn);
        await RecordAsync(helena, h, OptInChoice.Unknown);

        await factory.RunSyncAsync();

        Assert.Equal((OptInChoice.OptIn, (StatePhoto?)null), (State("5550000004")!.OptIn, State("5550000004")!.Photo));
        var details = await helena.GetPageAsync($"/District/Students/Details/{h}");
        Assert.Contains("Opt In", details.QuerySelector("#state-holds")!.TextContent);
        Assert.Empty(await DojFindsAsync("Whitehorse Kaya"));
    }

    [Fact]
    public async Task Case5_a_state_id_of_another_child_is_refused_on_create_edit_and_upload_and_a_real_move_is_shown_to_both()
    {
        var helena = await Clerk(DemoData.HelenaClerk);
        var missoula = await Clerk(DemoData.MissoulaClerk);
        var h = await AddStudentAsync(helena, "5550000005", "Peña", "Lucía", "2014-02-01");
        await RecordAsync(helena, h, OptInChoice.OptOut);
        await factory.RunSyncAsync();

        var created = await CreateAsync(missoula, "5550000005", "Smith", "Lucía", "2014-02-01");
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        Assert.Contains("contact state AIM staff", await created.Content.ReadAsStringAsync());
        var wrongBirthDate = await CreateAsync(missoula, "5550000005", "Pena", "Lucía", "2014-02-02");
        Assert.Contains("contact state AIM staff", await wrongBirthDate.Content.ReadAsStringAsync());

        var own = await AddStudentAsync(missoula, "5550000055", "Smith", "Jo");
        var edit = await missoula.GetPageAsync($"/District/Students/Edit/{own}");
        var edited = await missoula.SubmitAsync(edit, "#demographics-form", new Dictionary<string, string> { ["Input.StateStudentId"] = "5550000005" });
        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        Assert.Contains("contact state AIM staff", await edited.Content.ReadAsStringAsync());

        var school = factory.WithDb(db => db.Students.Where(s => s.Id == own).Select(s => s.School!.Code).Single());
        var csv = "StateStudentId,LocalStudentNumber,LastName,FirstName,MiddleName,BirthDate,Gender,Grade,SchoolCode,MissingChildPhotoOptIn\r\n"
            + $"5550000005,,Smith,Lucía,,2014-02-01,,04,{school},1\r\n";
        var (_, preview) = await DemographicsUploadTests.UploadAsync(missoula, System.Text.Encoding.UTF8.GetBytes(csv));
        Assert.Contains("contact state AIM staff", preview!.QuerySelector("#rejections")!.TextContent);
        Assert.Equal(1, factory.WithDb(db => db.Students.Count(s => s.StateStudentId == "5550000005")));

        // The real move: same last name (case, accents and punctuation aside) and birth date.
        var moved = await AddStudentAsync(missoula, "5550000005", "PENA", "Lucia", "2014-02-01");
        var helenaPage = await helena.GetPageAsync($"/District/Students/Details/{h}");
        Assert.Contains("Missoula County Public Schools, since", helenaPage.QuerySelector("#other-holders")!.TextContent);
        var aim = await Clerk(DemoData.StateStaff);
        var shared = await aim.GetPageAsync("/State/Aim/SharedIds");
        var rows = shared.QuerySelector("#shared-ids")!.TextContent;
        Assert.Contains("5550000005", rows);
        Assert.Contains("Helena Public Schools", rows);
        Assert.Contains("Missoula County Public Schools", rows);
        Assert.True(moved > 0);
    }

    [Theory]
    [InlineData("5560000001", "O'Brien", "Mary-Kate", "obrien marykate")]
    [InlineData("5560000002", "Jørgensen", "Søren", "soren jorgensen")]
    [InlineData("5560000003", "Wiśniewska-Łukasik", "Łucja", "lucja wisniewskalukasik")]
    [InlineData("5560000004", "Þórsdóttir", "Ærin", "thorsdottir aerin")]
    [InlineData("5560000005", "Großmann", "Đorđe", "grossmann dorde")]
    public async Task Case6_DOJ_and_the_district_list_find_names_typed_without_special_letters_or_punctuation(string stateId, string last, string first, string typed)
    {
        var helena = await Clerk(DemoData.HelenaClerk);
        var h = await AddStudentAsync(helena, stateId, last, first);
        await RecordAsync(helena, h, OptInChoice.OptIn);
        await UploadPhotoAsync(helena, h, int.Parse(stateId[^3..]) + 200);
        await factory.RunSyncAsync();
        Assert.Equal(DistrictSha(h), State(stateId)!.Photo!.Sha256);

        var found = await DojFindsAsync(typed);
        Assert.Contains(found, row => row.Contains(stateId));
        var listed = await helena.GetPageAsync($"/District/Students?Filter.Q={Uri.EscapeDataString(typed)}");
        Assert.Contains(listed.QuerySelectorAll("table.list tbody a"), a => a.GetAttribute("href")!.EndsWith($"/{h}"));
    }
}
