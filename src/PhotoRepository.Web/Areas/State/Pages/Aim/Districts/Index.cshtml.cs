using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PhotoRepository.Core.Data;
using PhotoRepository.Core.Entities;

namespace PhotoRepository.Web.Areas.State.Pages.Aim.Districts;

/// <summary>Every district's AIM contact: where a parent who calls the state is sent.</summary>
public class IndexModel(PhotoRepositoryDbContext db) : PageModel
{
    public List<Core.Entities.District> Districts { get; private set; } = [];

    public async Task OnGetAsync() => Districts = await db.Districts.AsNoTracking().OrderBy(d => d.Name).ToListAsync();
}
