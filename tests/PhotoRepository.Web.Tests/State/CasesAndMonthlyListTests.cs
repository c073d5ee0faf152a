using System.Net;
using Microsoft.EntityFrameworkCore;
using PhotoRepository.Core.Entities;
using PhotoRepository.Web.Seeding;
using PhotoRepository.Web.Tests.Infrastructure;

namespace PhotoRepository.Web.Tests.State;

public class CasesAndMonthlyListTests(AppFactory factory) : IClassFixture<AppFactory>
{
    private static DateOnly Today => StateRecords.Today;

    private async Task<HttpResponseMessage> OpenCaseAsync(HttpClient doj, Guid? key, string caseNumber)
    {
        var page = await doj.GetPageAsync(key is null ? "/State/Doj/Cases/Open" : $"/State/Doj/Cases/Open?key={key}");
        return await doj.SubmitAsync(page, "#open-case-form", new Dictionary<string, string>
        {
            ["Input.CaseNumber"] = caseNumber, ["Input.Agency"] = "Great Falls Police", ["Input.ReportedOn"] = Today.ToString("yyyy-MM-dd"), ["Input.NcicNumber"] = "M123456789",
        });
    }

    [Fact]
    public async Task Opening_a_case_from_a_search_result_links_the_child_sets_the_case_context_and_goes_to_the_photo()
    {
        var (id, key) = await StateRecords.AddAsync(factory, "C100000001", "Casey", "Opened", new(2011, 7, 7), OptInChoice.OptIn, Today.AddMonths(-6));
        // The key comes from a search result, which needs a case context (without one the key is ignored: issue 12).
        var doj = await StateRecords.DojWithCaseAsync(factory, "CASE-SEARCHED-FIRST");

        var opened = await OpenCaseAsync(doj, key, "CASE-OPEN-1");

        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        Assert.Equal($"/State/Doj/Photo?key={key}", opened.Headers.Location!.OriginalString);
        var saved = await factory.WithDbAsync(db => db.MissingChildCases.SingleAsync(c => c.CaseNumber == "CASE-OPEN-1"));
        Assert.Equal(id, saved.StateStudentId);
        Assert.Equal("Great Falls Police", saved.Agency);
        Assert.Equal("M123456789", saved.NcicNumber);
        Assert.Null(saved.ClosedAt);
        // The new case is now the session's case context: the photo opens straight away and is recorded against it.
        Assert.Equal(HttpStatusCode.OK, (await doj.GetAsync($"/State/Doj/Photos/{key}")).StatusCode);
        var record = await factory.WithDbAsync(db => db.DisclosureRecords.SingleAsync(r => r.CaseNumber == "CASE-OPEN-1"));
        Assert.Equal(DisclosureKind.PhotoViewed, record.Kind);
        Assert.Equal("C100000001", record.StudentStateId);
    }

