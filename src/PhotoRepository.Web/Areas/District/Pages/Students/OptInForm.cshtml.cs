using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PhotoRepository.Core.Data;
using PhotoRepository.Core.Entities;
using PhotoRepository.Core.Rules;

namespace PhotoRepository.Web.Areas.District.Pages.Students;

/// <summary>A printable opt-in form (one Letter page) pre-filled with the student's name, numbers and school, in English or Spanish.</summary>
public class OptInFormModel(PhotoRepositoryDbContext db, TimeProvider time) : PageModel
{
    public Student Student { get; private set; } = null!;
    public Core.Entities.District District { get; private set; } = null!;
    public string SchoolYear { get; private set; } = "";
    public OptInSheet Sheet { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int id, string? lang)
    {
        var student = await db.Students.AsNoTracking().Include(s => s.School).Include(s => s.District).FirstOrDefaultAsync(s => s.Id == id);
        if (student is null) return NotFound();
        Student = student;
        District = student.District!;
        SchoolYear = StateCalendar.CurrentSchoolYear(time);
        Sheet = new OptInSheet(student.FullName, student.LocalStudentNumber, student.StateStudentId, student.School?.Name, student.Grade,
            District, SchoolYear, OptInSheet.IsSpanish(lang));
        return Page();
    }
}
