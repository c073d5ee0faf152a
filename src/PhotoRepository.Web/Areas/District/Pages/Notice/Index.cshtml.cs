using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PhotoRepository.Core.Data;
using PhotoRepository.Core.Rules;
using PhotoRepository.Web.Infrastructure;

namespace PhotoRepository.Web.Areas.District.Pages.Notice;

/// <summary>The annual parent notice, printable, in English or Spanish.</summary>
public class IndexModel(PhotoRepositoryDbContext db, TimeProvider time) : PageModel
{
    public Core.Entities.District District { get; private set; } = null!;
    public string SchoolYear { get; private set; } = "";
    public bool Spanish { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? lang)
    {
        var district = await db.Districts.AsNoTracking().FirstOrDefaultAsync(d => d.Id == User.DistrictId());
        if (district is null) return NotFound();
        District = district;
        SchoolYear = StateCalendar.CurrentSchoolYear(time);
        Spanish = Students.OptInSheet.IsSpanish(lang);
        return Page();
    }
}
