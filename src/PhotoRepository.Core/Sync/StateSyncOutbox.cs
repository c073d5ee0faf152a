using Microsoft.EntityFrameworkCore;
using PhotoRepository.Core.Data;
using PhotoRepository.Core.Entities;

namespace PhotoRepository.Core.Sync;

/// <summary>
/// Opt-outs reach the state at once, and a crash cannot lose one: the page stages a
/// <see cref="StateSyncRequest"/> row in the same SaveChanges (same transaction) as the opt-out, then
/// asks <see cref="IStateSyncQueue"/> to process it now. Processing runs the one-student sync and
/// deletes the rows it covered; start-up and periodic recovery process any row left behind.
/// Running it again is harmless: the one-student sync is idempotent.
/// </summary>
public sealed class StateSyncOutbox(PhotoRepositoryDbContext db, StateSyncJob sync)
{
    /// <summary>Stages the request on the context; the caller's SaveChanges writes it with the opt-out.</summary>
    public static void Stage(PhotoRepositoryDbContext db, string stateStudentId, DateTime now)
    {
        if (string.IsNullOrWhiteSpace(stateStudentId)) return;
        db.StateSyncRequests.Add(new StateSyncRequest { StateStudentId = stateStudentId, CreatedAt = now });
    }

    /// <summary>Applies the student's district value to the state, then forgets the requests that asked for it.</summary>
    public async Task ProcessAsync(string stateStudentId, CancellationToken ct = default)
    {
        // Only the rows seen before the sync: a request that arrives during it stays for another pass.
        var ids = await db.StateSyncRequests.AsNoTracking().Where(r => r.StateStudentId == stateStudentId).Select(r => r.Id).ToListAsync(ct);
        if (ids.Count == 0) return;
        await db.StateSyncRequests.Where(r => ids.Contains(r.Id)).ExecuteUpdateAsync(s => s.SetProperty(r => r.Attempts, r => r.Attempts + 1), ct);
        await sync.SyncStudentAsync(stateStudentId, ct);
        await db.StateSyncRequests.Where(r => ids.Contains(r.Id)).ExecuteDeleteAsync(ct);
    }

    /// <summary>State student ids with a request older than <paramref name="olderThan"/> (all of them at start-up).</summary>
    public static Task<List<string>> WaitingAsync(PhotoRepositoryDbContext db, DateTime olderThan, CancellationToken ct = default) =>
        db.StateSyncRequests.AsNoTracking().Where(r => r.CreatedAt < olderThan).Select(r => r.StateStudentId).Distinct().ToListAsync(ct);
}
