using Microsoft.Extensions.DependencyInjection;
using PhotoRepository.Core.Data;
using PhotoRepository.Core.Entities;

namespace PhotoRepository.BrowserTests.District;

public class DistrictHomeTests(LiveApp app) : IClassFixture<LiveApp>
{
    [BrowserFact]
    public async Task A_clerk_signs_in_and_sees_their_own_districts_figures()
    {
        Assert.Null(LiveApp.MissingBrowserReason);
        var page = await app.SignedInPageAsync(DemoData.HelenaClerk);

        Assert.EndsWith("/District", page.Url);
        Assert.Equal("Helena Public Schools", (await page.Locator("h1").TextContentAsync())?.Trim());
        await LiveApp.ScreenshotAsync(page, "district-home");

        // The figures are Helena's own, counted from its records (the other districts' are far from equal).
        var (students, optedIn, optedOut, unknown, withPhoto) = app.WithDb(db =>
        {
            var helena = db.Students.Where(s => s.District!.Code == "0101");
            return (helena.Count(), helena.Count(s => s.OptIn == OptInChoice.OptIn), helena.Count(s => s.OptIn == OptInChoice.OptOut),
                helena.Count(s => s.OptIn == OptInChoice.Unknown), helena.Count(s => s.Photo != null));
        });
        Assert.NotEqual(students, app.WithDb(db => db.Students.Count()));
        var figures = await page.Locator(".cards .card").AllInnerTextsAsync();
        Assert.Equal([$"{students} students", $"{optedIn} opted in", $"{optedOut} opted out", $"{unknown} unknown", $"{withPhoto} with a photo"],
            figures.Select(f => string.Join(' ', f.Split((char[])[' ', '\n'], StringSplitOptions.RemoveEmptyEntries))));
    }
}
