using Microsoft.Extensions.DependencyInjection;
using PhotoRepository.Core.Rules;
using PhotoRepository.Core.Sync;

namespace PhotoRepository.Web.Tests.State;

/// <summary>What DOJ can find: only available photos, and every search recorded with the case context.</summary>
public class DojSearchTests(AppFactory factory) : IClassFixture<AppFactory>
{
    private static DateOnly Today => StateRecords.Today;
    private static readonly DateOnly Born = new(2014, 5, 17);

    private static Dictionary<string, string> ByName(string name) => new() { ["Input.Name"] = name };

    [Fact]
    public async Task An_opted_in_child_with_a_current_photo_is_found_by_partial_accent_insensitive_name()
    {
        await StateRecords.AddAsync(factory, "V100000001", "Seán", "Ólafsdóttir", Born, OptInChoice.OptIn, Today.AddMonths(-8));
        var doj = await StateRecords.DojWithCaseAsync(factory);

        var (response, page) = await doj.SearchAsync(ByName("sean olafsd"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var rows = page.QuerySelectorAll("table.doj-results tbody tr");
        var row = Assert.Single(rows);
        Assert.Contains("Seán Ólafsdóttir", row.TextContent);
        Assert.Contains("2014-05-17", row.TextContent);
        Assert.Contains("taken " + Today.AddMonths(-8).ToString("MMMM yyyy"), row.TextContent);
        Assert.Contains("Helena", row.TextContent);
        Assert.True(response.Headers.CacheControl?.NoStore, "search results with photos must not be stored");
    }

    [Theory]
    [InlineData("V200000001", "Optout", OptInChoice.OptOut, true, false)]   // opted out
    [InlineData("V200000002", "Blank", null, true, false)]                   // state value blank
    [InlineData("V200000003", "Unknownval", OptInChoice.Unknown, true, false)] // state never got an explicit choice
    [InlineData("V200000004", "Expired", OptInChoice.OptIn, true, true)]     // photo two years old
    [InlineData("V200000005", "Nophoto", OptInChoice.OptIn, false, false)]   // never synced a photo
    public async Task A_child_whose_photo_is_not_available_gives_no_photo_in_the_repository(string stateId, string last, OptInChoice? value, bool hasPhoto, bool expired)
    {
        DateOnly? photoDate = !hasPhoto ? null : expired ? Today.AddYears(-2) : Today.AddMonths(-3);
        await StateRecords.AddAsync(factory, stateId, "Hidden", last, Born, value, photoDate);
        var doj = await StateRecords.DojWithCaseAsync(factory);

        foreach (var criteria in new[] { ByName("Hidden " + last), new Dictionary<string, string> { ["Input.StateStudentId"] = stateId } })
        {
            var (response, page) = await doj.SearchAsync(criteria);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.NotNull(page.QuerySelector("#no-photo"));
            Assert.Empty(page.QuerySelectorAll("table.doj-results tbody tr"));
            // Nothing on the page hints that a record exists (the suggestions only echo the words typed).
            page.QuerySelector("#suggestions")?.Remove();
            Assert.DoesNotContain(last, page.QuerySelector("main")?.TextContent.Replace("Hidden " + last, "") ?? "");
        }
    }

    [Fact]
    public async Task Unknown_arriving_after_opt_in_leaves_the_photo_visible_because_the_state_value_stays_opt_in()
    {
        // A Helena child the district opted in, with a current photo, that the first sync copied to the state.
        var (studentId, stateId) = factory.WithDb(db => db.Students
            .Where(s => s.District!.Code == "0101" && s.OptIn == OptInChoice.OptIn && s.Photo != null)
            .OrderBy(s => s.Id).Select(s => new { s.Id, s.StateStudentId }).First()) is var c ? (c.Id, c.StateStudentId) : default;
        Assert.Equal(OptInChoice.OptIn, StateValue(stateId));
        var clerk = await factory.SignedInClientAsync(DemoData.HelenaClerk);
        var doj = await StateRecords.DojWithCaseAsync(factory);

        // The clerk records Unknown on the child's page; the sync carries it to the state, which keeps Opt In.
        await RecordOptInAsync(clerk, studentId, OptInChoice.Unknown);
        await RunSyncAsync();
        Assert.Equal(OptInChoice.OptIn, StateValue(stateId));
        var (_, found) = await doj.SearchAsync(new() { ["Input.StateStudentId"] = stateId });
        Assert.Contains(stateId, Assert.Single(found.QuerySelectorAll("table.doj-results tbody tr")).TextContent);

        // Control: the same path does carry a choice, so the Unknown above did reach the state and was not let through.
        await RecordOptInAsync(clerk, studentId, OptInChoice.OptOut);
        await RunSyncAsync();
        Assert.Equal(OptInChoice.OptOut, StateValue(stateId));
        var (_, gone) = await doj.SearchAsync(new() { ["Input.StateStudentId"] = stateId });
        Assert.NotNull(gone.QuerySelector("#no-photo"));
    }

    private OptInChoice? StateValue(string stateId) => factory.WithDb(db => db.StateStudents.Single(s => s.StateStudentId == stateId).OptIn);

    private async Task RecordOptInAsync(HttpClient clerk, int studentId, OptInChoice value)
    {
        factory.Time.Advance(TimeSpan.FromSeconds(1));
        var page = await clerk.GetPageAsync($"/District/Students/OptIn/{studentId}");
        var response = await clerk.SubmitAsync(page, "#opt-in-form", new Dictionary<string, string>
        {
            ["Input.NewValue"] = value.ToString(), ["Input.Source"] = nameof(ConsentSource.WrittenRequest),
            ["Input.GivenOn"] = Today.ToString("yyyy-MM-dd"), ["Input.SchoolYear"] = StateCalendar.SchoolYearOf(Today), ["Input.Note"] = "",
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    private async Task RunSyncAsync()
    {
        factory.Time.Advance(TimeSpan.FromSeconds(1));
        using var scope = factory.Services.CreateScope();
        var run = await scope.ServiceProvider.GetRequiredService<StateSyncJob>().RunAsync(SyncTrigger.Manual, "test");
        Assert.Equal(SyncOutcome.Succeeded, run?.Outcome);
    }

    [Fact]
    public async Task A_photo_taken_the_day_after_the_two_year_cutoff_is_still_found()
    {
        await StateRecords.AddAsync(factory, "V300000002", "Edge", "Lastday", Born, OptInChoice.OptIn, Today.AddYears(-2).AddDays(1));
        var doj = await StateRecords.DojWithCaseAsync(factory);
        var (_, page) = await doj.SearchAsync(ByName("lastday"));
        Assert.Single(page.QuerySelectorAll("table.doj-results tbody tr"));
    }

    [Fact]
    public async Task Search_by_birth_date_age_range_and_district_narrows_the_results()
    {
        var born = Today.AddYears(-9).AddDays(-10);
        await StateRecords.AddAsync(factory, "V400000001", "Agesearch", "Ninebig", born, OptInChoice.OptIn, Today.AddMonths(-2), "0202");
        var doj = await StateRecords.DojWithCaseAsync(factory);
        var missoula = factory.WithDb(db => db.Districts.First(d => d.Code == "0202").Id.ToString());
        var helena = factory.WithDb(db => db.Districts.First(d => d.Code == "0101").Id.ToString());

        var (_, found) = await doj.SearchAsync(new() { ["Input.Name"] = "agesearch", ["Input.AgeFrom"] = "9", ["Input.AgeTo"] = "9", ["Input.DistrictId"] = missoula });
        Assert.Single(found.QuerySelectorAll("table.doj-results tbody tr"));
        var (_, byBirth) = await doj.SearchAsync(new() { ["Input.BirthDate"] = born.ToString("yyyy-MM-dd"), ["Input.Name"] = "ninebig" });
        Assert.Single(byBirth.QuerySelectorAll("table.doj-results tbody tr"));
        var (_, tooOld) = await doj.SearchAsync(new() { ["Input.Name"] = "agesearch", ["Input.AgeFrom"] = "10" });
        Assert.NotNull(tooOld.QuerySelector("#no-photo"));
        var (_, otherDistrict) = await doj.SearchAsync(new() { ["Input.Name"] = "agesearch", ["Input.DistrictId"] = helena });
        Assert.NotNull(otherDistrict.QuerySelector("#no-photo"));
    }

    [Fact]
    public async Task Each_search_writes_one_disclosure_record_with_the_case_context_criteria_and_result_count()
    {
        await StateRecords.AddAsync(factory, "V500000001", "Recorded", "Searchee", Born, OptInChoice.OptIn, Today.AddMonths(-1));
        var doj = await StateRecords.DojWithCaseAsync(factory, "CASE-REC-1", "Missoula County Sheriff");

        await doj.SearchAsync(ByName("searchee"));
        await doj.SearchAsync(ByName("nobody-by-this-name"));

        var all = await factory.WithDbAsync(db => db.DisclosureRecords.Where(r => r.CaseNumber == "CASE-REC-1").OrderBy(r => r.Id).ToListAsync());
        // One record per search, and one per child shown (issue 12): the child's district sees it.
        var shown = Assert.Single(all, r => r.Kind == DisclosureKind.SearchResult);
        Assert.Equal("V500000001", shown.StudentStateId);
        Assert.NotNull(shown.DistrictId);
        Assert.Contains("searchee", shown.Criteria);
        var records = all.Where(r => r.Kind == DisclosureKind.Search).ToList();
        Assert.Equal(2, records.Count);
        Assert.All(records, r =>
        {
            Assert.Equal(DisclosureKind.Search, r.Kind);
            Assert.Equal(DemoData.DojStaff, r.UserName);
            Assert.Equal("Missoula County Sheriff", r.Agency);
            Assert.Equal(LegalBasis.MissingChildReport, r.LegalBasis);
        });
        Assert.Contains("searchee", records[0].Criteria);
        Assert.Equal(1, records[0].ResultCount);
        Assert.Null(records[0].StateStudentId);
        Assert.Equal(0, records[1].ResultCount);
    }

    [Fact]
    public async Task Without_a_case_context_the_search_sends_the_user_to_enter_one_and_an_empty_case_is_refused_with_a_message()
    {
        var doj = await factory.SignedInClientAsync(DemoData.DojStaff);
        var response = await doj.GetAsync("/State/Doj/Search");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/State/Doj/Case", response.Headers.Location!.OriginalString);

        var page = await doj.GetPageAsync("/State/Doj/Case");
        var refused = await doj.SubmitAsync(page, "#case-form", new Dictionary<string, string> { ["Input.CaseNumber"] = "", ["Input.Agency"] = "" });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var html = await refused.Content.ReadAsStringAsync();
        Assert.Contains("Enter the case number.", html);
        Assert.Contains("Choose the legal basis.", html);
        Assert.Equal(HttpStatusCode.Redirect, (await doj.GetAsync("/State/Doj/Search")).StatusCode);
    }

    [Fact]
    public async Task A_search_with_no_criteria_is_refused_with_a_message_and_not_recorded()
    {
        var doj = await StateRecords.DojWithCaseAsync(factory, "CASE-EMPTY");
        var (response, page) = await doj.SearchAsync(new());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Enter at least one thing to search by", page.QuerySelector(".errors")!.TextContent);
        Assert.False(await factory.WithDbAsync(db => db.DisclosureRecords.AnyAsync(r => r.CaseNumber == "CASE-EMPTY")));
    }
}
