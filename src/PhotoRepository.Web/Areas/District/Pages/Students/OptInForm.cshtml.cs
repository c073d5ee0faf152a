using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PhotoRepository.Core.Data;
using PhotoRepository.Core.Entities;
using PhotoRepository.Core.Rules;

namespace PhotoRepository.Web.Areas.District.Pages.Students;

/// <summary>A printable opt-in form pre-filled with the student's name and school.</summary>
public class OptInFormModel(PhotoRepositoryDbContext db, TimeProvider time) : PageModel
{
    public Student Student { get; private set; } = null!;
    public Core.Entities.District District { get; private set; } = null!;
    public string SchoolYear { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(int id)
    {
        var student = await db.Students.AsNoTracking().Include(s => s.School).Include(s => s.District).FirstOrDefaultAsync(s => s.Id == id);
        if (student is null) return NotFound();
        Student = student;
        District = student.District!;
        SchoolYear = StateCalendar.CurrentSchoolYear(time);
        return Page();
    }
}
