using Microsoft.EntityFrameworkCore;
using PhotoRepository.Core.Data;
using PhotoRepository.Core.Entities;
using PhotoRepository.Core.Rules;

namespace PhotoRepository.Core.Sync;

/// <summary>
/// Coordinates the state sync, as a plain class that Hangfire (or a test) calls: a run takes the lease,
/// cuts the state student IDs into partitions that any server may claim, has <see cref="SyncDecider"/>
/// decide them batch by batch, then runs <see cref="SyncPurge"/>. Every step depends only on the current
/// district and state records, so a run killed halfway and run again ends where one clean run would.
/// </summary>
public class StateSyncJob(PhotoRepositoryDbContext db, TimeProvider time, ISyncHelpers? helpers = null, ISyncProbe? probe = null)
{
    private readonly SyncDecider _decider = new(db, probe);
    private readonly SyncLeaseHolder _lease = new(db, time);

    /// <summary>State student IDs per partition: the unit that servers share out.</summary>
    public int PartitionSize { get; set; } = 10_000;

    /// <summary>How many helper jobs a run asks for at most (when it has more than one partition).</summary>
    public int MaxHelpers { get; set; } = 3;

    /// <summary>Names this worker on the partitions it claims (server and process), for the record.</summary>
    public string WorkerName { get; set; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}"[..^24];

    /// <summary>State student IDs per batch (one transaction each).</summary>
    public int BatchSize { get; set; } = 2500;

    /// <summary>How long a run holds the lease without renewing it; renewed after every batch.</summary>
    public TimeSpan LeaseDuration { get => _lease.Duration; set => _lease.Duration = value; }

    /// <summary>
    /// A nightly run decides every student when the last successful full run is older than this;
    /// otherwise only the students changed since the last successful run (decision 0005).
    /// </summary>
    public TimeSpan FullRunEvery { get; set; } = TimeSpan.FromDays(7);

