using Microsoft.EntityFrameworkCore;
using PhotoRepository.Core.Data;
using PhotoRepository.Core.Entities;
using PhotoRepository.Core.Rules;

namespace PhotoRepository.Core.Sync;

/// <summary>
/// The end of every completed run, over the whole state whatever the run's scope: too-old photos go,
/// state student IDs no district holds any more are settled, and unused photo bytes are deleted.
/// </summary>
public sealed class SyncPurge(PhotoRepositoryDbContext db, TimeProvider time, SyncDecider decider)
{
    public int BatchSize { get; set; } = 2500;

    /// <summary>"Any photograph two years old or older is deleted", whatever the opt-in value.</summary>
    public async Task RemoveExpiredAsync(DateOnly today, Dictionary<int, SyncCounts> counts, CancellationToken ct)
    {
        var lastTooOld = StateAvailability.LastTooOldPhotoDate(today);
        var afterId = 0;
        while (true)
        {
            var expired = await db.StatePhotos
                .Where(p => p.PhotoDate <= lastTooOld && p.Id > afterId)
                .OrderBy(p => p.Id)
                .Take(BatchSize)
                .ToListAsync(ct);
            if (expired.Count == 0) break;
            afterId = expired[^1].Id;
            foreach (var photo in expired)
                SyncCounts.For(counts, photo.SourceDistrictId).RemovedExpired++;
            db.StatePhotos.RemoveRange(expired);
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>
    /// A state student ID that no district holds any more (a clerk corrected a typo) is decided as if
    /// that record never carried it: blank, without a photo. The correction asks for this at once; this
    /// catches one whose immediate job was lost, and changed-students runs, which never see the old ID.
    /// </summary>
    public async Task SettleUnheldAsync(long runId, DateOnly today, DateTime now, Dictionary<int, SyncCounts> counts, CancellationToken ct)
    {
        var students = db.Students.IgnoreQueryFilters();
        while (true)
        {
            var ids = await db.StateStudents.AsNoTracking()
                .Where(s => (s.OptIn != null || s.Photo != null) && !students.Any(d => d.StateStudentId == s.StateStudentId))
                .OrderBy(s => s.StateStudentId)
                .Select(s => s.StateStudentId)
                .Take(BatchSize)
                .ToListAsync(ct);
            if (ids.Count == 0) break;
            await decider.DecideAsync(ids, runId, today, now, counts, ct);
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>
    /// Photo bytes go only when neither a district photo nor a state photo points at them, so
    /// removing one side never removes the other's photo. Bytes stored in the last hour are left
    /// alone: an upload may have stored them and not yet saved the photo that points at them.
    /// </summary>
    public async Task DeleteUnusedContentAsync(CancellationToken ct)
    {
        var settled = time.GetUtcNow().UtcDateTime.AddHours(-1);
        await db.PhotoContents
            .Where(c => c.CreatedAt < settled
                && !db.DistrictPhotos.IgnoreQueryFilters().Any(d => d.Sha256 == c.Sha256)
                && !db.StatePhotos.Any(s => s.Sha256 == c.Sha256))
            .ExecuteDeleteAsync(ct);
    }
}
