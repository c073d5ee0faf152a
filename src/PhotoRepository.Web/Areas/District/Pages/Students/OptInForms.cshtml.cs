using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using PhotoRepository.Core.Data;
using PhotoRepository.Core.Demographics;
using PhotoRepository.Core.Rules;
using PhotoRepository.Web.Infrastructure;

namespace PhotoRepository.Web.Areas.District.Pages.Students;

/// <summary>Opt-in forms for a whole school or grade at once, one Letter page per student, to print for the annual notice.</summary>
public class OptInFormsModel(PhotoRepositoryDbContext db, TimeProvider time) : PageModel
{
    /// <summary>A print run larger than this is split by grade; no school here has more in one grade.</summary>
    public const int MaxForms = 1500;

    [BindProperty(SupportsGet = true)] public int? School { get; set; }
    [BindProperty(SupportsGet = true)] public string? Grade { get; set; }
    [BindProperty(SupportsGet = true)] public string? Lang { get; set; }

    public List<SelectListItem> Schools { get; private set; } = [];
    public List<OptInSheet> Sheets { get; private set; } = [];
    public bool Asked => School is not null || !string.IsNullOrEmpty(Grade);
    public bool TooMany { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var districtId = User.DistrictId();
        var district = await db.Districts.AsNoTracking().FirstOrDefaultAsync(d => d.Id == districtId);
        if (district is null) return NotFound();
        Schools = await db.Schools.AsNoTracking().Where(s => s.DistrictId == districtId).OrderBy(s => s.Name)
            .Select(s => new SelectListItem(s.Name, s.Id.ToString())).ToListAsync();
        if (!Asked) return Page();

        var query = db.Students.AsNoTracking();
        if (School is { } school) query = query.Where(s => s.SchoolId == school);
        if (DemographicsTemplate.NormalizeGrade(Grade) is { } grade) query = query.Where(s => s.Grade == grade);
        var students = await query.OrderBy(s => s.School!.Name).ThenBy(s => s.Grade).ThenBy(s => s.LastName).ThenBy(s => s.FirstName)
            .Select(s => new { s.FirstName, s.MiddleName, s.LastName, s.LocalStudentNumber, s.StateStudentId, School = s.School!.Name, s.Grade })
            .Take(MaxForms + 1).ToListAsync();
        TooMany = students.Count > MaxForms;
        var schoolYear = StateCalendar.CurrentSchoolYear(time);
        var spanish = OptInSheet.IsSpanish(Lang);
        Sheets = students.Take(MaxForms).Select(s => new OptInSheet(
            string.Join(" ", new[] { s.FirstName, s.MiddleName, s.LastName }.Where(n => n != "")),
            s.LocalStudentNumber, s.StateStudentId, s.School, s.Grade, district, schoolYear, spanish)).ToList();
        return Page();
    }
}
