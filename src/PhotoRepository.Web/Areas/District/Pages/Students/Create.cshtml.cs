using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using PhotoRepository.Core.Data;
using PhotoRepository.Core.Entities;
using PhotoRepository.Core.Rules;
using PhotoRepository.Web.Infrastructure;

namespace PhotoRepository.Web.Areas.District.Pages.Students;

/// <summary>Small districts hand-enter their students. The opt-in starts Unknown and is recorded on its own page.</summary>
public class CreateModel(PhotoRepositoryDbContext db, TimeProvider time) : PageModel
{
    [BindProperty]
    public DemographicsInput Input { get; set; } = new();

    public List<SelectListItem> Schools { get; private set; } = [];

    public async Task OnGetAsync() => await LoadSchools();

    public async Task<IActionResult> OnPostAsync()
    {
        await LoadSchools();
        if (ModelState.IsValid)
        {
            foreach (var (field, message) in Input.Check(StateCalendar.Today(time), Schools.Select(s => int.Parse(s.Value)).ToList()))
                ModelState.AddModelError($"Input.{field}", message);
            var stateId = Input.StateStudentId!.Trim();
            var existing = await db.Students.AsNoTracking().Where(s => s.StateStudentId == stateId).Select(s => (int?)s.Id).FirstOrDefaultAsync();
            if (existing is not null)
                ModelState.AddModelError("Input.StateStudentId", $"Your district already has a student with state ID {stateId}.");
            else if (ModelState.IsValid && await KnownChildren.RefusalAsync(db, User.DistrictId(), stateId, Input.LastName!.Trim(), Input.BirthDate!.Value) is { } refusal)
                ModelState.AddModelError("Input.StateStudentId", refusal);
        }
        if (!ModelState.IsValid) return Page();

        var student = new Student { DistrictId = User.DistrictId(), StateStudentId = "", LastName = "", FirstName = "" };
        Input.CopyTo(student);
        db.Students.Add(student);
        await db.SaveChangesAsync();
        TempData["Saved"] = "Student added. Record the parent's opt-in choice next.";
        return RedirectToPage("./Details", new { id = student.Id });
    }

    private async Task LoadSchools()
    {
        var districtId = User.DistrictId();
        Schools = await db.Schools.AsNoTracking().Where(s => s.DistrictId == districtId).OrderBy(s => s.Name)
            .Select(s => new SelectListItem(s.Name, s.Id.ToString())).ToListAsync();
        ViewData["Schools"] = Schools;
    }
}
