using System.Net;
using Microsoft.EntityFrameworkCore;
using PhotoRepository.Core.Entities;
using PhotoRepository.Web.Seeding;
using PhotoRepository.Web.Tests.Infrastructure;
using PhotoRepository.Web.Tests.State;

namespace PhotoRepository.Web.Tests.Security;

/// <summary>Issue 12, items 1-3, 5 and 12, and issue 11 items 6 and 7: tried as an attacker (or a user) would, over HTTP.</summary>
public class DisclosureAttackTests(AppFactory factory) : IClassFixture<AppFactory>
{
    private static DateOnly Today => StateRecords.Today;

    private async Task<(int CaseId, Guid Key)> OpenCaseForAsync(string stateId, string first, string last, string caseNumber)
    {
        var (studentId, key) = await StateRecords.AddAsync(factory, stateId, first, last, new(2014, 3, 3), OptInChoice.OptIn, Today.AddMonths(-2));
        var caseId = await factory.WithDbAsync(async db =>
        {
            var s = await db.StateStudents.SingleAsync(x => x.Id == studentId);
            var c = new MissingChildCase
            {
                CaseNumber = caseNumber, Agency = "Helena PD", ReportedOn = Today, StateStudentId = studentId, OpenedBy = "t", OpenedAt = DateTime.UtcNow,
                ChildFirstName = s.FirstName, ChildLastName = s.LastName, ChildBirthDate = s.BirthDate, ChildDistrictId = s.DistrictId,
            };
            db.MissingChildCases.Add(c);
            await db.SaveChangesAsync();
            return c.Id;
        });
        return (caseId, key);
    }

    private Task<int> DisclosuresAsync(string stateId) =>
        factory.WithDbAsync(db => db.DisclosureRecords.CountAsync(r => r.StudentStateId == stateId));

    [Fact]
    public async Task Aim_staff_get_the_monthly_list_without_photos_and_every_photo_url_refuses_them()
    {
        var (caseId, _) = await OpenCaseForAsync("X120000001", "Aimee", "Nophoto", "CASE-AIM-1");
        var state = await factory.SignedInClientAsync(DemoData.StateStaff);

        var list = await state.GetPageAsync("/MissingChildren");
        Assert.Contains("Aimee Nophoto", list.QuerySelector("#missing-list")!.TextContent);
        Assert.Empty(list.QuerySelectorAll("#missing-list img"));
        var photo = await state.GetAsync($"/MissingChildren/Photos/{caseId}");
        Assert.True(photo.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Redirect && photo.Content.Headers.ContentType?.MediaType != "image/jpeg",
            $"AIM got {(int)photo.StatusCode} {photo.Content.Headers.ContentType}");
    }

    [Fact]
    public async Task Every_districts_clerk_gets_the_monthly_list_photo_because_the_list_goes_to_every_school()
    {
        // DOMAIN: "the photo where one is available ... Every district sees the list and passes it to its schools."
        var (caseId, _) = await OpenCaseForAsync("X120000002", "Helen", "Listed", "CASE-OTHER-1");
        foreach (var clerk in new[] { DemoData.MissoulaClerk, DemoData.HelenaClerk })
        {
            var client = await factory.SignedInClientAsync(clerk);
            var list = await client.GetPageAsync("/MissingChildren");
            Assert.Contains("Helen Listed", list.QuerySelector("#missing-list")!.TextContent);
            Assert.Contains($"/MissingChildren/Photos/{caseId}", list.Source.Text);
            var photo = await client.GetAsync($"/MissingChildren/Photos/{caseId}");
            Assert.Equal(HttpStatusCode.OK, photo.StatusCode);
            Assert.Equal("image/jpeg", photo.Content.Headers.ContentType?.MediaType);
            Assert.True(photo.Headers.CacheControl?.NoStore);
        }
    }