    [Fact]
    public async Task A_case_with_a_future_report_date_or_no_number_is_refused_with_a_message()
    {
        var doj = await factory.SignedInClientAsync(DemoData.DojStaff);
        var page = await doj.GetPageAsync("/State/Doj/Cases/Open");
        var response = await doj.SubmitAsync(page, "#open-case-form", new Dictionary<string, string>
        {
            ["Input.CaseNumber"] = "", ["Input.Agency"] = "X", ["Input.ReportedOn"] = Today.AddDays(3).ToString("yyyy-MM-dd"),
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Enter the case number.", html);
        Assert.Contains("cannot be in the future", html);
    }

    [Fact]
    public async Task The_monthly_list_shows_open_cases_only_with_photos_only_where_available_and_closing_removes_a_case()
    {
        var (_, availableKey) = await StateRecords.AddAsync(factory, "C200000001", "Listed", "Withphoto", new(2012, 1, 1), OptInChoice.OptIn, Today.AddMonths(-2));
        var (outId, _) = await StateRecords.AddAsync(factory, "C200000002", "Listed", "Optedout", new(2012, 1, 2), OptInChoice.OptOut, Today.AddMonths(-2));
        var (closedId, _) = await StateRecords.AddAsync(factory, "C200000003", "Listed", "Closedcase", new(2012, 1, 3), OptInChoice.OptIn, Today.AddMonths(-2));
        var doj = await StateRecords.DojWithCaseAsync(factory, "CASE-LIST-SEARCH");
        await OpenCaseAsync(doj, availableKey, "CASE-LIST-1");
        int outCase = 0, closedCase = 0;
        await factory.WithDbAsync(async db =>
        {
            var a = new MissingChildCase { CaseNumber = "CASE-LIST-2", Agency = "A", ReportedOn = Today, StateStudentId = outId, OpenedBy = "t", OpenedAt = DateTime.UtcNow, ChildFirstName = "Listed", ChildLastName = "Optedout" };
            var b = new MissingChildCase { CaseNumber = "CASE-LIST-3", Agency = "A", ReportedOn = Today, StateStudentId = closedId, OpenedBy = "t", OpenedAt = DateTime.UtcNow, ChildFirstName = "Listed", ChildLastName = "Closedcase" };
            db.MissingChildCases.AddRange(a, b);
            await db.SaveChangesAsync();
            (outCase, closedCase) = (a.Id, b.Id);
            return 0;
        });

        // DOJ closes the third case: the child was found.
        var cases = await doj.GetPageAsync("/State/Doj/Cases");
        var close = await doj.SubmitAsync(cases, $"form.close-case[action*='id={closedCase}']", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, close.StatusCode);
        Assert.NotNull(await factory.WithDbAsync(db => db.MissingChildCases.Where(c => c.Id == closedCase).Select(c => c.ClosedAt).SingleAsync()));

        // Every district's clerks see the photo (the list goes to schools); AIM staff see the list without it (issue 12).
        var clerk = await factory.SignedInClientAsync(DemoData.HelenaClerk);
        var list = await clerk.GetPageAsync("/MissingChildren");
        var text = list.QuerySelector("#missing-list")!.TextContent;
        Assert.Contains("Listed Withphoto", text);
        Assert.Contains("Listed Optedout", text);
        Assert.DoesNotContain("Closedcase", text);
        var images = list.QuerySelectorAll("#missing-list img").Select(i => i.GetAttribute("src")!).ToList();
        var openCaseId = factory.WithDb(db => db.MissingChildCases.Single(c => c.CaseNumber == "CASE-LIST-1").Id);
        Assert.Contains($"/MissingChildren/Photos/{openCaseId}", images);
        Assert.DoesNotContain($"/MissingChildren/Photos/{outCase}", images);

        // The list's photo endpoint serves only an open case's available photo.
        var thumb = await clerk.GetAsync($"/MissingChildren/Photos/{openCaseId}");
        Assert.Equal(HttpStatusCode.OK, thumb.StatusCode);
        Assert.True(thumb.Headers.CacheControl?.NoStore);
        Assert.Equal(HttpStatusCode.NotFound, (await clerk.GetAsync($"/MissingChildren/Photos/{outCase}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await clerk.GetAsync($"/MissingChildren/Photos/{closedCase}")).StatusCode);
        var state = await factory.SignedInClientAsync(DemoData.StateStaff);
        var refused = await state.GetAsync($"/MissingChildren/Photos/{openCaseId}");
        Assert.True(refused.StatusCode == HttpStatusCode.Forbidden || refused.Headers.Location?.ToString().Contains("AccessDenied") == true, $"AIM got {(int)refused.StatusCode}");
        var bigSky = await factory.SignedInClientAsync(DemoData.BigSkyClerk);
        Assert.Equal(HttpStatusCode.OK, (await bigSky.GetAsync($"/MissingChildren/Photos/{openCaseId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await bigSky.GetAsync($"/MissingChildren/Photos/{closedCase}")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await factory.NewClient().GetAsync($"/MissingChildren/Photos/{openCaseId}")).StatusCode);
    }

    [Fact]
    public async Task Viewing_the_list_records_nothing_and_printing_it_records_one_disclosure()
    {
        var clerk = await factory.SignedInClientAsync(DemoData.MissoulaClerk);
        var before = factory.WithDb(db => db.DisclosureRecords.Count(r => r.UserName == DemoData.MissoulaClerk));
        var list = await clerk.GetPageAsync("/MissingChildren");
        Assert.Equal(before, factory.WithDb(db => db.DisclosureRecords.Count(r => r.UserName == DemoData.MissoulaClerk)));

        var printed = await clerk.SubmitAsync(list, "#print-form", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.OK, printed.StatusCode);
        Assert.NotNull((await Browser.ParseAsync(printed)).QuerySelector("[data-print-now]"));
        var record = await factory.WithDbAsync(db => db.DisclosureRecords.SingleAsync(r => r.UserName == DemoData.MissoulaClerk));
        Assert.Equal(DisclosureKind.MonthlyListPrinted, record.Kind);
    }
}
