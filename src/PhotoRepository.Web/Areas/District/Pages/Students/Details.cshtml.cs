using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PhotoRepository.Core.Data;
using PhotoRepository.Core.Entities;
using PhotoRepository.Core.Rules;

namespace PhotoRepository.Web.Areas.District.Pages.Students;

public class DetailsModel(PhotoRepositoryDbContext db, TimeProvider time) : PageModel
{
    public Student Student { get; private set; } = null!;
    public List<OptInChange> History { get; private set; } = [];
    public PhotoInfo? Photo { get; private set; }
    public StateInfo? State { get; private set; }
    public List<DisclosureRecord> Disclosures { get; private set; } = [];
    public DateOnly Today { get; private set; }

    public record PhotoInfo(DateOnly PhotoDate, PhotoDateSource Source, PhotoStatus Status, DateOnly ExpiresOn);

    public record StateInfo(OptInChoice? Value, bool PhotoAvailable, DateOnly? AvailableUntil, DateTime UpdatedAt);

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        // The district query filter makes another district's student simply not found.
        var student = await db.Students.AsNoTracking().Include(s => s.School).FirstOrDefaultAsync(s => s.Id == id, ct);
        if (student is null) return NotFound();
        Student = student;
        Today = StateCalendar.Today(time);
        History = await db.OptInChanges.AsNoTracking().Where(c => c.StudentId == id)
            .OrderByDescending(c => c.ChangedAt).ThenByDescending(c => c.Id).ToListAsync(ct);

        var photo = await db.DistrictPhotos.AsNoTracking().Where(p => p.StudentId == id)
            .Select(p => new { p.PhotoDate, p.PhotoDateSource }).FirstOrDefaultAsync(ct);
        if (photo is not null)
            Photo = new PhotoInfo(photo.PhotoDate, photo.PhotoDateSource, PhotoStatusRule.Of(photo.PhotoDate, Today), PhotoAge.ExpiresOn(photo.PhotoDate));

        // State rows are reached only through this (filtered) student's state ID.
        var state = await db.StateStudents.AsNoTracking().Where(s => s.StateStudentId == student.StateStudentId)
            .Select(s => new { s.OptIn, s.UpdatedAt, PhotoDate = s.Photo == null ? (DateOnly?)null : s.Photo.PhotoDate })
            .FirstOrDefaultAsync(ct);
        if (state is not null)
        {
            var available = state.OptIn == OptInChoice.OptIn && state.PhotoDate is { } d && !PhotoAge.IsTooOld(d, Today);
            State = new StateInfo(state.OptIn, available, available ? PhotoAge.ExpiresOn(state.PhotoDate!.Value) : null, state.UpdatedAt);
        }
        Disclosures = await db.DisclosureRecords.AsNoTracking().Where(r => r.StudentStateId == student.StateStudentId)
            .OrderByDescending(r => r.At).Take(500).ToListAsync(ct);
        return Page();
    }
}
