using Microsoft.Playwright;
using PhotoRepository.BrowserTests.Infrastructure;
using PhotoRepository.Web.Seeding;

namespace PhotoRepository.BrowserTests.District;

public class DistrictHomeTests(LiveApp app) : IClassFixture<LiveApp>
{
    [BrowserFact]
    public async Task A_clerk_signs_in_and_sees_the_district_home_page()
    {
        Assert.Null(LiveApp.MissingBrowserReason);
        var page = await app.SignedInPageAsync(DemoData.HelenaClerk);

        Assert.EndsWith("/District", page.Url);
        Assert.Equal("Helena Public Schools", (await page.Locator("h1").TextContentAsync())?.Trim());
        await Assertions.Expect(page.Locator(".cards")).ToContainTextAsync("students");
        await LiveApp.ScreenshotAsync(page, "district-home");
        Assert.True(File.Exists(Path.Combine(LiveApp.ScreenshotFolder, "district-home.png")));
    }
}
