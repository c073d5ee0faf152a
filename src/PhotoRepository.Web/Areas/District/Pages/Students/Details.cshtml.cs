using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PhotoRepository.Core.Data;
using PhotoRepository.Core.Entities;

namespace PhotoRepository.Web.Areas.District.Pages.Students;

public class DetailsModel(PhotoRepositoryDbContext db) : PageModel
{
    public Student Student { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int id)
    {
        // The district query filter makes another district's student simply not found.
        var student = await db.Students.AsNoTracking().Include(s => s.School).FirstOrDefaultAsync(s => s.Id == id);
        if (student is null) return NotFound();
        Student = student;
        return Page();
    }
}
