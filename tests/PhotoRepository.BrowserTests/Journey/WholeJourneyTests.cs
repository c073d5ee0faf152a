using Microsoft.Extensions.DependencyInjection;
using PhotoRepository.Core.Data;
using PhotoRepository.Core.Entities;
using PhotoRepository.Core.Photos;
using PhotoRepository.Core.Rules;
using PhotoRepository.Core.Sync;

namespace PhotoRepository.BrowserTests.Journey;

/// <summary>
/// The whole journey, in Chromium: a clerk records Opt In with its evidence and uploads a photo; the
/// sync runs; a DOJ user (two-factor) enters a case, finds the child, downloads the photo and opens
/// the flyer; the clerk sees that disclosure; the clerk records Opt Out; within a minute the DOJ user
/// no longer finds the child. A screenshot of each step is saved with the test output.
/// </summary>
public class WholeJourneyTests(LiveApp app) : IClassFixture<LiveApp>
{
    [BrowserFact]
    public async Task Opt_in_photo_sync_disclosure_and_opt_out_work_end_to_end()
    {
        Assert.Null(LiveApp.MissingBrowserReason);
        var (studentId, stateId) = WithDb(db => db.Students
            .Where(s => s.District!.Code == "0101" && s.OptIn == OptInChoice.Unknown && s.Photo == null)
            .Select(s => new { s.Id, s.StateStudentId }).First()) is var s ? (s.Id, s.StateStudentId) : default;

        // 1. The clerk records Opt In, with how the parent gave it.
        var clerk = await app.SignedInPageAsync(DemoData.HelenaClerk);
        await clerk.GotoAsync($"/District/Students/OptIn/{studentId}");
        await clerk.CheckAsync("input[name='Input.NewValue'][value='OptIn']");
        await clerk.SelectOptionAsync("#Input_Source", "AnnualNoticeForm");
        await clerk.FillAsync("#Input_GivenOn", app.Today.AddDays(-1).ToString("yyyy-MM-dd"));
        await clerk.FillAsync("#Input_SchoolYear", StateCalendar.SchoolYearOf(app.Today));
        await clerk.ClickAsync("#opt-in-form button[type=submit]");
        await Assertions.Expect(clerk.Locator("#opt-in-history")).ToContainTextAsync("Opt In");
        await LiveApp.ScreenshotAsync(clerk, "journey-1-opted-in");

        // 2. ... and uploads the school picture.
        var picture = Path.Combine(Path.GetTempPath(), $"journey-{Guid.NewGuid():N}.jpg");
        await File.WriteAllBytesAsync(picture, PlaceholderPortrait.Jpeg(424242));
        await clerk.GotoAsync($"/District/Students/Photo/{studentId}");
        await clerk.SetInputFilesAsync("input[type=file]", picture);
        await clerk.ClickAsync("form.photo-upload button[type=submit]");
        await clerk.GotoAsync($"/District/Students/Details/{studentId}");
        await Assertions.Expect(clerk.Locator(".student-photo img")).ToBeVisibleAsync();
        await LiveApp.ScreenshotAsync(clerk, "journey-2-photo-uploaded");

        // 3. The nightly sync runs.
        using (var scope = app.Services.CreateScope())
            await scope.ServiceProvider.GetRequiredService<StateSyncJob>().RunAsync(SyncTrigger.Manual, "journey test");

        // 4. DOJ: case context, search, photo, download, flyer.
        var doj = await app.SignedInPageAsync(DemoData.DojStaff);
        await doj.GotoAsync("/State/Doj/Search");
        await doj.FillAsync("#Input_CaseNumber", "MT-2026-0042");
        await doj.FillAsync("#Input_Agency", "Helena Police Department");
        await doj.SelectOptionAsync("#Input_LegalBasis", "MissingChildReport");
        await doj.ClickAsync("#case-form button[type=submit]");
        await doj.FillAsync("#Input_StateStudentId", stateId);
        await doj.ClickAsync("#search-form button[type=submit]");
        await Assertions.Expect(doj.Locator("table.doj-results")).ToContainTextAsync(stateId);
        await LiveApp.ScreenshotAsync(doj, "journey-3-doj-found");
        await doj.ClickAsync("table.doj-results a:has-text('View photo')");
        var download = await doj.RunAndWaitForDownloadAsync(() => doj.ClickAsync("#download"));
        Assert.StartsWith(stateId, download.SuggestedFilename);
        await doj.ClickAsync("#flyer");
        await Assertions.Expect(doj.Locator("main")).ToContainTextAsync("MT-2026-0042");
        await LiveApp.ScreenshotAsync(doj, "journey-4-flyer");

        // 5. The clerk sees the disclosure on the student's page.
        await clerk.GotoAsync($"/District/Students/Details/{studentId}");
        await Assertions.Expect(clerk.Locator("#disclosures")).ToContainTextAsync("MT-2026-0042");
        await LiveApp.ScreenshotAsync(clerk, "journey-5-disclosure-seen");

        // 6. The parent withdraws: Opt Out. No waiting for the night.
        await clerk.GotoAsync($"/District/Students/OptIn/{studentId}");
        await clerk.CheckAsync("input[name='Input.NewValue'][value='OptOut']");
        await clerk.SelectOptionAsync("#Input_Source", "WrittenRequest");
        await clerk.FillAsync("#Input_GivenOn", app.Today.ToString("yyyy-MM-dd"));
        await clerk.FillAsync("#Input_SchoolYear", StateCalendar.SchoolYearOf(app.Today));
        await clerk.ClickAsync("#opt-in-form button[type=submit]");
        await Assertions.Expect(clerk.Locator("#opt-in-history")).ToContainTextAsync("Opt Out");

        // 7. Within a minute the DOJ user no longer finds the child.
        var gone = false;
        for (var attempt = 0; attempt < 30 && !gone; attempt++)
        {
            await Task.Delay(2000);
            await doj.GotoAsync("/State/Doj/Search");
            await doj.FillAsync("#Input_StateStudentId", stateId);
            await doj.ClickAsync("#search-form button[type=submit]");
            gone = await doj.Locator("#no-photo").IsVisibleAsync();
        }
        await LiveApp.ScreenshotAsync(doj, "journey-6-withdrawn");
        Assert.True(gone, "The opted-out child was still found a minute after the Opt Out was saved.");
        File.Delete(picture);
    }

    private T WithDb<T>(Func<PhotoRepositoryDbContext, T> read) => app.WithDb(read);
}
