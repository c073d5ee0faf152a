using System.Data;
using Microsoft.EntityFrameworkCore;
using PhotoRepository.Core.Data;
using PhotoRepository.Core.Entities;
using PhotoRepository.Core.Rules;

namespace PhotoRepository.Core.Sync;

/// <summary>
/// The state sync and purge, as a plain class that Hangfire (or a test) calls. It streams students
/// in batches of state student ids (never loading the whole state), applies <see cref="SyncDecision"/>
/// to each, and commits batch by batch. Every step depends only on the current district and state
/// records, so a run killed halfway and run again ends exactly where one clean run would.
/// </summary>
public class StateSyncJob(PhotoRepositoryDbContext db, TimeProvider time, ISyncHelpers? helpers = null)
{
    private readonly PhotoRepositoryDbContext _db = db;
    private readonly TimeProvider _time = time;
    private readonly ISyncHelpers? _helpers = helpers;

    /// <summary>State student ids per partition: the unit that servers share out.</summary>
    public int PartitionSize { get; set; } = 10_000;

    /// <summary>How many helper jobs a run asks for at most (when it has more than one partition).</summary>
    public int MaxHelpers { get; set; } = 3;

    /// <summary>Names this worker on the partitions it claims (server and process), for the record.</summary>
    public string WorkerName { get; set; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}"[..^24];

    /// <summary>State student ids per batch (one transaction each).</summary>
    public int BatchSize { get; set; } = 2500;

    /// <summary>How long a run holds the lease without renewing it; renewed every batch.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// A nightly run decides every student when the last successful full run is older than this;
    /// otherwise only the students changed since the last successful run. The periodic full run
    /// catches what no change stamp shows (a school renamed, data changed outside the application).
    /// </summary>
    public TimeSpan FullRunEvery { get; set; } = TimeSpan.FromDays(7);

