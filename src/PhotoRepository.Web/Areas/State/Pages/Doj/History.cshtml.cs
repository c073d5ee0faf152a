using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PhotoRepository.Core.Data;
using PhotoRepository.Core.Entities;

namespace PhotoRepository.Web.Areas.State.Pages.Doj;

/// <summary>The DOJ user's own disclosures, newest first.</summary>
public class HistoryModel(PhotoRepositoryDbContext db) : PageModel
{
    public List<DisclosureRecord> Records { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var me = User.Identity!.Name!;
        Records = await db.DisclosureRecords.AsNoTracking().Where(r => r.UserName == me)
            .OrderByDescending(r => r.At).ThenByDescending(r => r.Id).Take(500).ToListAsync();
    }
}
