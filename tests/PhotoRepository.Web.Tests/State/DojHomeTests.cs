using AngleSharp.Html.Dom;

namespace PhotoRepository.Web.Tests.State;

/// <summary>
/// The DOJ home: the case and the search in one form. Every privacy rule of the search page holds here too:
/// nothing is searched or shown without a case, each child shown is recorded, no dragnet, at most 25.
/// </summary>
public class DojHomeTests(AppFactory factory) : IClassFixture<AppFactory>
{
    private static DateOnly Today => StateRecords.Today;
    private static readonly DateOnly Born = new(2013, 3, 9);

    private static async Task<(HttpResponseMessage Response, IHtmlDocument Page)> HomeSearchAsync(HttpClient doj, Dictionary<string, string> values)
    {
        var home = await doj.GetPageAsync("/State/Doj");
        var response = await doj.SubmitAsync(home, "#search-form", values);
        return (response, await Browser.ParseAsync(response));
    }

    private Task<List<DisclosureRecord>> RecordsOfCaseAsync(string caseNumber) =>
        factory.WithDbAsync(db => db.DisclosureRecords.AsNoTracking().Where(r => r.CaseNumber == caseNumber).ToListAsync());

    private Task<int> RecordCountAsync() => factory.WithDbAsync(db => db.DisclosureRecords.CountAsync());

    private async Task<int> AddCaseAsync(string caseNumber, string openedBy, bool closed = false) => await factory.WithDbAsync(async db =>
    {
        var c = new MissingChildCase
        {
            CaseNumber = caseNumber, Agency = "Butte Police", ReportedOn = Today, OpenedBy = openedBy, OpenedAt = factory.Time.GetUtcNow().UtcDateTime,
            ChildFirstName = "Casey", ChildLastName = caseNumber, ClosedAt = closed ? factory.Time.GetUtcNow().UtcDateTime : null,
        };
        db.MissingChildCases.Add(c);
        await db.SaveChangesAsync();
        return c.Id;
    });

