using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PhotoRepository.Core.Data;
using PhotoRepository.Core.Entities;
using PhotoRepository.Core.Rules;

namespace PhotoRepository.BrowserTests.State;

public class MissingChildJourneyTests(LiveApp app) : IClassFixture<LiveApp>
{
    [BrowserFact]
    public async Task Doj_opens_a_case_finds_the_child_downloads_the_photo_opens_the_flyer_and_a_clerk_sees_the_child_on_the_monthly_list()
    {
        Assert.Null(LiveApp.MissingBrowserReason);
        var lastTooOld = StateAvailability.LastTooOldPhotoDate(app.Today);
        StateStudent child;
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PhotoRepositoryDbContext>();
            child = await db.StateStudents.AsNoTracking().Include(s => s.Photo)
                .Where(s => s.OptIn == OptInChoice.OptIn && s.Photo != null && s.Photo.PhotoDate > lastTooOld).OrderBy(s => s.Id).FirstAsync();
        }
        var clerkEmail = DemoData.HelenaClerk;

        var doj = await app.SignedInPageAsync(DemoData.DojStaff);
        await doj.GotoAsync("/State/Doj/Search");
        Assert.Contains("/State/Doj/Case", doj.Url);
        await doj.FillAsync("#Input_CaseNumber", "MT-PW-0001");
        await doj.FillAsync("#Input_Agency", "Helena Police Department");
        await doj.SelectOptionAsync("#Input_LegalBasis", "MissingChildReport");
        await doj.ClickAsync("#case-form button[type=submit]");

        await doj.FillAsync("#Input_StateStudentId", child.StateStudentId);
        await doj.ClickAsync("#search-form button[type=submit]");
        await Assertions.Expect(doj.Locator("table.doj-results tbody tr")).ToHaveCountAsync(1);
        await LiveApp.ScreenshotAsync(doj, "doj-search-result");

        await doj.ClickAsync("text=Open a case for this child");
        await doj.FillAsync("#Input_NcicNumber", "M000000001");
        await doj.ClickAsync("#open-case-form button[type=submit]");
        Assert.Contains("/State/Doj/Photo", doj.Url);
        await Assertions.Expect(doj.Locator("h1")).ToHaveTextAsync(child.FullName);

        var download = await doj.RunAndWaitForDownloadAsync(() => doj.ClickAsync("#download"));
        Assert.Equal($"{child.StateStudentId}-{child.Photo!.PhotoDate:yyyy-MM-dd}.jpg", download.SuggestedFilename);
        await LiveApp.ScreenshotAsync(doj, "doj-photo");

        await doj.ClickAsync("#flyer");
        await Assertions.Expect(doj.Locator(".flyer")).ToContainTextAsync("MT-PW-0001");
        await LiveApp.ScreenshotAsync(doj, "doj-flyer");

        var district = child.DistrictId;
        string clerk;
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PhotoRepositoryDbContext>();
            var code = await db.Districts.Where(d => d.Id == district).Select(d => d.Code).FirstAsync();
            clerk = code switch { "0202" => DemoData.MissoulaClerk, "0303" => DemoData.BigSkyClerk, _ => clerkEmail };
        }
        var clerkPage = await app.SignedInPageAsync(clerk);
        await clerkPage.ClickAsync("text=Missing children");
        await Assertions.Expect(clerkPage.Locator("#missing-list")).ToContainTextAsync(child.FirstName + " " + child.LastName);
        await Assertions.Expect(clerkPage.Locator("#missing-list img")).ToHaveCountAsync(1);
        await LiveApp.ScreenshotAsync(clerkPage, "monthly-list");
    }
}