    [Fact]
    public async Task Doj_without_a_case_gets_no_monthly_list_photo_and_nothing_is_recorded_with_a_case_each_photo_is_recorded()
    {
        var (caseId, key) = await OpenCaseForAsync("X120000003", "Dora", "Casecheck", "CASE-DOJ-LIST");
        var doj = await factory.SignedInClientAsync(DemoData.DojStaff);
        var list = await doj.GetPageAsync("/MissingChildren");
        Assert.Empty(list.QuerySelectorAll("#missing-list img"));
        Assert.NotNull(list.QuerySelector("#case-for-photos"));
        var refused = await doj.GetAsync($"/MissingChildren/Photos/{caseId}");
        Assert.NotEqual("image/jpeg", refused.Content.Headers.ContentType?.MediaType);
        Assert.NotEqual(HttpStatusCode.OK, refused.StatusCode);
        // Cases/Open with a photo key and no case: nothing about the child, nothing recorded.
        var open = await doj.GetAsync($"/State/Doj/Cases/Open?key={key}");
        var html = await open.Content.ReadAsStringAsync();
        Assert.DoesNotContain("Casecheck", html);
        Assert.DoesNotContain("X120000003", html);
        Assert.DoesNotContain("2014-03-03", html);
        Assert.Equal(0, await DisclosuresAsync("X120000003"));

        await doj.SetCaseAsync("CASE-DOJ-LIST", "Helena PD");
        var withCase = await doj.GetPageAsync("/MissingChildren");
        Assert.NotEmpty(withCase.QuerySelectorAll("#missing-list img"));
        var bytes = await doj.GetAsync($"/MissingChildren/Photos/{caseId}");
        Assert.Equal(HttpStatusCode.OK, bytes.StatusCode);
        var records = await factory.WithDbAsync(db => db.DisclosureRecords.Where(r => r.StudentStateId == "X120000003").ToListAsync());
        var record = Assert.Single(records);
        Assert.Equal(DisclosureKind.ThumbnailViewed, record.Kind);
        Assert.Equal("CASE-DOJ-LIST", record.CaseNumber);
    }

    [Fact]
    public async Task A_search_records_each_child_shown_refuses_a_dragnet_and_shows_at_most_25()
    {
        for (var i = 0; i < 30; i++)
            await StateRecords.AddAsync(factory, $"X1230000{i:00}", $"Kid{i:00}", "Dragnetson", new(2012, 5, 5), OptInChoice.OptIn, Today.AddMonths(-3));
        var doj = await StateRecords.DojWithCaseAsync(factory, "CASE-DRAGNET");

        // Age range and district alone: refused, nothing shown, nothing recorded.
        var before = await factory.WithDbAsync(db => db.DisclosureRecords.CountAsync());
        var (_, refused) = await doj.SearchAsync(new() { ["Input.AgeFrom"] = "0", ["Input.AgeTo"] = "25" });
        Assert.Empty(refused.QuerySelectorAll(".doj-results tbody tr"));
        var (_, oneLetter) = await doj.SearchAsync(new() { ["Input.Name"] = "d" });
        Assert.Empty(oneLetter.QuerySelectorAll(".doj-results tbody tr"));
        Assert.Equal(before, await factory.WithDbAsync(db => db.DisclosureRecords.CountAsync()));

        var (_, page) = await doj.SearchAsync(new() { ["Input.Name"] = "dragnetson" });
        Assert.Equal(25, page.QuerySelectorAll(".doj-results tbody tr").Length);
        Assert.Contains("Refine your search", page.QuerySelector("#refine")!.TextContent);
        var records = await factory.WithDbAsync(db => db.DisclosureRecords.Where(r => r.CaseNumber == "CASE-DRAGNET").ToListAsync());
        Assert.Single(records, r => r.Kind == DisclosureKind.Search && r.StateStudentId == null);
        var perChild = records.Where(r => r.Kind == DisclosureKind.SearchResult).ToList();
        Assert.Equal(25, perChild.Count);
        Assert.Equal(25, perChild.Select(r => r.StudentStateId).Distinct().Count());
        var shownIds = page.QuerySelectorAll(".doj-results tbody tr .hint").Select(e => e.TextContent.Trim()).ToHashSet();
        Assert.True(shownIds.SetEquals(perChild.Select(r => r.StudentStateId)), "the records name exactly the children shown");

        // Each thumbnail the page loads is one more record naming that child.
        var thumb = page.QuerySelector(".doj-results img")!.GetAttribute("src")!;
        Assert.Equal(HttpStatusCode.OK, (await doj.GetAsync(thumb)).StatusCode);
        Assert.Equal(1, await factory.WithDbAsync(db => db.DisclosureRecords.CountAsync(r => r.CaseNumber == "CASE-DRAGNET" && r.Kind == DisclosureKind.ThumbnailViewed && r.StateStudentId != null)));
    }

    [Fact]
    public async Task A_search_that_finds_nobody_suggests_other_spellings_and_a_birth_date_search()
    {
        await StateRecords.AddAsync(factory, "X124000001", "Marianne", "Sorensen", new(2013, 8, 8), OptInChoice.OptIn, Today.AddMonths(-3));
        var doj = await StateRecords.DojWithCaseAsync(factory, "CASE-SPELL");
        var (_, none) = await doj.SearchAsync(new() { ["Input.Name"] = "Marianne Sorenson" });
        Assert.NotNull(none.QuerySelector("#no-photo"));
        Assert.NotNull(none.QuerySelector("#try-birth-date"));
        var suggestion = none.QuerySelectorAll("#suggestions form").Select(f => f.QuerySelector("input[name='Input.Name']")!.GetAttribute("value")).ToList();
        Assert.Contains("Sore", suggestion);
        // Following a suggestion (a form post, names never in the URL) finds the child.
        var form = (AngleSharp.Html.Dom.IHtmlFormElement)none.QuerySelectorAll("#suggestions form").First(f => f.QuerySelector("input[name='Input.Name']")!.GetAttribute("value") == "Sore");
        Assert.Equal("post", form.Method, ignoreCase: true);
        var fields = form.Elements.OfType<AngleSharp.Html.Dom.IHtmlInputElement>().Select(i => new KeyValuePair<string, string>(i.Name!, i.Value)).ToList();
        var found = await Browser.ParseAsync(await doj.PostAsync("/State/Doj/Search", new FormUrlEncodedContent(fields)));
        Assert.Contains("Sorensen", found.QuerySelector(".doj-results")!.TextContent);
    }

