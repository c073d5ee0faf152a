using Microsoft.EntityFrameworkCore;
using PhotoRepository.Core.Data;
using PhotoRepository.Core.Entities;

namespace PhotoRepository.Core.Sync;

/// <summary>
/// The one sync lease (a single row): a run holds it while it works so no second run starts, on this
/// server or another. It expires unless renewed, so a run whose server died frees it.
/// </summary>
public sealed class SyncLeaseHolder(PhotoRepositoryDbContext db, TimeProvider time)
{
    public TimeSpan Duration { get; set; } = TimeSpan.FromMinutes(10);

    public async Task<bool> TryTakeAsync(long runId, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var until = now + Duration;
        var taken = await db.SyncLeases
            .Where(l => l.Id == SyncLease.SingleId && (l.RunId == null || l.ExpiresAt < now))
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.RunId, runId).SetProperty(l => l.ExpiresAt, until), ct);
        if (taken == 1) await MarkAbandonedRunsAsync(runId, ct);
        return taken == 1;
    }

    /// <summary>A run still "Running" when the lease was free died with its server: say so on the runs page.</summary>
    private async Task MarkAbandonedRunsAsync(long runId, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await db.SyncRuns
            .Where(r => r.Outcome == SyncOutcome.Running && r.Id != runId && r.Trigger != SyncTrigger.OptOut)
            .ExecuteUpdateAsync(s => s
                .SetProperty(r => r.Outcome, SyncOutcome.Failed)
                .SetProperty(r => r.EndedAt, now)
                .SetProperty(r => r.Error, "The run stopped without finishing (its server stopped or lost the lease)."), ct);
    }

    /// <summary>Called after every batch by whichever worker did it, so a long run never loses the lease.</summary>
    public async Task RenewAsync(long runId, CancellationToken ct)
    {
        var until = time.GetUtcNow().UtcDateTime + Duration;
        var held = await db.SyncLeases
            .Where(l => l.Id == SyncLease.SingleId && l.RunId == runId)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.ExpiresAt, until), ct);
        if (held != 1) throw new InvalidOperationException("The run lost the sync lease to another run.");
    }

    public async Task ReleaseAsync(long runId) =>
        await db.SyncLeases
            .Where(l => l.Id == SyncLease.SingleId && l.RunId == runId)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.RunId, (long?)null).SetProperty(l => l.ExpiresAt, (DateTime?)null));
}
