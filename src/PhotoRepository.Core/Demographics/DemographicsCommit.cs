using PhotoRepository.Core.Data;

namespace PhotoRepository.Core.Demographics;

/// <summary>
/// Writes an accepted plan: the caller holds the transaction, so the whole file lands or none of it.
/// </summary>
public static class DemographicsCommit
{
    /// <summary>New students saved per SaveChanges; small enough to keep the change tracker light.</summary>
    public const int SliceSize = 2000;

    /// <summary>
    /// Saves the updates to tracked students and everything else already tracked (e.g. the upload
    /// record), then adds the new students in slices, clearing the change tracker between them: on a
    /// district's first upload of 20,000 students, tracking every student, history row and audit event
    /// at once costs more memory and time than the rows themselves.
    /// </summary>
    public static async Task SaveAsync(PhotoRepositoryDbContext db, DemographicsPlan plan, int districtId, string fileName,
        string changedBy, DateTime nowUtc, DateOnly today, CancellationToken ct = default)
    {
        var added = plan.Apply(districtId, fileName, changedBy, nowUtc, today);
        await db.SaveChangesAsync(ct);
        foreach (var slice in added.Chunk(SliceSize))
        {
            db.ChangeTracker.Clear();
            db.Students.AddRange(slice);
            await db.SaveChangesAsync(ct);
        }
        db.ChangeTracker.Clear();
    }
}
