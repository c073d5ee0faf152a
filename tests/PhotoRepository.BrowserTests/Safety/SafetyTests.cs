using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PhotoRepository.BrowserTests.Infrastructure;
using PhotoRepository.Core.Data;
using PhotoRepository.Web.Seeding;

namespace PhotoRepository.BrowserTests.Safety;

/// <summary>Nothing is lost by a slip: destructive buttons ask first, and the session's end is announced before it comes.</summary>
public class SafetyTests(LiveApp app) : IClassFixture<LiveApp>
{
    [BrowserFact(Timeout = 180_000)]
    public async Task Remove_photo_asks_first_and_cancel_keeps_the_photo()
    {
        Assert.Null(LiveApp.MissingBrowserReason);
        int id;
        using (var scope = app.Services.CreateScope())
            id = scope.ServiceProvider.GetRequiredService<PhotoRepositoryDbContext>().Students
                .Where(s => s.District!.Code == "0101" && s.Photo != null).OrderBy(s => s.Id).Select(s => s.Id).First();
        var page = await app.SignedInPageAsync(DemoData.HelenaClerk);
        var audit = new PageAudit(page, "clerk");
        await page.GotoAsync($"/District/Students/Photo/{id}");

        await page.ClickAsync("form.photo-remove button");
        var dialog = page.Locator("dialog.confirm");
        await Assertions.Expect(dialog).ToBeVisibleAsync();
        await Assertions.Expect(dialog).ToContainTextAsync("Remove the photo of");
        await audit.CheckAsync("remove-photo-confirm");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
        await Assertions.Expect(dialog).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("img.photo-full")).ToBeVisibleAsync();

        await page.ClickAsync("form.photo-remove button");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Remove the photo" }).ClickAsync();
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("No photo yet");
        audit.AssertClean();
    }

    [BrowserFact(Timeout = 180_000)]
    public async Task Two_minutes_before_the_session_ends_a_warning_shows_and_at_the_end_the_sign_in_page_says_it_expired()
    {
        Assert.Null(LiveApp.MissingBrowserReason);
        var page = await app.SignedInPageAsync(DemoData.HelenaClerk);
        await page.Clock.InstallAsync();
        await page.GotoAsync("/District/Students");
        var warning = page.Locator("#session-warning");
        await Assertions.Expect(warning).ToBeHiddenAsync();

        // The session lasts eight hours: at 7 h 58 min 30 s the warning is up.
        await page.Clock.FastForwardAsync("07:58:30");
        await Assertions.Expect(warning).ToBeVisibleAsync();
        await Assertions.Expect(warning).ToContainTextAsync("two minutes");
        await LiveApp.ScreenshotAsync(page, "session-warning");

        await page.Clock.FastForwardAsync("02:00");
        await page.WaitForURLAsync("**/Account/Login?expired=1*");
        await Assertions.Expect(page.Locator("#session-expired")).ToContainTextAsync("session expired");
        await LiveApp.ScreenshotAsync(page, "session-expired");
    }
}
