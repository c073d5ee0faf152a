using Microsoft.EntityFrameworkCore;
using PhotoRepository.Core.Data;
using PhotoRepository.Core.Entities;
using PhotoRepository.Core.Rules;

namespace PhotoRepository.Core.Sync;

/// <summary>
/// The state sync and purge, as a plain class that Hangfire (or a test) calls. It applies
/// <see cref="SyncDecision"/> to every student, batch by batch. Each batch commits on its own and
/// every decision is a function of the district data and the state as it stands, so a run that dies
/// halfway and is run again ends exactly where one clean run would, and a second run changes nothing.
/// </summary>
public class StateSyncJob(PhotoRepositoryDbContext db, TimeProvider time)
{
    public const int BatchSize = 1000;

    /// <summary>Test seam: throw after this many students, to prove a rerun recovers.</summary>
    public int? FailAfterStudents { get; set; }

    /// <summary>A full run over every student known to any district or to the state.</summary>
    public async Task<long> RunAsync(SyncTrigger trigger, string startedBy, CancellationToken cancellationToken = default)
    {
        var run = await StartRunAsync(trigger, startedBy, cancellationToken);
        if (run is null) return 0;
        var perDistrict = new Dictionary<int, SyncCounts>();
        try
        {
            var today = StateCalendar.Today(time);
            var done = 0;
            string? after = null;
            while (true)
            {
                var ids = await NextIdsAsync(after, cancellationToken);
                if (ids.Count == 0) break;
                await ApplyAsync(ids, run.Id, today, run.Totals, perDistrict, () => ++done, cancellationToken);
                after = ids[^1];
            }
            await RemoveOrphanContentAsync(cancellationToken);
            await FinishAsync(run.Id, SyncOutcome.Succeeded, null, run.Totals, perDistrict, cancellationToken);
            return run.Id;
        }
        catch (Exception ex)
        {
            db.ChangeTracker.Clear();
            await FinishAsync(run.Id, SyncOutcome.Failed, ex.Message, run.Totals, perDistrict, CancellationToken.None);
            throw;
        }
    }

    /// <summary>Applies the table to one student now (after an Opt Out is saved, so it does not wait for the night).</summary>
    public async Task SyncStudentAsync(string stateStudentId, CancellationToken cancellationToken = default)
    {
        var totals = new SyncCounts();
        var perDistrict = new Dictionary<int, SyncCounts>();
        await ApplyAsync([stateStudentId], null, StateCalendar.Today(time), totals, perDistrict, () => 0, cancellationToken);
        await RemoveOrphanContentAsync(cancellationToken);
    }

    private async Task<SyncRun?> StartRunAsync(SyncTrigger trigger, string startedBy, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        // Never two runs at once: a run still marked running (and not abandoned for hours) blocks a new one.
        if (await db.SyncRuns.AnyAsync(r => r.Outcome == SyncOutcome.Running && r.StartedAt > now.AddHours(-6), cancellationToken))
            return null;
        var run = new SyncRun { Trigger = trigger, StartedBy = startedBy, StartedAt = now, Outcome = SyncOutcome.Running };
        db.SyncRuns.Add(run);
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return run;
    }

    private async Task<List<string>> NextIdsAsync(string? after, CancellationToken cancellationToken)
    {
        var district = db.Students.IgnoreQueryFilters().Select(s => s.StateStudentId);
        var state = db.StateStudents.Select(s => s.StateStudentId);
        var all = district.Union(state);
        if (after is not null) all = all.Where(id => string.Compare(id, after) > 0);
        return await all.OrderBy(id => id).Take(BatchSize).ToListAsync(cancellationToken);
    }

