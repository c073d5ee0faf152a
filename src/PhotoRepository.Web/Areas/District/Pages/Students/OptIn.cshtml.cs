using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PhotoRepository.Core.Data;
using PhotoRepository.Core.Demographics;
using PhotoRepository.Core.Entities;
using PhotoRepository.Core.Rules;
using PhotoRepository.Core.Sync;

namespace PhotoRepository.Web.Areas.District.Pages.Students;

/// <summary>Records a parent's or guardian's opt-in choice, with how and when they gave it.</summary>
public class OptInModel(PhotoRepositoryDbContext db, TimeProvider time, IStateSyncQueue syncQueue) : PageModel
{
    /// <summary>The choice and its evidence; validated whole during binding (attributes, then <see cref="Validate"/>).</summary>
    public class InputModel : IValidatableObject
    {
        [Required(ErrorMessage = "Choose Opt In, Opt Out or Unknown.")]
        public OptInChoice? NewValue { get; set; }

        [Required(ErrorMessage = "Choose how the parent or guardian gave the choice.")]
        public ConsentSource? Source { get; set; }

        [Required(ErrorMessage = "Enter the date the parent or guardian gave the choice.")]
        public DateOnly? GivenOn { get; set; }

        [Required(ErrorMessage = "Enter the school year, e.g. 2026-27.")]
        public string? SchoolYear { get; set; }

        [StringLength(1000, ErrorMessage = "The note is limited to 1000 characters.")]
        public string? Note { get; set; }

        /// <summary>The version the clerk saw, so a change by someone else in between is caught.</summary>
        public Guid Version { get; set; }

        public IEnumerable<ValidationResult> Validate(ValidationContext context) =>
            OptInChangeRule.Check(NewValue!.Value, Source!.Value, GivenOn!.Value, SchoolYear?.Trim(), StateCalendar.Today(context.GetRequiredService<TimeProvider>()))
                .Select(error => new ValidationResult(error.Value, [error.Key]));
    }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public Student Student { get; private set; } = null!;
    public string? Conflict { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id)
    {
        var student = await Load(id);
        if (student is null) return NotFound();
        var today = StateCalendar.Today(time);
        Input = new InputModel { GivenOn = today, SchoolYear = StateCalendar.SchoolYearOf(today), Version = student.Version };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id)
    {
        var student = await Load(id, tracked: true);
        if (student is null) return NotFound();
        if (!ModelState.IsValid) return Page();

        if (Input.Version != student.Version)
            return ShowConflict(student);

        db.Entry(student).Property(s => s.Version).OriginalValue = Input.Version;
        var change = OptInChangeRule.Record(student, Input.NewValue!.Value, Input.Source!.Value, Input.GivenOn!.Value,
            Input.SchoolYear!.Trim(), Input.Note, db.Actor, time.GetUtcNow().UtcDateTime);
        db.OptInChanges.Add(change);
        // Written with the opt-out itself: a crash after this save still withdraws the photo (recovery).
        if (change.NewValue == OptInChoice.OptOut) StateSyncOutbox.Stage(db, student.StateStudentId, change.ChangedAt);
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            var current = await Load(id);
            if (current is null) return NotFound();
            return ShowConflict(current);
        }

        // An opt-out must reach the state within a minute, not wait for the nightly sync.
        if (change.NewValue == OptInChoice.OptOut) syncQueue.SyncStudentSoon(student.StateStudentId);
        TempData["Saved"] = $"Saved: {change.OldValue.Label()} → {change.NewValue.Label()}.";
        return RedirectToPage("./Details", new { id });
    }

    private IActionResult ShowConflict(Student current)
    {
        db.ChangeTracker.Clear();
        Student = current;
        Conflict = $"This student was changed by someone else while you were editing. The opt-in value is now {current.OptIn.Label()}"
            + (current.OptInGivenOn is { } d ? $" (given {d:yyyy-MM-dd} for {current.OptInSchoolYear})" : "")
            + ". Nothing was saved: check the value and save again if your change still applies.";
        ModelState.Remove("Input.Version");
        Input.Version = current.Version;
        return Page();
    }

    private async Task<Student?> Load(int id, bool tracked = false)
    {
        var query = db.Students.Include(s => s.School).AsQueryable();
        if (!tracked) query = query.AsNoTracking();
        var student = await query.FirstOrDefaultAsync(s => s.Id == id);
        if (student is not null) Student = student;
        return student;
    }
}
