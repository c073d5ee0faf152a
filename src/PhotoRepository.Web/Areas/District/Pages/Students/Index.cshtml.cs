using PhotoRepository.Web.Infrastructure;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Mvc.Rendering;
using PhotoRepository.Core.Demographics;

namespace PhotoRepository.Web.Areas.District.Pages.Students;

public class IndexModel(PhotoRepositoryDbContext db, TimeProvider time, Microsoft.AspNetCore.DataProtection.IDataProtectionProvider protection) : PageModel
{
    /// <summary>
    /// The name searched for travels in links (paging, sorting, export) only protected: children's names never
    /// appear in URLs, so not in proxy logs, browser history or Referer headers. The search form posts it.
    /// </summary>
    [BindProperty(SupportsGet = true, Name = "q")]
    public string? ProtectedQ { get; set; }

    private Microsoft.AspNetCore.DataProtection.IDataProtector Protector => protection.CreateProtector("PhotoRepository.StudentListQuery.v1");

    public IActionResult OnPostSearch()
    {
        var route = RouteWith("Filter.PageNumber", null);
        return RedirectToPage(route.ToDictionary(kv => kv.Key, kv => (object?)kv.Value));
    }

    private void ReadProtectedQ()
    {
        if (string.IsNullOrEmpty(ProtectedQ)) return;
        try { Filter.Q = Protector.Unprotect(ProtectedQ); }
        catch (System.Security.Cryptography.CryptographicException) { Filter.Q = null; }
    }

    [BindProperty(SupportsGet = true)]
    public StudentListQuery Filter { get; set; } = new();

    public List<StudentListQuery.Row> Rows { get; private set; } = [];
    public int Total { get; private set; }
    public int Pages => Math.Max(1, (Total + StudentListQuery.PageSize - 1) / StudentListQuery.PageSize);
    public DateOnly Today { get; private set; }
    public string CurrentSchoolYear { get; private set; } = "";
    public List<SelectListItem> Schools { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid) Filter = new StudentListQuery { Q = Filter.Q };
        ReadProtectedQ();
        Today = StateCalendar.Today(time);
        CurrentSchoolYear = StateCalendar.SchoolYearOf(Today);
        Schools = await db.Schools.AsNoTracking().Where(s => s.DistrictId == DistrictId).OrderBy(s => s.Name)
            .Select(s => new SelectListItem(s.Name, s.Id.ToString())).ToListAsync(ct);
        (Rows, Total) = await Filter.PageAsync(db.Students, Today, ct);
        return Page();
    }

    /// <summary>The filtered list as CSV in the template's columns, safe to open in a spreadsheet.</summary>
    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid) Filter = new StudentListQuery();
        ReadProtectedQ();
        var today = StateCalendar.Today(time);
        var students = await Filter.Sorted(Filter.Filter(db.Students, today)).ToListAsync(ct);
        var csv = CsvFile.Write([.. DemographicsTemplate.Columns, "OptInGivenOn", "OptInSchoolYear", "PhotoDate"],
            students.Select(r => new[] { r.StateStudentId, r.LocalStudentNumber, r.LastName, r.FirstName, r.MiddleName, CsvFile.Text(r.BirthDate),
                r.Gender, r.Grade, r.SchoolCode, DemographicsTemplate.Code(r.OptIn), CsvFile.Text(r.OptInGivenOn), r.OptInSchoolYear, CsvFile.Text(r.PhotoDate) }));
        Response.DoNotStore();
        return File(csv, CsvFile.ContentType, $"students-{today:yyyy-MM-dd}.csv");
    }

    private int DistrictId => Infrastructure.ClaimsExtensions.DistrictId(User);

    public Dictionary<string, string> RouteWith(string key, string? value)
    {
        var route = new Dictionary<string, string>
        {
            ["q"] = string.IsNullOrWhiteSpace(Filter.Q) ? "" : Protector.Protect(Filter.Q), ["Filter.School"] = Filter.School?.ToString() ?? "", ["Filter.Grade"] = Filter.Grade ?? "",
            ["Filter.OptIn"] = Filter.OptIn?.ToString() ?? "", ["Filter.Consent"] = Filter.Consent ?? "",
            ["Filter.Photo"] = Filter.Photo?.ToString() ?? "", ["Filter.OptedInNoPhoto"] = Filter.OptedInNoPhoto ? "true" : "",
            ["Filter.Sort"] = Filter.Sort ?? "", ["Filter.PageNumber"] = Filter.PageNumber.ToString(),
        };
        route[key] = value ?? "";
        return route.Where(kv => kv.Value.Length > 0).ToDictionary();
    }
}
