using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PhotoRepository.Core.Data;
using PhotoRepository.Core.Entities;
using PhotoRepository.Core.Rules;

namespace PhotoRepository.BrowserTests.State;

/// <summary>The DOJ home holds the case and the search: from sign-in to a photo in at most four clicks, at desktop and phone size.</summary>
public class DojHomeTests(LiveApp app) : IClassFixture<LiveApp>
{
    private const int Minutes = 60_000;

    [BrowserFact(Timeout = 10 * Minutes)]
    public async Task An_officer_with_an_open_case_signs_in_searches_and_sees_the_photo_in_four_clicks()
    {
        Assert.Null(LiveApp.MissingBrowserReason);
        var (child, caseId) = await PrepareAsync();
        var context = await app.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.BaseUrl });
        var page = await context.NewPageAsync();
        var clicks = 0;
        async Task Click(string selector)
        {
            clicks++;
            await page.ClickAsync(selector);
            await page.WaitForLoadStateAsync(LoadState.Load);
        }

        await page.GotoAsync("/Account/Login");
        await page.FillAsync("#Input_Email", DemoData.DojStaff);
        await page.FillAsync("#Input_Password", DemoData.Password);
        await Click("button[type=submit]");                                        // 1: sign in
        Assert.Contains("/Account/LoginWith2fa", page.Url);
        await page.FillAsync("#Input_Code", await app.AuthenticatorCodeAsync(DemoData.DojStaff));
        await Click("button[type=submit]");                                        // 2: the authenticator step
        Assert.EndsWith("/State/Doj", page.Url);

        // The home: the officer's only open case is already chosen; the child's name and birth date, then Search.
        Assert.Equal(caseId.ToString(), await page.InputValueAsync("#Choice_Pick"));
        await page.FillAsync("#Input_Name", child.FirstName + " " + child.LastName);
        await page.FillAsync("#Input_BirthDate", child.BirthDate.ToString("yyyy-MM-dd"));
        await Click("#search-form button[type=submit]");                           // 3: case + search
        var row = page.Locator("table.doj-results tbody tr", new() { HasText = child.StateStudentId });
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await Click($"table.doj-results tr:has-text('{child.StateStudentId}') a:has-text('View photo')"); // 4: the photo
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync(child.FullName);
        await Assertions.Expect(page.Locator(".doj-photo img")).ToBeVisibleAsync();
        Assert.True(await page.Locator(".doj-photo img").EvaluateAsync<bool>("i => i.complete && i.naturalWidth > 0"), "the photo loaded");
        Assert.Equal(4, clicks);

        // The photo was recorded under the picked case.
        var viewed = app.WithDb(db => db.DisclosureRecords.Count(r => r.CaseNumber == "MT-HOME-0001" && r.Kind == DisclosureKind.PhotoViewed && r.StudentStateId == child.StateStudentId));
        Assert.Equal(1, viewed);
    }

    [BrowserFact(Timeout = 12 * Minutes)]
    public async Task The_home_shows_results_as_a_table_on_a_desktop_and_as_cards_on_a_phone_and_is_accessible()
    {
        Assert.Null(LiveApp.MissingBrowserReason);
        var (child, _) = await PrepareAsync();
        var page = await app.SignedInPageAsync(DemoData.DojStaff);
        var audit = new PageAudit(page, "doj-home");

        await audit.VisitAsync("/State/Doj", "empty");
        // Another case typed in without its agency or legal basis: refused, with the fields marked.
        await page.ClickAsync(".other-case summary");
        await page.FillAsync("#Choice_Other_CaseNumber", "MT-HALF");
        await page.FillAsync("#Input_Name", child.LastName[..3]);
        await page.ClickAsync("#search-form button[type=submit]");
        await Assertions.Expect(page.Locator(".error-summary")).ToContainTextAsync("agency");
        await Assertions.Expect(page.Locator("#Choice_Other_Agency")).ToHaveAttributeAsync("aria-invalid", "true");
        await audit.CheckAsync("errors");

        await page.FillAsync("#Choice_Other_CaseNumber", "");
        await page.ClickAsync("#search-form button[type=submit]");
        await Assertions.Expect(page.Locator("table.doj-results tbody tr").First).ToBeVisibleAsync();
        await audit.CheckAsync("results");

        // Desktop: a table with its header. Phone (390 and 320 px): each child a card, "View photo" on the screen.
        await page.SetViewportSizeAsync(1366, 900);
        Assert.Equal("table-row", await page.Locator("table.doj-results tbody tr").First.EvaluateAsync<string>("r => getComputedStyle(r).display"));
        Assert.True(await page.Locator("table.doj-results thead").IsVisibleAsync());
        foreach (var width in new[] { 390, 320 })
        {
            await page.SetViewportSizeAsync(width, 844);
            var card = page.Locator("table.doj-results tbody tr").First;
            Assert.Equal("grid", await card.EvaluateAsync<string>("r => getComputedStyle(r).display"));
            var view = await card.Locator("a:has-text('View photo')").BoundingBoxAsync();
            Assert.NotNull(view);
            Assert.True(view.X >= 0 && view.X + view.Width <= width, $"View photo at x={view.X}..{view.X + view.Width} on a {width}-px screen");
            Assert.True(view.Height >= 24, "a tap target at least 24 px high");
            Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"), $"no sideways scroll at {width} px");
            await LiveApp.ScreenshotAsync(page, $"doj-home-cards-{width}");
        }
        await page.SetViewportSizeAsync(1366, 900);

        await page.FillAsync("#Input_Name", "Zzyzx Qwertyuiop");
        await page.FillAsync("#Input_BirthDate", "");
        await page.ClickAsync("#search-form button[type=submit]");
        await Assertions.Expect(page.Locator("#no-photo")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#try-birth-date")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#suggestions form")).Not.ToHaveCountAsync(0);
        await audit.CheckAsync("no-match");
        audit.AssertClean();
    }

    /// <summary>An available child, and one open case the demo DOJ officer opened (their only one).</summary>
    private async Task<(StateStudent Child, int CaseId)> PrepareAsync()
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PhotoRepositoryDbContext>();
        var lastTooOld = StateAvailability.LastTooOldPhotoDate(app.Today);
        var child = await db.StateStudents.AsNoTracking()
            .Where(s => s.OptIn == OptInChoice.OptIn && s.Photo != null && s.Photo.PhotoDate > lastTooOld).OrderBy(s => s.Id).FirstAsync();
        var existing = await db.MissingChildCases.FirstOrDefaultAsync(c => c.CaseNumber == "MT-HOME-0001");
        if (existing is not null) return (child, existing.Id);
        var open = new MissingChildCase
        {
            CaseNumber = "MT-HOME-0001", Agency = "Helena Police Department", ReportedOn = app.Today, OpenedBy = DemoData.DojStaff,
            OpenedAt = DateTime.UtcNow, ChildFirstName = "Avery", ChildLastName = "Example",
        };
        db.MissingChildCases.Add(open);
        await db.SaveChangesAsync();
        return (child, open.Id);
    }
}
