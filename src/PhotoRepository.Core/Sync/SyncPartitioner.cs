using Microsoft.EntityFrameworkCore;
using PhotoRepository.Core.Data;
using PhotoRepository.Core.Entities;

namespace PhotoRepository.Core.Sync;

/// <summary>
/// A run's state student IDs cut into partitions (ranges of IDs) that any server may claim, and the
/// batches of IDs inside one. Keyset queries throughout: the whole list of IDs is never loaded.
/// </summary>
public sealed class SyncPartitioner(PhotoRepositoryDbContext db, TimeProvider time)
{
    public int PartitionSize { get; set; } = 10_000;
    public int BatchSize { get; set; } = 2500;
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(10);
    public string WorkerName { get; set; } = "";

    /// <summary>The state student IDs (repeated per district) a run decides: all, or those with a district record changed since the cut-off.</summary>
    private IQueryable<string> IdsToDecide(DateTime? since)
    {
        var students = db.Students.IgnoreQueryFilters().AsNoTracking();
        if (since is not null) students = students.Where(s => s.ChangedAt >= since);
        return students.Select(s => s.StateStudentId);
    }

    /// <summary>Cuts the IDs into ranges of PartitionSize with keyset queries (never loading all IDs).</summary>
    public async Task<int> PlanAsync(long runId, DateTime? since, CancellationToken ct)
    {
        var number = 0;
        string? after = null;
        while (true)
        {
            var ids = IdsToDecide(since);
            if (after is not null) ids = ids.Where(id => string.Compare(id, after) > 0);
            var upTo = await ids.Distinct().OrderBy(id => id).Skip(PartitionSize - 1).FirstOrDefaultAsync(ct);
            db.SyncPartitions.Add(new SyncPartition { SyncRunId = runId, Number = ++number, After = after, UpTo = upTo });
            if (upTo is null) break;
            var last = upTo;
            if (!await IdsToDecide(since).AnyAsync(id => string.Compare(id, last) > 0, ct)) break;
            after = upTo;
        }
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        return number;
    }

    /// <summary>
    /// Takes the next free partition with one conditional UPDATE, so two servers never take the same
    /// one. A partition whose worker has not reported for a lease period is free again (its server died);
    /// redoing it is safe because every step is idempotent.
    /// </summary>
    public async Task<SyncPartition?> ClaimAsync(long runId, CancellationToken ct)
    {
        while (true)
        {
            var now = time.GetUtcNow().UtcDateTime;
            var stale = now - LeaseDuration;
            var candidate = await db.SyncPartitions.AsNoTracking()
                .Where(p => p.SyncRunId == runId && p.DoneAt == null && (p.ClaimedBy == null || p.ClaimedAt < stale))
                .OrderBy(p => p.Number)
                .FirstOrDefaultAsync(ct);
            if (candidate is null) return null;
            var taken = await db.SyncPartitions
                .Where(p => p.Id == candidate.Id && p.DoneAt == null && p.ClaimedBy == candidate.ClaimedBy && p.ClaimedAt == candidate.ClaimedAt)
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.ClaimedBy, WorkerName).SetProperty(p => p.ClaimedAt, now), ct);
            if (taken == 1) return candidate;
        }
    }

    public async Task<List<string>> NextIdsAsync(string? after, string? upTo, DateTime? since, CancellationToken ct)
    {
        var ids = IdsToDecide(since);
        if (after is not null) ids = ids.Where(id => string.Compare(id, after) > 0);
        if (upTo is not null) ids = ids.Where(id => string.Compare(id, upTo) <= 0);
        return await ids.Distinct().OrderBy(id => id).Take(BatchSize).ToListAsync(ct);
    }

    public async Task<Dictionary<int, SyncCounts>> CountsAsync(long runId, CancellationToken ct)
    {
        var all = new Dictionary<int, SyncCounts>();
        var rows = await db.SyncPartitions.AsNoTracking().Where(p => p.SyncRunId == runId && p.DoneAt != null).Select(p => p.Counts).ToListAsync(ct);
        foreach (var row in rows)
            foreach (var (districtId, c) in System.Text.Json.JsonSerializer.Deserialize<Dictionary<int, SyncCounts>>(row) ?? [])
                SyncCounts.For(all, districtId).Add(c);
        return all;
    }


    /// <summary>The worker still holds the partition and has got this far: others must not take it over.</summary>
    public Task ReportProgressAsync(SyncPartition partition, CancellationToken ct) =>
        db.SyncPartitions.Where(p => p.Id == partition.Id && p.ClaimedBy == WorkerName)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.ClaimedAt, time.GetUtcNow().UtcDateTime), ct);

    public Task DoneAsync(SyncPartition partition, Dictionary<int, SyncCounts> counts, CancellationToken ct)
    {
        var json = System.Text.Json.JsonSerializer.Serialize(counts);
        var done = time.GetUtcNow().UtcDateTime;
        return db.SyncPartitions.Where(p => p.Id == partition.Id && p.ClaimedBy == WorkerName)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.DoneAt, done).SetProperty(p => p.Counts, json), ct);
    }
}
