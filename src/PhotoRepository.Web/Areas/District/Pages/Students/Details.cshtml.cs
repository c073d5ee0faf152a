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

    public record OtherHolder(string District, DateTime Since);

    public List<OtherHolder> OtherHolders { get; private set; } = [];

    /// <summary>The state knows this ID as another child (a claim made before the check existed): show nothing of it.</summary>
    public bool ClaimDisputed { get; private set; }

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

        // State rows are reached only through this (filtered) student's state ID, and only once the claim holds:
        // the state's child has this student's last name and birth date (StateIdClaim).
        var state = await db.StateStudents.AsNoTracking().Where(s => s.StateStudentId == student.StateStudentId)
            .Select(s => new { s.OptIn, s.UpdatedAt, s.LastName, s.BirthDate, PhotoDate = s.Photo == null ? (DateOnly?)null : s.Photo.PhotoDate })
            .FirstOrDefaultAsync(ct);
        if (state is not null && state.LastName != "" && !StateIdClaim.SameChild(new KnownChild(state.LastName, state.BirthDate), student.LastName, student.BirthDate))
            ClaimDisputed = true;
        else if (state is not null)
        {
            var available = StateAvailability.IsAvailable(state.OptIn, state.PhotoDate, Today);
            State = new StateInfo(state.OptIn, available, available ? PhotoAge.ExpiresOn(state.PhotoDate!.Value) : null, state.UpdatedAt);
        }
        // Which other districts hold the same ID, and since when (not their students' details).
        OtherHolders = await db.Students.IgnoreQueryFilters().AsNoTracking()
            .Where(s => s.StateStudentId == student.StateStudentId && s.DistrictId != student.DistrictId)
            .OrderBy(s => s.StateIdSince)
            .Select(s => new OtherHolder(s.District!.Name, s.StateIdSince)).ToListAsync(ct);
        // The district sees the disclosures made while it held the student, never those from before its claim.
        if (!ClaimDisputed)
            Disclosures = await db.DisclosureRecords.AsNoTracking()
                .Where(r => r.StudentStateId == student.StateStudentId && r.At >= student.StateIdSince)
                .OrderByDescending(r => r.At).Take(500).ToListAsync(ct);
        return Page();
    }
}