    private async Task ApplyAsync(IReadOnlyList<string> ids, long? runId, DateOnly today, SyncCounts totals,
        Dictionary<int, SyncCounts> perDistrict, Func<int> countOne, CancellationToken cancellationToken)
    {
        var records = await db.Students.IgnoreQueryFilters().AsNoTracking()
            .Where(s => ids.Contains(s.StateStudentId))
            .Select(s => new
            {
                s.StateStudentId, s.DistrictId, s.OptIn, s.OptInRecordedAt, s.Id, s.FirstName, s.LastName, s.MiddleName, s.BirthDate,
                School = s.School!.Name,
                Photo = s.Photo == null ? null : new { s.Photo.Sha256, s.Photo.PhotoDate },
            })
            .ToListAsync(cancellationToken);
        var byStudent = records.ToLookup(r => r.StateStudentId);
        var states = await db.StateStudents.Include(s => s.Photo).Where(s => ids.Contains(s.StateStudentId))
            .ToDictionaryAsync(s => s.StateStudentId, cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;

        foreach (var id in ids)
        {
            if (FailAfterStudents is { } limit && countOne() > limit)
                throw new InvalidOperationException($"Injected failure after {limit} students.");
            var district = byStudent[id].ToList();
            states.TryGetValue(id, out var state);
            var facts = new StateFacts(state?.OptIn, state?.Photo?.Sha256, state?.Photo?.PhotoDate);
            var values = district.Select(d => new DistrictValue(d.DistrictId, d.OptIn, d.OptInRecordedAt,
                d.Photo is null ? null : new DistrictPhotoFacts(d.Photo.Sha256, d.Photo.PhotoDate))).ToList();
            var outcome = SyncDecision.Decide(values, facts, today);

            var source = district.FirstOrDefault(d => d.DistrictId == outcome.DecidingDistrictId)
                         ?? district.OrderByDescending(d => d.OptInRecordedAt ?? DateTime.MinValue).ThenByDescending(d => d.Id).FirstOrDefault();
            var countsDistrict = source?.DistrictId ?? state?.DistrictId ?? 0;
            if (!perDistrict.TryGetValue(countsDistrict, out var counts)) perDistrict[countsDistrict] = counts = new SyncCounts();

            if (state is null)
            {
                if (source is null) continue;
                state = new StateStudent { StateStudentId = id };
                db.StateStudents.Add(state);
            }
            var changed = false;
            if (source is not null && (state.DistrictId != source.DistrictId || state.LastName != source.LastName || state.FirstName != source.FirstName
                || state.MiddleName != source.MiddleName || state.BirthDate != source.BirthDate || state.SchoolName != (source.School ?? "")))
            {
                state.DistrictId = source.DistrictId;
                state.LastName = source.LastName;
                state.FirstName = source.FirstName;
                state.MiddleName = source.MiddleName;
                state.BirthDate = source.BirthDate;
                state.SchoolName = source.School ?? "";
                changed = true;
            }
            if (outcome.ValueChanged)
            {
                state.History.Add(new StateOptInChange { OldValue = state.OptIn, NewValue = outcome.NewValue, DistrictId = outcome.DecidingDistrictId ?? source?.DistrictId, SyncRunId = runId, ChangedAt = now });
                state.OptIn = outcome.NewValue;
                Count(c => c.StateValueChanged++);
                changed = true;
            }
            if (outcome.DecidingDistrictId is { } deciding)
            {
                var decided = district.First(d => d.DistrictId == deciding);
                if (state.LastExplicitChoice != decided.OptIn || state.LastExplicitDistrictId != deciding || state.LastExplicitAt != decided.OptInRecordedAt)
                {
                    state.LastExplicitChoice = decided.OptIn;
                    state.LastExplicitDistrictId = deciding;
                    state.LastExplicitAt = decided.OptInRecordedAt;
                    changed = true;
                }
            }
            switch (outcome.Photo)
            {
                case PhotoAction.Copy:
                    state.Photo = new StatePhoto { Sha256 = outcome.PhotoToCopy!.Sha256, PhotoDate = outcome.PhotoToCopy.PhotoDate, SourceDistrictId = outcome.DecidingDistrictId!.Value, CopiedAt = now };
                    Count(c => c.Copied++);
                    break;
                case PhotoAction.Replace:
                    state.Photo!.Sha256 = outcome.PhotoToCopy!.Sha256;
                    state.Photo.PhotoDate = outcome.PhotoToCopy.PhotoDate;
                    state.Photo.SourceDistrictId = outcome.DecidingDistrictId!.Value;
                    state.Photo.CopiedAt = now;
                    Count(c => c.Replaced++);
                    break;
                case PhotoAction.RemoveOptedOut:
                    db.StatePhotos.Remove(state.Photo!);
                    Count(c => c.RemovedOptedOut++);
                    break;
                case PhotoAction.RemoveExpired:
                    db.StatePhotos.Remove(state.Photo!);
                    Count(c => c.RemovedExpired++);
                    break;
                default:
                    if (!changed) Count(c => c.Unchanged++);
                    break;
            }
            if (changed || outcome.Photo != PhotoAction.None) state.UpdatedAt = now;

            void Count(Action<SyncCounts> add)
            {
                add(totals);
                add(counts);
            }
        }
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
    }

    /// <summary>Photo bytes are shared; they go only when no district or state photo points at them.</summary>
    private Task<int> RemoveOrphanContentAsync(CancellationToken cancellationToken) =>
        db.PhotoContents
            .Where(c => !db.DistrictPhotos.IgnoreQueryFilters().Any(p => p.Sha256 == c.Sha256) && !db.StatePhotos.Any(p => p.Sha256 == c.Sha256))
            .ExecuteDeleteAsync(cancellationToken);

    private async Task FinishAsync(long runId, SyncOutcome outcome, string? error, SyncCounts totals, Dictionary<int, SyncCounts> perDistrict, CancellationToken cancellationToken)
    {
        var run = await db.SyncRuns.SingleAsync(r => r.Id == runId, cancellationToken);
        run.Outcome = outcome;
        run.Error = error is { Length: > 4000 } ? error[..4000] : error;
        run.EndedAt = time.GetUtcNow().UtcDateTime;
        run.Totals = totals;
        run.Districts = perDistrict.Where(p => p.Key != 0).Select(p => new SyncRunDistrict { DistrictId = p.Key, Counts = p.Value }).ToList();
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
    }
}