    [Fact]
    public async Task A_case_for_a_child_not_in_the_repository_names_the_child_on_the_monthly_list()
    {
        var doj = await StateRecords.DojWithCaseAsync(factory, "CASE-NOTIN");
        var missoulaId = factory.WithDb(db => db.Districts.First(d => d.Code != "0101").Id);
        var form = await doj.GetPageAsync("/State/Doj/Cases/Open");
        var missing = await doj.SubmitAsync(form, "#open-case-form", new Dictionary<string, string>
        {
            ["Input.CaseNumber"] = "CASE-NOTIN-2", ["Input.Agency"] = "Missoula PD", ["Input.ReportedOn"] = Today.ToString("yyyy-MM-dd"),
        });
        Assert.Equal(HttpStatusCode.OK, missing.StatusCode);
        Assert.Contains("Enter the child&#x27;s first name", await missing.Content.ReadAsStringAsync());

        var opened = await doj.SubmitAsync(form, "#open-case-form", new Dictionary<string, string>
        {
            ["Input.CaseNumber"] = "CASE-NOTIN-2", ["Input.Agency"] = "Missoula PD", ["Input.ReportedOn"] = Today.ToString("yyyy-MM-dd"),
            ["Input.ChildFirstName"] = "Zofia", ["Input.ChildLastName"] = "Notindb", ["Input.ChildBirthDate"] = "2015-01-02", ["Input.ChildDistrictId"] = missoulaId.ToString(),
        });
        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        var clerk = await factory.SignedInClientAsync(DemoData.HelenaClerk);
        var row = (await clerk.GetPageAsync("/MissingChildren")).QuerySelectorAll("#missing-list tbody tr").Single(r => r.TextContent.Contains("CASE-NOTIN-2"));
        Assert.Contains("Zofia Notindb", row.TextContent);
        Assert.Contains("2015-01-02", row.TextContent);
        Assert.Contains(factory.WithDb(db => db.Districts.Single(d => d.Id == missoulaId).Name), row.TextContent);
        Assert.Contains("no photo", row.TextContent);
    }

    [Fact]
    public async Task A_case_started_from_a_photo_takes_the_child_from_the_state_record_not_the_form()
    {
        var (_, key) = await StateRecords.AddAsync(factory, "X125000001", "Real", "Statechild", new(2012, 12, 12), OptInChoice.OptIn, Today.AddMonths(-1));
        var doj = await StateRecords.DojWithCaseAsync(factory, "CASE-FROMPHOTO");
        var form = await doj.GetPageAsync($"/State/Doj/Cases/Open?key={key}");
        Assert.Contains("Real Statechild", form.Body!.TextContent);
        var opened = await doj.SubmitAsync(form, "#open-case-form", new Dictionary<string, string>
        {
            ["Input.CaseNumber"] = "CASE-FROMPHOTO", ["Input.ChildFirstName"] = "Forged", ["Input.ChildLastName"] = "Name",
        });
        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        var saved = await factory.WithDbAsync(db => db.MissingChildCases.SingleAsync(c => c.CaseNumber == "CASE-FROMPHOTO"));
        Assert.Equal(("Real", "Statechild", new DateOnly(2012, 12, 12)), (saved.ChildFirstName, saved.ChildLastName, saved.ChildBirthDate!.Value));
        Assert.NotNull(saved.ChildDistrictId);
    }

