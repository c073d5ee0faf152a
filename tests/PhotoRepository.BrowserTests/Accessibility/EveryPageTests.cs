using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PhotoRepository.BrowserTests.Infrastructure;
using PhotoRepository.Core.Data;
using PhotoRepository.Core.Demographics;
using PhotoRepository.Core.Entities;
using PhotoRepository.Core.Rules;
using PhotoRepository.Core.Sync;
using PhotoRepository.Web.Seeding;

namespace PhotoRepository.BrowserTests.Accessibility;

/// <summary>
/// Every page of every role, as its user reaches it (forms with errors included), checked by
/// <see cref="PageAudit"/>: zero axe-core violations at 1366 and 390 px, no sideways scrolling at
/// 390 and 320 px, no console error, a screenshot of each at both sizes (screenshots/pages/).
/// </summary>
public class EveryPageTests(LiveApp app) : IClassFixture<LiveApp>
{
    private const int Minutes = 60_000; // generous: a loaded two-core machine runs axe slowly

    [BrowserFact(Timeout = 12 * Minutes)]
    public async Task Every_page_a_district_clerk_uses_is_accessible_and_fits_a_phone()
    {
        Assert.Null(LiveApp.MissingBrowserReason);
        var (withPhoto, school, existing) = WithDb(db =>
        {
            var student = db.Students.Where(s => s.District!.Code == "0101" && s.Photo != null).OrderBy(s => s.Id).First();
            var schoolCode = db.Schools.Where(s => s.Id == student.SchoolId).Select(s => s.Code).First();
            return (student.Id, schoolCode, student);
        });
        var page = await app.SignedInPageAsync(DemoData.HelenaClerk);
        var audit = new PageAudit(page, "clerk");

        await audit.CheckAsync("home");
        await audit.VisitAsync("/District/Students", "students");
        await audit.VisitAsync($"/District/Students/Details/{withPhoto}", "student-details");
        await audit.VisitAsync($"/District/Students/Edit/{withPhoto}", "student-edit");
        await audit.VisitAsync($"/District/Students/OptIn/{withPhoto}", "student-opt-in");
        await page.ClickAsync("#opt-in-form button[type=submit]");
        await audit.CheckAsync("student-opt-in-errors");
        await audit.VisitAsync($"/District/Students/OptInForm/{withPhoto}", "student-opt-in-form");
        await audit.VisitAsync($"/District/Students/Photo/{withPhoto}", "student-photo");
        await audit.VisitAsync("/District/Students/Create", "student-create");
        await page.ClickAsync("#demographics-form button[type=submit]");
        await audit.CheckAsync("student-create-errors");
        await audit.VisitAsync("/District/Import/Photos", "photo-import");
        await audit.VisitAsync("/District/Import/Demographics", "demographics-upload");
        var csv = string.Join("\r\n",
            DemographicsTemplate.Header,
            $"{existing.StateStudentId},{existing.LocalStudentNumber},{existing.LastName},{existing.FirstName},,{existing.BirthDate:yyyy-MM-dd},{existing.Gender},{existing.Grade},{school},1",
            $"9{Random.Shared.Next(100_000_000, 999_999_999)},A-11,Nuevo,José,,2016-04-05,F,03,{school},0") + "\r\n";
        await page.Locator("#upload-form input[type=file]").SetInputFilesAsync(new FilePayload
            { Name = "students.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(csv) });
        await page.ClickAsync("#upload-form button[type=submit]");
        await audit.CheckAsync("demographics-preview");
        await page.ClickAsync("#commit-form button[type=submit]");
        await Assertions.Expect(page.Locator("#commit-result")).ToBeVisibleAsync();
        await audit.CheckAsync("demographics-committed");
        await audit.VisitAsync("/District/Students/OptInForms", "opt-in-forms");
        await audit.VisitAsync($"/District/Students/OptInForms?School={existing.SchoolId}&Grade={existing.Grade}&Lang=es", "opt-in-forms-spanish");
        await audit.VisitAsync("/District/Notice?lang=es", "notice-spanish");
        await audit.VisitAsync("/District/Notice", "notice");
        await audit.VisitAsync("/District/Contact", "aim-contact");
        await audit.VisitAsync("/MissingChildren", "missing-children");
        audit.AssertClean();
    }

    [BrowserFact(Timeout = 12 * Minutes)]
    public async Task Every_page_state_aim_staff_use_is_accessible_and_fits_a_phone()
    {
        Assert.Null(LiveApp.MissingBrowserReason);
        using (var scope = app.Services.CreateScope())
            await scope.ServiceProvider.GetRequiredService<StateSyncJob>().RunAsync(SyncTrigger.Manual, "accessibility test");
        var (run, student) = WithDb(db => (db.SyncRuns.OrderByDescending(r => r.Id).Select(r => r.Id).First(),
            db.StateStudents.OrderBy(s => s.Id).First()));
        var page = await app.SignedInPageAsync(DemoData.StateStaff);
        var audit = new PageAudit(page, "aim");

        await audit.CheckAsync("home");
        await audit.VisitAsync("/State/Aim/Students", "student-lookup");
        await audit.VisitAsync($"/State/Aim/Students?Input.StateId={student.StateStudentId}", "student-lookup-found");
        await audit.VisitAsync("/State/Aim/Students?Input.Name=Zzyzx", "student-lookup-not-found");
        await audit.VisitAsync("/State/Aim/SharedIds", "shared-ids");
        await audit.VisitAsync("/State/Aim/Districts", "district-contacts");
        await audit.VisitAsync("/State/Aim/Coverage", "coverage");
        await audit.VisitAsync("/State/Aim/Disclosures", "disclosures");
        await audit.VisitAsync("/State/Aim/SyncRuns", "sync-runs");
        await audit.VisitAsync($"/State/Aim/SyncRuns/Details/{run}", "sync-run");
        await audit.VisitAsync("/MissingChildren", "missing-children");
        audit.AssertClean();
    }

    [BrowserFact(Timeout = 12 * Minutes)]
    public async Task Every_page_doj_staff_use_is_accessible_and_fits_a_phone()
    {
        Assert.Null(LiveApp.MissingBrowserReason);
        var lastTooOld = StateAvailability.LastTooOldPhotoDate(StateCalendar.Today(TimeProvider.System));
        var child = WithDb(db => db.StateStudents.AsNoTracking()
            .Where(s => s.OptIn == OptInChoice.OptIn && s.Photo != null && s.Photo.PhotoDate > lastTooOld).OrderBy(s => s.Id).First());
        var page = await app.SignedInPageAsync(DemoData.DojStaff);
        var audit = new PageAudit(page, "doj");

        await audit.CheckAsync("home");
        await audit.VisitAsync("/State/Doj/Case", "case-context");
        await page.ClickAsync("#case-form button[type=submit]");
        await audit.CheckAsync("case-context-errors");
        await page.FillAsync("#Input_CaseNumber", "MT-A11Y-0001");
        await page.FillAsync("#Input_Agency", "Helena Police Department");
        await page.SelectOptionAsync("#Input_LegalBasis", "MissingChildReport");
        await page.ClickAsync("#case-form button[type=submit]");
        await audit.VisitAsync("/State/Doj/Search", "search");
        await page.FillAsync("#Input_StateStudentId", child.StateStudentId);
        await page.ClickAsync("#search-form button[type=submit]");
        await audit.CheckAsync("search-found");
        await page.ClickAsync("table.doj-results a:has-text('View photo')");
        await audit.CheckAsync("photo");
        await page.ClickAsync("#flyer");
        await audit.CheckAsync("flyer");
        await audit.VisitAsync("/State/Doj/Search", "search-again");
        await page.FillAsync("#Input_Name", "Zzyzx");
        await page.ClickAsync("#search-form button[type=submit]");
        await audit.CheckAsync("search-no-match");
        await audit.VisitAsync("/State/Doj/Cases", "cases");
        await audit.VisitAsync("/State/Doj/Cases/Open", "case-open");
        var openCase = WithDb(db =>
        {
            var c = new MissingChildCase { CaseNumber = "MT-A11Y-0002", Agency = "Helena Police Department", ReportedOn = StateCalendar.Today(TimeProvider.System), OpenedBy = DemoData.DojStaff, OpenedAt = DateTime.UtcNow, ChildFirstName = "Avery", ChildLastName = "Example" };
            db.MissingChildCases.Add(c);
            db.SaveChanges();
            return c.Id;
        });
        await audit.VisitAsync($"/State/Doj/Cases/Edit/{openCase}", "case-edit");
        await audit.VisitAsync("/State/Doj", "home-with-an-open-case");
        await audit.VisitAsync("/State/Doj/History", "my-disclosures");
        await audit.VisitAsync("/MissingChildren", "missing-children");
        audit.AssertClean();
    }

    [BrowserFact(Timeout = 12 * Minutes)]
    public async Task Every_page_an_administrator_uses_is_accessible_and_fits_a_phone()
    {
        Assert.Null(LiveApp.MissingBrowserReason);
        var account = WithDb(db => db.Users.OrderBy(u => u.Email).Select(u => u.Id).First());
        var page = await app.SignedInPageAsync(DemoData.Administrator);
        var audit = new PageAudit(page, "admin");

        await audit.CheckAsync("home");
        await audit.VisitAsync("/Admin/Accounts/Create", "account-create");
        await page.ClickAsync("main form button[type=submit]");
        await audit.CheckAsync("account-create-errors");
        await audit.VisitAsync($"/Admin/Accounts/Edit/{account}", "account-edit");
        await audit.VisitAsync("/Admin/Districts", "districts");
        await audit.VisitAsync("/Admin/Audit", "audit");
        await audit.VisitAsync("/Admin/Disclosures", "disclosures");
        audit.AssertClean();
    }

    [BrowserFact(Timeout = 3 * Minutes)]
    public async Task The_sign_in_pages_are_accessible_and_fit_a_phone()
    {
        Assert.Null(LiveApp.MissingBrowserReason);
        var context = await app.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.BaseUrl });
        var page = await context.NewPageAsync();
        var audit = new PageAudit(page, "anonymous");

        await audit.VisitAsync("/Account/Login", "sign-in");
        await page.FillAsync("#Input_Email", DemoData.HelenaClerk);
        await page.FillAsync("#Input_Password", "not the password");
        await page.ClickAsync("button[type=submit]");
        await audit.CheckAsync("sign-in-refused");
        await page.FillAsync("#Input_Email", DemoData.DojStaff);
        await page.FillAsync("#Input_Password", DemoData.Password);
        await page.ClickAsync("button[type=submit]");
        await audit.CheckAsync("sign-in-second-step");
        await audit.VisitAsync("/Account/AccessDenied", "access-denied", status: 403);
        audit.AssertClean();
    }

    private T WithDb<T>(Func<PhotoRepositoryDbContext, T> read)
    {
        using var scope = app.Services.CreateScope();
        return read(scope.ServiceProvider.GetRequiredService<PhotoRepositoryDbContext>());
    }
}
