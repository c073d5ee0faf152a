using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PhotoRepository.Core.Data;
using PhotoRepository.Core.Entities;

namespace PhotoRepository.Web.Areas.State.Pages.Doj.Cases;

public class IndexModel(PhotoRepositoryDbContext db, TimeProvider time) : PageModel
{
    public List<MissingChildCase> Open { get; private set; } = [];
    public List<MissingChildCase> RecentlyClosed { get; private set; } = [];

    public async Task OnGetAsync()
    {
        Open = await db.MissingChildCases.AsNoTracking().Include(c => c.ChildDistrict).Include(c => c.StateStudent).ThenInclude(s => s!.Photo)
            .Where(c => c.ClosedAt == null).OrderByDescending(c => c.ReportedOn).ThenBy(c => c.CaseNumber).ToListAsync();
        RecentlyClosed = await db.MissingChildCases.AsNoTracking()
            .Where(c => c.ClosedAt != null).OrderByDescending(c => c.ClosedAt).Take(50).ToListAsync();
    }

    /// <summary>The child was found: the case leaves the monthly list. The case row itself is kept.</summary>
    public async Task<IActionResult> OnPostCloseAsync(int id)
    {
        var found = await db.MissingChildCases.FirstOrDefaultAsync(c => c.Id == id);
        if (found is null) return NotFound();
        if (found.ClosedAt is null)
        {
            found.ClosedAt = time.GetUtcNow().UtcDateTime;
            found.ClosedBy = User.Identity!.Name!;
            await db.SaveChangesAsync();
            // Shown once, by the layout's flash on the next page.
            TempData["Message"] = $"Case {found.CaseNumber} closed: the child was found and is off the monthly list.";
        }
        return RedirectToPage();
    }
}
