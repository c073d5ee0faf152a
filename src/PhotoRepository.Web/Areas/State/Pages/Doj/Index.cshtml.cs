using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PhotoRepository.Core.Data;

namespace PhotoRepository.Web.Areas.State.Pages.Doj;

public class IndexModel(PhotoRepositoryDbContext db) : PageModel
{
    public int OpenCases { get; private set; }

    public async Task OnGetAsync() => OpenCases = await db.MissingChildCases.CountAsync(c => c.ClosedAt == null);
}