    /// <summary>
    /// How far before the last successful run's start a changed-students run looks back: covers a
    /// save stamped just before that run started but committed after it read the student, and clock
    /// differences between application servers. Deciding a student twice is harmless.
    /// </summary>
    public TimeSpan ChangeSlack { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Applies the decision table to one student (all districts that know them), now.</summary>
    public async Task SyncStudentAsync(string stateStudentId, CancellationToken cancellationToken = default)
    {
        var today = StateCalendar.Today(_time);
        var now = _time.GetUtcNow().UtcDateTime;
        var counts = new Dictionary<int, SyncCounts>();
        await ApplyBatchAsync([stateStudentId], runId: null, today, now, counts, cancellationToken);
        _db.ChangeTracker.Clear();
        await DeleteUnusedContentAsync(cancellationToken);
    }

    /// <summary>
    /// One full run over every student, recorded as a SyncRun. Returns null without doing anything
    /// when another run holds the sync (on this server or another).
    /// </summary>
    public async Task<SyncRun?> RunAsync(SyncTrigger trigger, string startedBy, CancellationToken cancellationToken = default)
    {
        var run = new SyncRun
        {
            Trigger = trigger,
            StartedBy = startedBy,
            StartedAt = _time.GetUtcNow().UtcDateTime,
            Outcome = SyncOutcome.Running,
        };
        _db.SyncRuns.Add(run);
        await _db.SaveChangesAsync(cancellationToken);
        _db.ChangeTracker.Clear();

        if (!await TryTakeLeaseAsync(run.Id, cancellationToken))
        {
            await _db.SyncRuns.Where(r => r.Id == run.Id).ExecuteDeleteAsync(cancellationToken);
            return null;
        }

        try
        {
            var since = await ChooseScopeAsync(run, cancellationToken);
            var count = await PlanPartitionsAsync(run.Id, since, cancellationToken);
            if (count > 1) _helpers?.Request(run.Id, Math.Min(MaxHelpers, count - 1));
            // The run works too, then waits for partitions helpers still hold (or takes over stale ones).
            while (true)
            {
                await WorkThroughPartitionsAsync(run.Id, since, cancellationToken);
                await RenewLeaseAsync(run.Id, cancellationToken);
                if (!await _db.SyncPartitions.AnyAsync(p => p.SyncRunId == run.Id && p.DoneAt == null, cancellationToken)) break;
                await Task.Delay(TimeSpan.FromMilliseconds(250), _time, cancellationToken);
            }
            var counts = await PartitionCountsAsync(run.Id, cancellationToken);
            await RemoveExpiredAsync(StateCalendar.Today(_time), counts, cancellationToken);
            await DeleteUnusedContentAsync(cancellationToken);
            await FinishAsync(run.Id, SyncOutcome.Succeeded, null, counts, CancellationToken.None);
        }
        catch (Exception ex)
        {
            _db.ChangeTracker.Clear();
            var error = ex is OperationCanceledException ? "The run was cancelled." : $"{ex.GetType().Name}: {ex.Message}";
            var counts = await PartitionCountsAsync(run.Id, CancellationToken.None);
            await FinishAsync(run.Id, SyncOutcome.Failed, error, counts, CancellationToken.None);
            throw;
        }
        finally
        {
            await ReleaseLeaseAsync(run.Id);
        }
        return await _db.SyncRuns.AsNoTracking().Include(r => r.Districts).SingleAsync(r => r.Id == run.Id, CancellationToken.None);
    }

    /// <summary>
    /// A helper's job: claims partitions of a run still running, one at a time, until none is left.
    /// Any number of servers can run this side by side.
    /// </summary>
    public async Task HelpAsync(long runId, CancellationToken cancellationToken = default)
    {
        var run = await _db.SyncRuns.AsNoTracking().Where(r => r.Id == runId && r.Outcome == SyncOutcome.Running)
            .Select(r => new { r.ChangedSince }).SingleOrDefaultAsync(cancellationToken);
        if (run is not null)
            await WorkThroughPartitionsAsync(runId, run.ChangedSince, cancellationToken);
    }

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
            var finished = _db.SyncRuns.AsNoTracking().Where(r => r.Outcome == SyncOutcome.Succeeded && r.Trigger != SyncTrigger.OptOut);
            var lastFull = await finished.Where(r => r.Scope == SyncScope.Full).MaxAsync(r => (DateTime?)r.StartedAt, ct);
            var last = await finished.MaxAsync(r => (DateTime?)r.StartedAt, ct);
            if (lastFull is not null && lastFull > run.StartedAt - FullRunEvery && last is not null)
                since = last.Value - ChangeSlack;
        }
        var scope = since is null ? SyncScope.Full : SyncScope.Changed;
        await _db.SyncRuns.Where(r => r.Id == run.Id)
            .ExecuteUpdateAsync(u => u.SetProperty(r => r.Scope, scope).SetProperty(r => r.ChangedSince, since), ct);
        return since;
    }

    /// <summary>The state student ids (repeated per district) a run decides: all, or those with a district record changed since the cut-off.</summary>
    private IQueryable<string> IdsToDecide(DateTime? since)
    {
        var students = _db.Students.IgnoreQueryFilters().AsNoTracking();
        if (since is not null) students = students.Where(s => s.ChangedAt >= since);
        return students.Select(s => s.StateStudentId);
    }

    /// <summary>Cuts the ids into ranges of PartitionSize with keyset queries (never loading all ids).</summary>
    private async Task<int> PlanPartitionsAsync(long runId, DateTime? since, CancellationToken ct)
    {
        var number = 0;
        string? after = null;
        while (true)
        {
            var ids = IdsToDecide(since);
            if (after is not null) ids = ids.Where(id => string.Compare(id, after) > 0);
            var upTo = await ids.Distinct().OrderBy(id => id).Skip(PartitionSize - 1).FirstOrDefaultAsync(ct);
            _db.SyncPartitions.Add(new SyncPartition { SyncRunId = runId, Number = ++number, After = after, UpTo = upTo });
            if (upTo is null) break;
            var last = upTo;
            if (!await IdsToDecide(since).AnyAsync(id => string.Compare(id, last) > 0, ct)) break;
            after = upTo;
        }
        await _db.SaveChangesAsync(ct);
        _db.ChangeTracker.Clear();
        return number;
    }

    private async Task WorkThroughPartitionsAsync(long runId, DateTime? since, CancellationToken ct)
    {
        while (await ClaimAsync(runId, ct) is { } partition)
        {
            await OnPartitionClaimedAsync(runId, ct);
            var counts = new Dictionary<int, SyncCounts>();
            var today = StateCalendar.Today(_time);
            var now = _time.GetUtcNow().UtcDateTime;
            var after = partition.After;
            while (true)
            {
                var ids = await NextIdsAsync(after, partition.UpTo, since, ct);
                if (ids.Count == 0) break;
                await ApplyBatchAsync(ids, runId, today, now, counts, ct);
                _db.ChangeTracker.Clear();
                after = ids[^1];
                await _db.SyncPartitions.Where(p => p.Id == partition.Id && p.ClaimedBy == WorkerName)
                    .ExecuteUpdateAsync(s => s.SetProperty(p => p.ClaimedAt, _time.GetUtcNow().UtcDateTime), ct);
            }
            var json = System.Text.Json.JsonSerializer.Serialize(counts);
            var done = _time.GetUtcNow().UtcDateTime;
            await _db.SyncPartitions.Where(p => p.Id == partition.Id && p.ClaimedBy == WorkerName)
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.DoneAt, done).SetProperty(p => p.Counts, json), ct);
        }
    }

    /// <summary>
    /// Takes the next free partition with one conditional UPDATE, so two servers never take the same
    /// one. A partition whose worker has not reported for a lease period is free again (its server died);
    /// redoing it is safe because every step is idempotent.
    /// </summary>
    private async Task<SyncPartition?> ClaimAsync(long runId, CancellationToken ct)
    {
        while (true)
        {
            var now = _time.GetUtcNow().UtcDateTime;
            var stale = now - LeaseDuration;
            var candidate = await _db.SyncPartitions.AsNoTracking()
                .Where(p => p.SyncRunId == runId && p.DoneAt == null && (p.ClaimedBy == null || p.ClaimedAt < stale))
                .OrderBy(p => p.Number)
                .FirstOrDefaultAsync(ct);
            if (candidate is null) return null;
            var taken = await _db.SyncPartitions
                .Where(p => p.Id == candidate.Id && p.DoneAt == null && p.ClaimedBy == candidate.ClaimedBy && p.ClaimedAt == candidate.ClaimedAt)
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.ClaimedBy, WorkerName).SetProperty(p => p.ClaimedAt, now), ct);
            if (taken == 1) return candidate;
        }
    }

    private async Task<Dictionary<int, SyncCounts>> PartitionCountsAsync(long runId, CancellationToken ct)
    {
        var all = new Dictionary<int, SyncCounts>();
        var rows = await _db.SyncPartitions.AsNoTracking().Where(p => p.SyncRunId == runId && p.DoneAt != null).Select(p => p.Counts).ToListAsync(ct);
        foreach (var row in rows)
        {
            foreach (var (districtId, c) in System.Text.Json.JsonSerializer.Deserialize<Dictionary<int, SyncCounts>>(row) ?? [])
            {
                var sum = CountsFor(all, districtId);
                sum.Copied += c.Copied;
                sum.Replaced += c.Replaced;
                sum.RemovedOptedOut += c.RemovedOptedOut;
                sum.RemovedExpired += c.RemovedExpired;
                sum.StateValueChanged += c.StateValueChanged;
                sum.Unchanged += c.Unchanged;
                sum.Errors += c.Errors;
            }
        }
        return all;
    }

    /// <summary>Called when this worker has claimed a partition, outside any transaction. Tests override it to hold a worker.</summary>
    protected virtual Task OnPartitionClaimedAsync(long runId, CancellationToken ct) => Task.CompletedTask;

    /// <summary>Called after each student is decided, inside the batch's transaction. Tests override it to inject a crash.</summary>
    protected virtual void OnStudentDecided(string stateStudentId)
    {
    }

    private async Task<List<string>> NextIdsAsync(string? after, string? upTo, DateTime? since, CancellationToken ct)
    {
        var ids = IdsToDecide(since);
        if (after is not null) ids = ids.Where(id => string.Compare(id, after) > 0);
        if (upTo is not null) ids = ids.Where(id => string.Compare(id, upTo) <= 0);
        return await ids.Distinct().OrderBy(id => id).Take(BatchSize).ToListAsync(ct);
    }

    private sealed record Row(
        string StateStudentId, int DistrictId, OptInChoice OptIn, DateTime? OptInRecordedAt,
        string LastName, string FirstName, string MiddleName, DateOnly BirthDate, string SchoolName,
        string? PhotoSha256, DateOnly? PhotoDate);

    private async Task ApplyBatchAsync(IReadOnlyList<string> ids, long? runId, DateOnly today, DateTime now,
        Dictionary<int, SyncCounts> counts, CancellationToken ct)
    {
        // Reads and writes in one transaction: an Opt Out saved meanwhile cannot be overwritten by
        // a decision made on the value read before it (SQLite: BEGIN IMMEDIATE; SQL Server: range locks).
        await using var tx = await _db.Database.BeginTransactionAsync(IsolationLevel.Serializable, ct);

        var rows = await _db.Students.IgnoreQueryFilters().AsNoTracking()
            .Where(s => ids.Contains(s.StateStudentId))
            .Select(s => new Row(s.StateStudentId, s.DistrictId, s.OptIn, s.OptInRecordedAt,
                s.LastName, s.FirstName, s.MiddleName, s.BirthDate,
                s.School != null ? s.School.Name : "",
                s.Photo != null ? s.Photo.Sha256 : null,
                s.Photo != null ? s.Photo.PhotoDate : null))
            .ToListAsync(ct);
        var states = await _db.StateStudents.Include(s => s.Photo)
            .Where(s => ids.Contains(s.StateStudentId))
            .ToDictionaryAsync(s => s.StateStudentId, ct);

        foreach (var group in rows.GroupBy(r => r.StateStudentId))
        {
            var records = group.ToDictionary(
                r => new DistrictRecord(r.DistrictId, r.OptIn, r.OptInRecordedAt,
                    r.PhotoSha256 is null ? null : new PhotoRef(r.PhotoSha256, r.PhotoDate!.Value)),
                r => r);
            var supplier = SyncDecision.Supplier(records.Keys)!;
            var source = records[supplier];
            if (!states.TryGetValue(group.Key, out var state))
            {
                state = new StateStudent { StateStudentId = group.Key, UpdatedAt = now };
                _db.StateStudents.Add(state);
            }
            Apply(state, supplier, source, runId, today, now, CountsFor(counts, supplier.DistrictId));
            OnStudentDecided(group.Key);
        }

        await _db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
    }

    private void Apply(StateStudent state, DistrictRecord supplier, Row source, long? runId, DateOnly today, DateTime now, SyncCounts counts)
    {
        var statePhoto = state.Photo is { } p ? new PhotoRef(p.Sha256, p.PhotoDate) : (PhotoRef?)null;
        var verdict = SyncDecision.Decide(supplier.OptIn, state.OptIn, supplier.Photo, statePhoto, today);
        var changed = false;

        if (verdict.StateValue != state.OptIn)
        {
            state.History.Add(new StateOptInChange
            {
                OldValue = state.OptIn,
                NewValue = verdict.StateValue,
                DistrictId = supplier.DistrictId,
                SyncRunId = runId,
                ChangedAt = now,
            });
            state.OptIn = verdict.StateValue;
            counts.StateValueChanged++;
            changed = true;
        }
        if (supplier.OptIn != OptInChoice.Unknown)
        {
            state.LastExplicitChoice = supplier.OptIn;
            state.LastExplicitDistrictId = supplier.DistrictId;
            state.LastExplicitAt = supplier.RecordedAt;
        }

        // What DOJ needs to recognise the child comes from the district that speaks for them.
        state.DistrictId = supplier.DistrictId;
        state.SchoolName = source.SchoolName;
        state.LastName = source.LastName;
        state.FirstName = source.FirstName;
        state.MiddleName = source.MiddleName;
        state.BirthDate = source.BirthDate;

        switch (verdict.Photo)
        {
            case PhotoAction.Copy:
                state.Photo = new StatePhoto
                {
                    Sha256 = supplier.Photo!.Value.Sha256,
                    PhotoDate = supplier.Photo.Value.PhotoDate,
                    SourceDistrictId = supplier.DistrictId,
                    CopiedAt = now,
                };
                counts.Copied++;
                changed = true;
                break;
            case PhotoAction.Replace:
                // Only the pointer moves: the bytes are shared, immutable and content-addressed.
                state.Photo!.Sha256 = supplier.Photo!.Value.Sha256;
                state.Photo.PhotoDate = supplier.Photo.Value.PhotoDate;
                state.Photo.SourceDistrictId = supplier.DistrictId;
                state.Photo.CopiedAt = now;
                state.Photo.AccessKey = Guid.NewGuid();
                counts.Replaced++;
                changed = true;
                break;
            case PhotoAction.RemoveOptedOut:
                _db.StatePhotos.Remove(state.Photo!);
                counts.RemovedOptedOut++;
                changed = true;
                break;
            case PhotoAction.RemoveExpired:
                _db.StatePhotos.Remove(state.Photo!);
                counts.RemovedExpired++;
                changed = true;
                break;
        }

        if (!changed) counts.Unchanged++;
        // A new state record already carries now; only an existing one needs its changes detected.
        var entry = _db.Entry(state);
        if (entry.State == EntityState.Added) return;
        entry.DetectChanges();
        if (entry.State != EntityState.Unchanged) state.UpdatedAt = now;
    }

    /// <summary>
    /// The purge: "any photograph two years old or older is deleted", whatever the opt-in value,
    /// including state photos of students no district knows any more.
    /// </summary>
    private async Task RemoveExpiredAsync(DateOnly today, Dictionary<int, SyncCounts> counts, CancellationToken ct)
    {
        // A day of slack in SQL, the exact rule in C#: AddYears on 29 February is not symmetric.
        var candidatesUpTo = today.AddYears(-2).AddDays(1);
        var afterId = 0;
        while (true)
        {
            var candidates = await _db.StatePhotos
                .Where(p => p.PhotoDate <= candidatesUpTo && p.Id > afterId)
                .OrderBy(p => p.Id)
                .Take(BatchSize)
                .ToListAsync(ct);
            if (candidates.Count == 0) break;
            afterId = candidates[^1].Id;
            var expired = candidates.Where(p => PhotoAge.IsTooOld(p.PhotoDate, today)).ToList();
            foreach (var photo in expired)
                CountsFor(counts, photo.SourceDistrictId).RemovedExpired++;
            _db.StatePhotos.RemoveRange(expired);
            await _db.SaveChangesAsync(ct);
            _db.ChangeTracker.Clear();
        }
    }

    /// <summary>
    /// Photo bytes go only when neither a district photo nor a state photo points at them, so
    /// removing one side never removes the other's photo. Bytes stored in the last hour are left
    /// alone: an upload may have stored them and not yet saved the photo that points at them.
    /// </summary>
    private async Task DeleteUnusedContentAsync(CancellationToken ct)
    {
        var settled = _time.GetUtcNow().UtcDateTime.AddHours(-1);
        await _db.PhotoContents
            .Where(c => c.CreatedAt < settled
                && !_db.DistrictPhotos.IgnoreQueryFilters().Any(d => d.Sha256 == c.Sha256)
                && !_db.StatePhotos.Any(s => s.Sha256 == c.Sha256))
            .ExecuteDeleteAsync(ct);
    }

    private async Task FinishAsync(long runId, SyncOutcome outcome, string? error, Dictionary<int, SyncCounts> counts, CancellationToken ct)
    {
        var run = await _db.SyncRuns.Include(r => r.Districts).SingleAsync(r => r.Id == runId, ct);
        run.Outcome = outcome;
        run.Error = error is { Length: > 4000 } ? error[..4000] : error;
        run.EndedAt = _time.GetUtcNow().UtcDateTime;
        run.Totals = new SyncCounts();
        foreach (var (districtId, c) in counts.OrderBy(kv => kv.Key))
        {
            run.Districts.Add(new SyncRunDistrict { DistrictId = districtId, Counts = c });
            run.Totals.Copied += c.Copied;
            run.Totals.Replaced += c.Replaced;
            run.Totals.RemovedOptedOut += c.RemovedOptedOut;
            run.Totals.RemovedExpired += c.RemovedExpired;
            run.Totals.StateValueChanged += c.StateValueChanged;
            run.Totals.Unchanged += c.Unchanged;
            run.Totals.Errors += c.Errors;
        }
        await _db.SaveChangesAsync(ct);
        _db.ChangeTracker.Clear();
    }

    private static SyncCounts CountsFor(Dictionary<int, SyncCounts> counts, int districtId)
    {
        if (!counts.TryGetValue(districtId, out var c)) counts[districtId] = c = new SyncCounts();
        return c;
    }

    private async Task<bool> TryTakeLeaseAsync(long runId, CancellationToken ct)
    {
        var now = _time.GetUtcNow().UtcDateTime;
        var until = now + LeaseDuration;
        var taken = await _db.SyncLeases
            .Where(l => l.Id == SyncLease.SingleId && (l.RunId == null || l.ExpiresAt < now))
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.RunId, runId).SetProperty(l => l.ExpiresAt, until), ct);
        if (taken == 1) await MarkAbandonedRunsAsync(runId, ct);
        return taken == 1;
    }

    /// <summary>A run still "Running" when the lease was free died with its server: say so on the runs page.</summary>
    private async Task MarkAbandonedRunsAsync(long runId, CancellationToken ct)
    {
        var now = _time.GetUtcNow().UtcDateTime;
        await _db.SyncRuns
            .Where(r => r.Outcome == SyncOutcome.Running && r.Id != runId && r.Trigger != SyncTrigger.OptOut)
            .ExecuteUpdateAsync(s => s
                .SetProperty(r => r.Outcome, SyncOutcome.Failed)
                .SetProperty(r => r.EndedAt, now)
                .SetProperty(r => r.Error, "The run stopped without finishing (its server stopped or lost the lease)."), ct);
    }

    private async Task RenewLeaseAsync(long runId, CancellationToken ct)
    {
        var until = _time.GetUtcNow().UtcDateTime + LeaseDuration;
        var held = await _db.SyncLeases
            .Where(l => l.Id == SyncLease.SingleId && l.RunId == runId)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.ExpiresAt, until), ct);
        if (held != 1) throw new InvalidOperationException("The run lost the sync lease to another run.");
    }

    private async Task ReleaseLeaseAsync(long runId) =>
        await _db.SyncLeases
            .Where(l => l.Id == SyncLease.SingleId && l.RunId == runId)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.RunId, (long?)null).SetProperty(l => l.ExpiresAt, (DateTime?)null));
}
