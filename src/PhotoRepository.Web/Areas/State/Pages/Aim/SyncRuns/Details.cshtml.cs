using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PhotoRepository.Core.Data;
using PhotoRepository.Core.Entities;

namespace PhotoRepository.Web.Areas.State.Pages.Aim.SyncRuns;

public class DetailsModel(PhotoRepositoryDbContext db) : PageModel
{
    public SyncRun Run { get; private set; } = null!;
    public List<(string Name, SyncCounts Counts)> Districts { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(long id)
    {
        var run = await db.SyncRuns.AsNoTracking().Include(r => r.Districts).FirstOrDefaultAsync(r => r.Id == id);
        if (run is null) return NotFound();
        Run = run;
        var names = await db.Districts.ToDictionaryAsync(d => d.Id, d => d.Name);
        Districts = run.Districts.Select(d => (names.GetValueOrDefault(d.DistrictId, "?"), d.Counts)).OrderBy(d => d.Item1).ToList();
        return Page();
    }
}
