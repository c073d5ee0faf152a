using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PhotoRepository.Core.Data;
using PhotoRepository.Core.Entities;
using PhotoRepository.Web.Infrastructure;

namespace PhotoRepository.Web.Areas.State.Pages.Aim;

public class IndexModel(PhotoRepositoryDbContext db) : PageModel
{
    public int Districts { get; private set; }
    public int StateStudents { get; private set; }
    public int OptedIn { get; private set; }
    public int WithPhoto { get; private set; }
    public LastSync? LastSync { get; private set; }

    public async Task OnGetAsync()
    {
        Districts = await db.Districts.CountAsync();
        StateStudents = await db.StateStudents.CountAsync();
        OptedIn = await db.StateStudents.CountAsync(s => s.OptIn == OptInChoice.OptIn);
        WithPhoto = await db.StatePhotos.CountAsync(p => p.StateStudent!.OptIn == OptInChoice.OptIn);
        LastSync = await LastSync.LoadAsync(db);
    }
}
