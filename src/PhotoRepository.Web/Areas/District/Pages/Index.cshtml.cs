using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PhotoRepository.Core.Data;
using PhotoRepository.Core.Entities;
using PhotoRepository.Core.Rules;
using PhotoRepository.Web.Infrastructure;

namespace PhotoRepository.Web.Areas.District.Pages;

public class IndexModel(PhotoRepositoryDbContext db, TimeProvider time) : PageModel
{
    public Core.Entities.District District { get; private set; } = null!;
    public int Students { get; private set; }
    public int OptedIn { get; private set; }
    public int OptedOut { get; private set; }
    public int Unknown { get; private set; }
    public int WithPhoto { get; private set; }
    public int NotRenewed { get; private set; }
    public int OptedInNoPhoto { get; private set; }
    public string SchoolYear { get; private set; } = "";
    public LastSync? LastSync { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var districtId = User.DistrictId();
        var district = await db.Districts.AsNoTracking().FirstOrDefaultAsync(d => d.Id == districtId);
        if (district is null) return NotFound();
        District = district;
        var counts = await db.Students.GroupBy(s => s.OptIn).Select(g => new { g.Key, Count = g.Count() }).ToListAsync();
        OptedIn = counts.Where(c => c.Key == OptInChoice.OptIn).Sum(c => c.Count);
        OptedOut = counts.Where(c => c.Key == OptInChoice.OptOut).Sum(c => c.Count);
        Unknown = counts.Where(c => c.Key == OptInChoice.Unknown).Sum(c => c.Count);
        Students = OptedIn + OptedOut + Unknown;
        WithPhoto = await db.DistrictPhotos.CountAsync();
        // The annual notice: whose consent is not given for this school year, and opted-in students the state cannot serve.
        var today = StateCalendar.Today(time);
        SchoolYear = StateCalendar.SchoolYearOf(today);
        NotRenewed = await new Pages.Students.StudentListQuery { Consent = Pages.Students.StudentListQuery.NotRenewed }.Filter(db.Students, today).CountAsync();
        OptedInNoPhoto = await new Pages.Students.StudentListQuery { OptedInNoPhoto = true }.Filter(db.Students, today).CountAsync();
        LastSync = await LastSync.LoadAsync(db, districtId);
        return Page();
    }
}
