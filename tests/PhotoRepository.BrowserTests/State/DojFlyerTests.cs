using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PhotoRepository.Core.Data;
using PhotoRepository.Core.Entities;
using PhotoRepository.Core.Rules;

namespace PhotoRepository.BrowserTests.State;

/// <summary>The case's description typed on the forms, and the flyer that carries it on one US Letter page.</summary>
public partial class DojFlyerTests(LiveApp app) : IClassFixture<LiveApp>
{
    private const int Minutes = 60_000;

    [BrowserFact(Timeout = 12 * Minutes)]
    public async Task A_case_with_a_full_description_prints_its_flyer_on_one_letter_page()
    {
        Assert.Null(LiveApp.MissingBrowserReason);
        var lastTooOld = StateAvailability.LastTooOldPhotoDate(app.Today);
        StateStudent child;
        using (var scope = app.Services.CreateScope())
        {
            child = await scope.ServiceProvider.GetRequiredService<PhotoRepositoryDbContext>().StateStudents.AsNoTracking()
                .Where(s => s.OptIn == OptInChoice.OptIn && s.Photo != null && s.Photo.PhotoDate > lastTooOld).OrderBy(s => s.Id).FirstAsync();
        }
        var page = await app.SignedInPageAsync(DemoData.DojStaff);
        var audit = new PageAudit(page, "doj-flyer");

        // Search from the home with a typed case (no case yet: its fields are open), then open a case for the child with its description.
        Assert.True(await page.Locator(".other-case").EvaluateAsync<bool>("d => d.open"));
        await page.FillAsync("#Choice_Other_CaseNumber", "MT-FLY-0001");
        await page.FillAsync("#Choice_Other_Agency", "Great Falls Police Department");
        await page.SelectOptionAsync("#Choice_Other_LegalBasis", "MissingChildReport");
        await page.FillAsync("#Input_StateStudentId", child.StateStudentId);
        await page.ClickAsync("#search-form button[type=submit]");
        await page.ClickAsync("table.doj-results a:has-text('Open a case for this child')");
        await audit.CheckAsync("case-open");
        await page.FillAsync("#Input_Description_AgencyPhone", "not a phone");
        await page.ClickAsync("#open-case-form button[type=submit]");
        await Assertions.Expect(page.Locator(".error-summary")).ToContainTextAsync("agency's phone");
        await audit.CheckAsync("case-open-errors");
        await page.FillAsync("#Input_Description_AgencyPhone", "406-555-0142");
        await page.FillAsync("#Input_Description_HeightFeet", "4");
        await page.FillAsync("#Input_Description_HeightInches", "9");
        await page.FillAsync("#Input_Description_WeightPounds", "82");
        await page.FillAsync("#Input_Description_Hair", "dark brown, long, in a ponytail");
        await page.FillAsync("#Input_Description_Eyes", "brown");
        // The longest place the form takes: the flyer must still fit.
        await page.FillAsync("#Input_Description_LastSeenPlace", ("Bus stop at the corner of 10th Avenue South and 26th Street, "
            + "wearing a red hooded jacket, blue jeans and white sneakers, carrying a purple backpack with a cat key ring ").PadRight(200, '.')[..200]);
        await page.FillAsync("#Input_Description_LastSeenAt", app.Today.AddDays(-1).ToString("yyyy-MM-dd") + "T15:40");
        await page.ClickAsync("#open-case-form button[type=submit]");
        Assert.Contains("/State/Doj/Photo", page.Url);
        await Assertions.Expect(page.Locator(".flash")).ToContainTextAsync("Case MT-FLY-0001 opened");

        await page.ClickAsync("#flyer");
        await Assertions.Expect(page.Locator("#agency-phone")).ToHaveTextAsync("406-555-0142");
        await Assertions.Expect(page.Locator(".flyer")).ToContainTextAsync("4 ft 9 in");
        await Assertions.Expect(page.Locator("#last-seen")).ToContainTextAsync("Bus stop");
        await audit.CheckAsync("flyer");

        // Printed (US Letter, the site's 0.6 in margins): the flyer is one page, by Chromium's own print layout.
        await page.EmulateMediaAsync(new() { Media = Media.Print });
        await page.SetViewportSizeAsync(701, 941);  // the printable area: (8.5 - 1.2) x (11 - 1.2) in at 96 CSS px per inch
        var printable = await page.EvaluateAsync<double>("() => document.querySelector('.flyer').getBoundingClientRect().height");
        Assert.True(printable <= (11 - 1.2) * 96, $"the flyer is {printable:0} CSS px high in print; a Letter page holds {(11 - 1.2) * 96:0}");
        await LiveApp.ScreenshotAsync(page, "doj-flyer-print");
        var pdf = await page.PdfAsync(new() { Format = "Letter", PreferCSSPageSize = true, PrintBackground = true });
        var pages = PageCount().Matches(Encoding.Latin1.GetString(pdf)).Count;
        Assert.True(pages == 1, $"the flyer printed on {pages} Letter pages");
        await page.EmulateMediaAsync(new() { Media = Media.Screen });

        // The edit form shows what was saved and takes a change.
        var caseId = app.WithDb(db => db.MissingChildCases.Single(c => c.CaseNumber == "MT-FLY-0001").Id);
        await audit.VisitAsync($"/State/Doj/Cases/Edit/{caseId}", "case-edit");
        await Assertions.Expect(page.Locator("#Input_Description_WeightPounds")).ToHaveValueAsync("82");
        await page.FillAsync("#Input_Description_AgencyPhone", "ask the desk");
        await page.ClickAsync("#edit-case-form button[type=submit]");
        await Assertions.Expect(page.Locator(".error-summary")).ToContainTextAsync("agency's phone");
        await audit.CheckAsync("case-edit-errors");
        await page.FillAsync("#Input_Description_AgencyPhone", "406-555-0142");
        await page.FillAsync("#Input_Description_WeightPounds", "84");
        await page.ClickAsync("#edit-case-form button[type=submit]");
        await Assertions.Expect(page.Locator(".flash")).ToHaveTextAsync("Case MT-FLY-0001 saved.");
        await audit.CheckAsync("cases-after-edit");
        audit.AssertClean();
    }

    /// <summary>Page objects in a PDF ("/Type /Page", not "/Type /Pages").</summary>
    [GeneratedRegex(@"/Type\s*/Page(?![s\w])")]
    private static partial Regex PageCount();
}
