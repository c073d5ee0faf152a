using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using PhotoRepository.Core.Data;
using PhotoRepository.Core.Entities;
using PhotoRepository.Core.Rules;
using PhotoRepository.Core.Sync;
using PhotoRepository.Web.Infrastructure;

namespace PhotoRepository.Web.Areas.District.Pages.Students;

/// <summary>Hand-editing a student's demographics (the opt-in has its own page, with its evidence).</summary>
public class EditModel(PhotoRepositoryDbContext db, TimeProvider time, IStateSyncQueue syncQueue) : PageModel
{
    [BindProperty]
    public DemographicsInput Input { get; set; } = new();

    public Student Student { get; private set; } = null!;
    public List<SelectListItem> Schools { get; private set; } = [];
    public string? Conflict { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id)
    {
        var student = await db.Students.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id);
        if (student is null) return NotFound();
        Student = student;
        Input = DemographicsInput.From(student);
        await LoadSchools();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id)
    {
        var student = await db.Students.FirstOrDefaultAsync(s => s.Id == id);
        if (student is null) return NotFound();
        Student = student;
        await LoadSchools();
        if (ModelState.IsValid)
        {
            foreach (var (field, message) in Input.Check(StateCalendar.Today(time), Schools.Select(s => int.Parse(s.Value)).ToList()))
                ModelState.AddModelError($"Input.{field}", message);
            var stateId = Input.StateStudentId!.Trim();
            if (stateId != student.StateStudentId && await db.Students.AnyAsync(s => s.StateStudentId == stateId && s.Id != id))
                ModelState.AddModelError("Input.StateStudentId", $"Another student of your district has state ID {stateId}.");
            else if (stateId != student.StateStudentId && ModelState.IsValid
                && await KnownChildren.RefusalAsync(db, User.DistrictId(), stateId, Input.LastName!.Trim(), Input.BirthDate!.Value) is { } refusal)
                ModelState.AddModelError("Input.StateStudentId", refusal);
        }
        if (!ModelState.IsValid) return Page();
        if (Input.Version != student.Version) return await ShowConflict(id);

        db.Entry(student).Property(s => s.Version).OriginalValue = Input.Version;
        var formerStateId = student.StateStudentId;
        Input.CopyTo(student);
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateConcurrencyException)
        {
            return await ShowConflict(id);
        }
        // A corrected ID: the old one is decided at once as if this record never carried it (its state photo goes
        // if nobody else holds it), and the new one too.
        if (formerStateId != student.StateStudentId)
        {
            syncQueue.SyncStudentSoon(formerStateId);
            syncQueue.SyncStudentSoon(student.StateStudentId);
        }
        TempData["Saved"] = "Demographics saved.";
        return RedirectToPage("./Details", new { id });
    }

    private async Task<IActionResult> ShowConflict(int id)
    {
        db.ChangeTracker.Clear();
        var current = await db.Students.AsNoTracking().Include(s => s.School).FirstOrDefaultAsync(s => s.Id == id);
        if (current is null) return NotFound();
        Student = current;
        Conflict = $"This student was changed by someone else while you were editing. Nothing was saved. The record now reads: "
            + $"{current.LastName}, {current.FirstName} {current.MiddleName}, born {current.BirthDate:yyyy-MM-dd}, grade {current.Grade}, "
            + $"{current.School?.Name}, state ID {current.StateStudentId}. Your entries are kept below: save again to apply them.";
        ModelState.Remove("Input.Version");
        Input.Version = current.Version;
        return Page();
    }

    private async Task LoadSchools()
    {
        var districtId = User.DistrictId();
        Schools = await db.Schools.AsNoTracking().Where(s => s.DistrictId == districtId).OrderBy(s => s.Name)
            .Select(s => new SelectListItem(s.Name, s.Id.ToString())).ToListAsync();
        ViewData["Schools"] = Schools;
    }
}
