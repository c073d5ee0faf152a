using Microsoft.Playwright;
using PhotoRepository.BrowserTests.Infrastructure;
using PhotoRepository.Web.Seeding;

namespace PhotoRepository.BrowserTests.District;

public class OptInChangeTests(LiveApp app) : IClassFixture<LiveApp>
{
    [BrowserFact]
    public async Task A_clerk_changes_a_students_opt_in_and_sees_it_in_the_history()
    {
        Assert.Null(LiveApp.MissingBrowserReason);
        var page = await app.SignedInPageAsync(DemoData.HelenaClerk);

        await page.GotoAsync(app.BaseUrl + "/District/Students?Filter.OptIn=Unknown");
        await page.Locator("table.list tbody a").First.ClickAsync();
        var name = (await page.Locator("h1").TextContentAsync())!.Trim();
        await page.GetByRole(AriaRole.Link, new() { Name = "Change the opt-in choice" }).ClickAsync();

        await page.GetByLabel("Opt In").First.CheckAsync();
        await page.Locator("select[name='Input.Source']").SelectOptionAsync(new SelectOptionValue { Label = "Annual notice form" });
        await page.Locator("textarea[name='Input.Note']").FillAsync("Signed form returned to the office");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save the choice" }).ClickAsync();

        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync(name);
        await Assertions.Expect(page.Locator("#opt-in-current")).ToContainTextAsync("Opt In");
        await Assertions.Expect(page.Locator("#opt-in-history")).ToContainTextAsync("Unknown → Opt In");
        await Assertions.Expect(page.Locator("#opt-in-history")).ToContainTextAsync("Annual notice form");
        await Assertions.Expect(page.Locator("#opt-in-history")).ToContainTextAsync(DemoData.HelenaClerk);
        await LiveApp.ScreenshotAsync(page, "district-opt-in-history");
    }
}