    [Fact]
    public async Task Aim_staff_see_counts_by_district_and_month_only_and_administrators_the_whole_record()
    {
        await StateRecords.AddAsync(factory, "X126000001", "Secretia", "Countonly", new(2013, 1, 1), OptInChoice.OptIn, Today.AddMonths(-1));
        var doj = await StateRecords.DojWithCaseAsync(factory, "CASE-SECRET-77", "Secret Agency");
        await doj.SearchAsync(new() { ["Input.Name"] = "Countonly" });

        var state = await factory.SignedInClientAsync(DemoData.StateStaff);
        foreach (var url in new[] { "/State/Aim/Disclosures", "/State/Aim/Disclosures?handler=Csv", "/State/Aim/Disclosures?Filter.Case=CASE-SECRET-77&Filter.Student=X126000001" })
        {
            var response = await state.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var text = await response.Content.ReadAsStringAsync();
            foreach (var secret in new[] { "Countonly", "CASE-SECRET-77", "Secret Agency", "X126000001", DemoData.DojStaff })
                Assert.DoesNotContain(secret, text);
        }
        var counts = await state.GetPageAsync("/State/Aim/Disclosures");
        Assert.NotEmpty(counts.QuerySelectorAll("#disclosure-counts tbody tr"));
        var csv = await state.GetAsync("/State/Aim/Disclosures?handler=Csv");
        Assert.True(csv.Headers.CacheControl?.NoStore, "the counts CSV is no-store");

        var admin = await factory.SignedInClientAsync(DemoData.Administrator);
        var whole = await admin.GetAsync("/Admin/Disclosures?handler=Csv&Filter.Case=CASE-SECRET-77");
        Assert.True(whole.Headers.CacheControl?.NoStore, "the disclosure CSV is no-store");
        var all = await whole.Content.ReadAsStringAsync();
        Assert.Contains("X126000001", all);
        Assert.Contains("Secret Agency", all);
    }

    [Fact]
    public async Task Children_names_stay_out_of_urls_in_the_aim_lookup_and_the_district_list()
    {
        var state = await factory.SignedInClientAsync(DemoData.StateStaff);
        var lookup = await state.GetPageAsync("/State/Aim/Students");
        Assert.Equal("post", ((AngleSharp.Html.Dom.IHtmlFormElement)lookup.QuerySelector("#lookup-form")!).Method, ignoreCase: true);
        // A name in the query string is not a lookup.
        var byUrl = await state.GetPageAsync("/State/Aim/Students?Input.Name=movin&Input.BirthDate=2010-10-10");
        Assert.Null(byUrl.QuerySelector("#state-value"));

        var clerk = await factory.SignedInClientAsync(DemoData.HelenaClerk);
        var list = await clerk.GetPageAsync("/District/Students");
        Assert.Equal("post", ((AngleSharp.Html.Dom.IHtmlFormElement)list.QuerySelector("#student-filters")!).Method, ignoreCase: true);
        var name = factory.WithDb(db => db.Students.IgnoreQueryFilters().First(s => s.DistrictId == db.Districts.First(d => d.Code == "0101").Id).LastName);
        var searched = await clerk.SubmitAsync(list, "#student-filters", new Dictionary<string, string> { ["Filter.Q"] = name });
        Assert.Equal(HttpStatusCode.Redirect, searched.StatusCode);
        var location = searched.Headers.Location!.ToString();
        Assert.DoesNotContain(name, Uri.UnescapeDataString(location), StringComparison.OrdinalIgnoreCase);
        var result = await clerk.GetPageAsync(location);
        Assert.Contains(name, result.QuerySelector("table")!.TextContent);
        foreach (var link in result.QuerySelectorAll("a[href]").Select(a => Uri.UnescapeDataString(a.GetAttribute("href")!)))
            Assert.DoesNotContain(name, link, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Error_codes_are_bounded_and_other_methods_get_405()
    {
        var anonymous = factory.NewClient();
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/Error?code=1000")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/Error?code=200")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/Error?code=404")).StatusCode);

        var clerk = await factory.SignedInClientAsync(DemoData.HelenaClerk);
        foreach (var method in new[] { "TRACE", "PUT", "DELETE", "PATCH" })
        {
            var response = await clerk.SendAsync(new HttpRequestMessage(new HttpMethod(method), "/District/Contact"));
            Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        }
        var readOnly = await clerk.PostAsync("/MissingChildren/Index?handler=Nothing", new FormUrlEncodedContent([]));
        Assert.NotEqual(HttpStatusCode.InternalServerError, readOnly.StatusCode);
    }

    [Fact]
    public async Task The_monthly_list_print_is_rate_limited()
    {
        var clerk = await factory.SignedInClientAsync(DemoData.MissoulaClerk);
        var page = await clerk.GetPageAsync("/MissingChildren");
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < Setup.RateLimits.PrintsPerWindow + 2; i++)
            statuses.Add((await clerk.SubmitAsync(page, "#print-form", new Dictionary<string, string>())).StatusCode);
        Assert.Equal(Setup.RateLimits.PrintsPerWindow, statuses.Count(s => s == HttpStatusCode.OK));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
        Assert.Equal(Setup.RateLimits.PrintsPerWindow, await factory.WithDbAsync(db => db.DisclosureRecords.CountAsync(r => r.Kind == DisclosureKind.MonthlyListPrinted && r.UserName == DemoData.MissoulaClerk)));
    }
}