    /// <summary>
    /// How far before the last successful run's start a changed-students run looks back: covers a save
    /// stamped just before that run started but committed after it read the student, and clock
    /// differences between servers. Deciding a student twice is harmless.
    /// </summary>
    public TimeSpan ChangeSlack { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Decides one state student ID now (after an Opt Out, or for the old ID of a corrected one).</summary>
    public async Task SyncStudentAsync(string stateStudentId, CancellationToken cancellationToken = default)
    {
        var counts = new Dictionary<int, SyncCounts>();
        await _decider.DecideAsync([stateStudentId], runId: null, StateCalendar.Today(time), time.GetUtcNow().UtcDateTime, counts, cancellationToken);
        db.ChangeTracker.Clear();
        await Purge().DeleteUnusedContentAsync(cancellationToken);
    }

    /// <summary>
    /// One run, recorded as a SyncRun. Returns null without doing anything when another run holds the
    /// sync (on this server or another).
    /// </summary>
    public async Task<SyncRun?> RunAsync(SyncTrigger trigger, string startedBy, CancellationToken cancellationToken = default)
    {
        var run = new SyncRun { Trigger = trigger, StartedBy = startedBy, StartedAt = time.GetUtcNow().UtcDateTime, Outcome = SyncOutcome.Running };
        db.SyncRuns.Add(run);
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();

        if (!await _lease.TryTakeAsync(run.Id, cancellationToken))
        {
            await db.SyncRuns.Where(r => r.Id == run.Id).ExecuteDeleteAsync(cancellationToken);
            return null;
        }

        try
        {
            var since = await ChooseScopeAsync(run, cancellationToken);
            var count = await Partitioner().PlanAsync(run.Id, since, cancellationToken);
            if (count > 1) helpers?.Request(run.Id, Math.Min(MaxHelpers, count - 1));
            // The run works too, then waits for partitions helpers still hold (or takes over stale ones).
            while (true)
            {
                await WorkThroughPartitionsAsync(run.Id, since, cancellationToken);
                await _lease.RenewAsync(run.Id, cancellationToken);
                if (!await db.SyncPartitions.AnyAsync(p => p.SyncRunId == run.Id && p.DoneAt == null, cancellationToken)) break;
                await Task.Delay(TimeSpan.FromMilliseconds(250), time, cancellationToken);
            }
            var counts = await Partitioner().CountsAsync(run.Id, cancellationToken);
            var today = StateCalendar.Today(time);
            var purge = Purge();
            await purge.SettleUnheldAsync(run.Id, today, time.GetUtcNow().UtcDateTime, counts, cancellationToken);
            await purge.RemoveExpiredAsync(today, counts, cancellationToken);
            await purge.DeleteUnusedContentAsync(cancellationToken);
            await FinishAsync(run.Id, SyncOutcome.Succeeded, null, counts, CancellationToken.None);
        }
        catch (Exception ex)
        {
            db.ChangeTracker.Clear();
            var error = ex is OperationCanceledException ? "The run was cancelled." : $"{ex.GetType().Name}: {ex.Message}";
            var counts = await Partitioner().CountsAsync(run.Id, CancellationToken.None);
            await FinishAsync(run.Id, SyncOutcome.Failed, error, counts, CancellationToken.None);
            throw;
        }
        finally
        {
            await _lease.ReleaseAsync(run.Id);
        }
        return await db.SyncRuns.AsNoTracking().Include(r => r.Districts).SingleAsync(r => r.Id == run.Id, CancellationToken.None);
    }

    /// <summary>
    /// A helper's job: claims partitions of a run still running, one at a time, until none is left.
    /// Any number of servers can run this side by side.
    /// </summary>
    public async Task HelpAsync(long runId, CancellationToken cancellationToken = default)
    {
        var run = await db.SyncRuns.AsNoTracking().Where(r => r.Id == runId && r.Outcome == SyncOutcome.Running)
            .Select(r => new { r.ChangedSince }).SingleOrDefaultAsync(cancellationToken);
        if (run is not null)
            await WorkThroughPartitionsAsync(runId, run.ChangedSince, cancellationToken);
    }

    private SyncPurge Purge() => new(db, time, _decider) { BatchSize = BatchSize };

    private SyncPartitioner Partitioner() =>
        new(db, time) { PartitionSize = PartitionSize, BatchSize = BatchSize, LeaseDuration = LeaseDuration, WorkerName = WorkerName };

    /// <summary>
    /// Nightly runs decide only the students changed since the last successful run, unless a full run
    /// is due; any other run decides everyone. Returns the change cut-off (null for a full run) and
    /// records the choice on the run. Called with the lease held, so no other run can finish meanwhile.
    /// </summary>
    private async Task<DateTime?> ChooseScopeAsync(SyncRun run, CancellationToken ct)
    {
        DateTime? since = null;
        if (run.Trigger == SyncTrigger.Nightly)
        {
            var finished = db.SyncRuns.AsNoTracking().Where(r => r.Outcome == SyncOutcome.Succeeded && r.Trigger != SyncTrigger.OptOut);
            var lastFull = await finished.Where(r => r.Scope == SyncScope.Full).MaxAsync(r => (DateTime?)r.StartedAt, ct);
            var last = await finished.MaxAsync(r => (DateTime?)r.StartedAt, ct);
            if (lastFull is not null && lastFull > run.StartedAt - FullRunEvery && last is not null)
                since = last.Value - ChangeSlack;
        }
        var scope = since is null ? SyncScope.Full : SyncScope.Changed;
        await db.SyncRuns.Where(r => r.Id == run.Id)
            .ExecuteUpdateAsync(u => u.SetProperty(r => r.Scope, scope).SetProperty(r => r.ChangedSince, since), ct);
        return since;
    }

    private async Task WorkThroughPartitionsAsync(long runId, DateTime? since, CancellationToken ct)
    {
        var partitions = Partitioner();
        while (await partitions.ClaimAsync(runId, ct) is { } partition)
        {
            if (probe is not null) await probe.PartitionClaimedAsync(runId, WorkerName, ct);
            var counts = new Dictionary<int, SyncCounts>();
            var today = StateCalendar.Today(time);
            var now = time.GetUtcNow().UtcDateTime;
            var after = partition.After;
            while (true)
            {
                var ids = await partitions.NextIdsAsync(after, partition.UpTo, since, ct);
                if (ids.Count == 0) break;
                await _decider.DecideAsync(ids, runId, today, now, counts, ct);
                db.ChangeTracker.Clear();
                after = ids[^1];
                await partitions.ReportProgressAsync(partition, ct);
                await _lease.RenewAsync(runId, ct);
            }
            await partitions.DoneAsync(partition, counts, ct);
        }
    }

    /// <summary>Records the outcome and its audit event, naming this run, in one save.</summary>
    private async Task FinishAsync(long runId, SyncOutcome outcome, string? error, Dictionary<int, SyncCounts> counts, CancellationToken ct)
    {
        var run = await db.SyncRuns.Include(r => r.Districts).SingleAsync(r => r.Id == runId, ct);
        run.Outcome = outcome;
        run.Error = error is { Length: > 4000 } ? error[..4000] : error;
        run.EndedAt = time.GetUtcNow().UtcDateTime;
        run.Totals = new SyncCounts();
        foreach (var (districtId, c) in counts.OrderBy(kv => kv.Key))
        {
            run.Districts.Add(new SyncRunDistrict { DistrictId = districtId, Counts = c });
            run.Totals.Add(c);
        }
        var t = run.Totals;
        db.AuditEvents.Add(new AuditEvent
        {
            Action = "SyncRun", Entity = nameof(SyncRun), EntityId = run.Id.ToString(), UserName = run.StartedBy, At = run.EndedAt.Value,
            Details = $"{run.Trigger} ({run.Scope}) {run.Outcome}: copied {t.Copied}, replaced {t.Replaced}, removed {t.RemovedOptedOut} opted out, "
                + $"{t.RemovedExpired} expired and {t.RemovedNoLongerHeld} no longer held {run.Error}".Trim(),
        });
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
    }
}