    [Fact]
    public async Task A_typed_case_and_a_name_in_one_form_find_the_child_record_the_case_and_open_the_photo()
    {
        var (_, key) = await StateRecords.AddAsync(factory, "H100000001", "Harriet", "Homepage", Born, OptInChoice.OptIn, Today.AddMonths(-4));
        var doj = await factory.SignedInClientAsync(DemoData.DojStaff);

        var home = await doj.GetPageAsync("/State/Doj");
        Assert.NotNull(home.QuerySelector("#search-form #Choice_Other_CaseNumber"));
        Assert.NotNull(home.QuerySelector("#search-form #Input_Name"));
        Assert.Empty(home.QuerySelectorAll("table.doj-results"));

        var (response, page) = await HomeSearchAsync(doj, new()
        {
            ["Choice.Other.CaseNumber"] = "HOME-TYPED-1", ["Choice.Other.Agency"] = "Helena Police Department", ["Choice.Other.LegalBasis"] = "MissingChildReport",
            ["Input.Name"] = "harriet homep",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl?.NoStore, "search results with photos must not be stored");
        Assert.Contains("Harriet Homepage", Assert.Single(page.QuerySelectorAll("table.doj-results tbody tr")).TextContent);
        var records = await RecordsOfCaseAsync("HOME-TYPED-1");
        Assert.Single(records, r => r.Kind == DisclosureKind.Search && r.Agency == "Helena Police Department");
        Assert.Equal("H100000001", Assert.Single(records, r => r.Kind == DisclosureKind.SearchResult).StudentStateId);
        // The form comes back with that case in use, and it is the session's case: the photo opens, recorded with it.
        Assert.Equal("current", (page.QuerySelector("#Choice_Pick") as IHtmlSelectElement)?.Value);
        Assert.Contains("HOME-TYPED-1", page.QuerySelector("#Choice_Pick")!.TextContent);
        var view = page.QuerySelector("table.doj-results a.button")!.GetAttribute("href")!;
        Assert.Equal($"/State/Doj/Photo?key={key}", view);
        Assert.Equal(HttpStatusCode.OK, (await doj.GetAsync(view)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await doj.GetAsync($"/State/Doj/Photos/{key}")).StatusCode);
        Assert.Single(await RecordsOfCaseAsync("HOME-TYPED-1"), r => r.Kind == DisclosureKind.PhotoViewed && r.StudentStateId == "H100000001");
    }

    [Fact]
    public async Task Without_a_case_nothing_is_searched_shown_or_recorded()
    {
        await StateRecords.AddAsync(factory, "H200000001", "Nocase", "Searched", Born, OptInChoice.OptIn, Today.AddMonths(-4));
        var doj = await factory.SignedInClientAsync(DemoData.DojStaff);
        var before = await RecordCountAsync();

        var attempts = new[]
        {
            new Dictionary<string, string> { ["Choice.Pick"] = "", ["Input.Name"] = "Nocase Searched" },
            new Dictionary<string, string> { ["Choice.Pick"] = "current", ["Input.Name"] = "Nocase Searched" },  // no case in use
            new Dictionary<string, string> { ["Choice.Pick"] = "", ["Choice.Other.CaseNumber"] = "HOME-HALF", ["Input.Name"] = "Nocase Searched" },  // no agency, no basis
            new Dictionary<string, string> { ["Choice.Pick"] = "not-a-case", ["Input.StateStudentId"] = "H200000001" },
        };
        foreach (var attempt in attempts)
        {
            var (response, page) = await HomeSearchAsync(doj, attempt);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Empty(page.QuerySelectorAll("table.doj-results tbody tr"));
            Assert.DoesNotContain("Searched", page.QuerySelector("main")!.TextContent.Replace("Nocase Searched", ""));
            Assert.NotNull(page.QuerySelector(".error-summary[role=alert]"));
        }
        Assert.Equal(before, await RecordCountAsync());
        // And no case context was set along the way: the photo pages still send the user to choose a case.
        Assert.Contains("/State/Doj/Case", (await doj.GetAsync("/State/Doj/Search")).Headers.Location!.ToString());
    }

    [Fact]
    public async Task Picking_one_of_my_open_cases_searches_under_it_and_another_officers_or_a_closed_case_is_refused()
    {
        await StateRecords.AddAsync(factory, "H300000001", "Picked", "Opencase", Born, OptInChoice.OptIn, Today.AddMonths(-4));
        var mine = await AddCaseAsync("HOME-MINE-1", DemoData.DojStaff);
        var theirs = await AddCaseAsync("HOME-THEIRS-1", "other.officer@doj.example");
        var closed = await AddCaseAsync("HOME-CLOSED-1", DemoData.DojStaff, closed: true);
        var doj = await factory.SignedInClientAsync(DemoData.DojStaff);

        var home = await doj.GetPageAsync("/State/Doj");
        var options = home.QuerySelectorAll("#Choice_Pick option").Select(o => o.GetAttribute("value")).ToList();
        Assert.Contains(mine.ToString(), options);
        Assert.DoesNotContain(theirs.ToString(), options);
        Assert.DoesNotContain(closed.ToString(), options);

        var before = await RecordCountAsync();
        foreach (var forged in new[] { theirs, closed })
        {
            var (_, refused) = await HomeSearchAsync(doj, new() { ["Choice.Pick"] = forged.ToString(), ["Input.Name"] = "Picked Opencase" });
            Assert.Empty(refused.QuerySelectorAll("table.doj-results tbody tr"));
            Assert.Contains("Choose one of your open cases", refused.QuerySelector(".error-summary")!.TextContent);
        }
        Assert.Equal(before, await RecordCountAsync());

        var (_, page) = await HomeSearchAsync(doj, new() { ["Choice.Pick"] = mine.ToString(), ["Input.Name"] = "Picked Opencase" });
        Assert.Single(page.QuerySelectorAll("table.doj-results tbody tr"));
        var search = Assert.Single(await RecordsOfCaseAsync("HOME-MINE-1"), r => r.Kind == DisclosureKind.Search);
        Assert.Equal("Butte Police", search.Agency);
        Assert.Equal(LegalBasis.MissingChildReport, search.LegalBasis);
        Assert.Single(await RecordsOfCaseAsync("HOME-MINE-1"), r => r.Kind == DisclosureKind.SearchResult && r.StudentStateId == "H300000001");
    }

    [Fact]
    public async Task The_case_in_use_comes_preselected()
    {
        var doj = await factory.SignedInClientAsync(DemoData.DojStaff);
        await doj.SetCaseAsync("HOME-INUSE-1", "Bozeman Police");
        var inUse = await doj.GetPageAsync("/State/Doj");
        var select = (IHtmlSelectElement)inUse.QuerySelector("#Choice_Pick")!;
        Assert.Equal("current", select.Value);
        Assert.Contains("HOME-INUSE-1 · Bozeman Police", select.SelectedOptions[0].TextContent);
    }

    [Fact]
    public async Task The_home_refuses_a_dragnet_and_a_no_match_suggests_spellings_that_search_under_the_same_case()
    {
        await StateRecords.AddAsync(factory, "H400000001", "Katarina", "Kowalczyk", Born, OptInChoice.OptIn, Today.AddMonths(-4));
        var doj = await factory.SignedInClientAsync(DemoData.DojStaff);
        var typed = new Dictionary<string, string>
        {
            ["Choice.Other.CaseNumber"] = "HOME-SPELL-1", ["Choice.Other.Agency"] = "Billings PD", ["Choice.Other.LegalBasis"] = "MissingChildReport",
        };
        var before = await RecordCountAsync();
        var (_, dragnet) = await HomeSearchAsync(doj, new(typed) { ["Input.AgeFrom"] = "0", ["Input.AgeTo"] = "25" });
        Assert.Empty(dragnet.QuerySelectorAll("table.doj-results tbody tr"));
        Assert.Contains("Search by the child", dragnet.QuerySelector(".error-summary")!.TextContent);
        Assert.Equal(before, await RecordCountAsync());

        var (_, none) = await HomeSearchAsync(doj, new(typed) { ["Input.Name"] = "Katarina Kowalczik" });
        Assert.NotNull(none.QuerySelector("#no-photo"));
        Assert.NotNull(none.QuerySelector("#try-birth-date"));
        var form = (IHtmlFormElement)none.QuerySelectorAll("#suggestions form").First(f => f.QuerySelector("input[name='Input.Name']")!.GetAttribute("value") == "Kowa");
        var fields = form.Elements.OfType<IHtmlInputElement>().Select(i => new KeyValuePair<string, string>(i.Name!, i.Value)).ToList();
        var found = await Browser.ParseAsync(await doj.PostAsync("/State/Doj", new FormUrlEncodedContent(fields)));
        Assert.Contains("Katarina Kowalczyk", found.QuerySelector(".doj-results")!.TextContent);
        Assert.Equal(2, (await RecordsOfCaseAsync("HOME-SPELL-1")).Count(r => r.Kind == DisclosureKind.Search));
    }

    [Fact]
    public async Task The_home_shows_at_most_25_children_and_records_exactly_those()
    {
        for (var i = 0; i < 27; i++)
            await StateRecords.AddAsync(factory, $"H5000000{i:00}", $"Kid{i:00}", "Manyhome", Born, OptInChoice.OptIn, Today.AddMonths(-3));
        var doj = await factory.SignedInClientAsync(DemoData.DojStaff);
        var (_, page) = await HomeSearchAsync(doj, new()
        {
            ["Choice.Other.CaseNumber"] = "HOME-MANY-1", ["Choice.Other.Agency"] = "Havre PD", ["Choice.Other.LegalBasis"] = "MissingChildReport",
            ["Input.Name"] = "manyhome",
        });
        Assert.Equal(25, page.QuerySelectorAll("table.doj-results tbody tr").Length);
        Assert.NotNull(page.QuerySelector("#refine"));
        var shown = page.QuerySelectorAll("table.doj-results tbody tr .hint").Select(e => e.TextContent.Trim()).ToHashSet();
        var recorded = (await RecordsOfCaseAsync("HOME-MANY-1")).Where(r => r.Kind == DisclosureKind.SearchResult).Select(r => r.StudentStateId).ToList();
        Assert.Equal(25, recorded.Count);
        Assert.True(shown.SetEquals(recorded));
    }
}
