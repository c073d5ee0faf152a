using System.IO.Compression;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PhotoRepository.Core.Data;
using PhotoRepository.Core.Photos;

namespace PhotoRepository.BrowserTests.Photos;

public class PhotoImportWizardBrowserTests(LiveApp app) : IClassFixture<LiveApp>
{
    [BrowserFact]
    public async Task A_clerk_runs_the_wizard_in_the_browser_and_sees_the_report()
    {
        Assert.Null(LiveApp.MissingBrowserReason);
        List<string> ids;
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PhotoRepositoryDbContext>();
            ids = await db.Students.Where(s => s.District!.Code == "0101").OrderBy(s => s.Id).Select(s => s.StateStudentId).Take(4).ToListAsync();
        }
        using var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        {
            var seed = 500;
            foreach (var name in ids.Select(id => $"picture-day/{id}.jpg").Append("picture-day/0000000000.jpg").Append("__MACOSX/._x.jpg"))
            {
                using var entry = archive.CreateEntry(name).Open();
                entry.Write(PlaceholderPortrait.Jpeg(seed++));
            }
        }

        var page = await app.SignedInPageAsync(DemoData.HelenaClerk);
        await page.GetByRole(AriaRole.Link, new() { Name = "Photo import" }).ClickAsync();
        await page.Locator("#Input_Zip").SetInputFilesAsync(new FilePayload { Name = "picture-day.zip", MimeType = "application/zip", Buffer = zip.ToArray() });
        await page.Locator("#Input_PhotoDate").FillAsync(app.Today.AddDays(-20).ToString("yyyy-MM-dd"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload and preview" }).ClickAsync();

        // The upload returns at once; the real Hangfire server decodes the photos, and the page's script
        // follows the check and reloads into the preview by itself.
        await Assertions.Expect(page.Locator("h2")).ToContainTextAsync("Preview", new() { Timeout = 60_000 });
        await Assertions.Expect(page.Locator("tr.import-matched")).ToHaveCountAsync(4);
        await Assertions.Expect(page.Locator("tr.import-unmatched")).ToHaveCountAsync(1);
        // Each matched row says what the commit will do and shows the photo as it will be stored (loaded by the browser).
        Assert.Equal(4, await page.Locator("tr.import-matched td.import-what").Filter(new() { HasTextRegex = new System.Text.RegularExpressions.Regex("New photo|Replaces the current photo") }).CountAsync());
        await Assertions.Expect(page.Locator("tr.import-unmatched td.import-what")).ToHaveTextAsync("Not imported: no such student");
        var thumbs = page.Locator("tr.import-matched img.import-thumb");
        await Assertions.Expect(thumbs).ToHaveCountAsync(4);
        await thumbs.First.ScrollIntoViewIfNeededAsync();
        await page.WaitForFunctionAsync("() => { const i = document.querySelector('tr.import-matched img.import-thumb'); return i && i.complete && i.naturalWidth > 0; }");
        await LiveApp.ScreenshotAsync(page, "photo-import-preview");
        await page.Locator("#import-commit").ClickAsync();

        // The real Hangfire server runs the job; the page's script follows it and shows the report.
        await Assertions.Expect(page.Locator("#import-report")).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await Assertions.Expect(page.Locator("#import-items")).ToContainTextAsync(ids[0]);
        Assert.Equal(4, await page.Locator("tr.import-matched td.import-what").Filter(new() { HasTextRegex = new System.Text.RegularExpressions.Regex("added|replaced") }).CountAsync());
        await Assertions.Expect(page.Locator("#import-csv")).ToBeVisibleAsync();
        await LiveApp.ScreenshotAsync(page, "photo-import-report");
    }
}
