using System.Data;
using Microsoft.EntityFrameworkCore;
using PhotoRepository.Core.Data;
using PhotoRepository.Core.Entities;
using PhotoRepository.Core.Rules;

namespace PhotoRepository.Core.Sync;

/// <summary>
/// Decides a batch of state student IDs in one transaction: reads every district record holding each
/// ID and the state record, applies <see cref="SyncDecision"/>, and writes the state side.
/// </summary>
public sealed class SyncDecider(PhotoRepositoryDbContext db, ISyncProbe? probe = null)
{
    private sealed record Row(
        string StateStudentId, int DistrictId, OptInChoice OptIn, OptInChoice? LastExplicit, DateTime? LastExplicitAt,
        string LastName, string FirstName, string MiddleName, DateOnly BirthDate, string SchoolName,
        string? PhotoSha256, DateOnly? PhotoDate);

    public async Task DecideAsync(IReadOnlyList<string> ids, long? runId, DateOnly today, DateTime now,
        Dictionary<int, SyncCounts> counts, CancellationToken ct)
    {
        // Reads and writes in one transaction: an Opt Out saved meanwhile cannot be overwritten by a decision made
        // on the value read before it (SQLite: BEGIN IMMEDIATE; SQL Server: range locks). Under SQL Server's retrying
        // strategy a retried batch starts again, so its counts are kept apart until it commits.
        var batch = new Dictionary<int, SyncCounts>();
        await db.InTransactionAsync(async cancel =>
        {
            batch.Clear();
            await DecideInTransactionAsync(ids, runId, today, now, batch, cancel);
        }, ct, IsolationLevel.Serializable);
        foreach (var (districtId, c) in batch) SyncCounts.For(counts, districtId).Add(c);
    }

    private async Task DecideInTransactionAsync(IReadOnlyList<string> ids, long? runId, DateOnly today, DateTime now,
        Dictionary<int, SyncCounts> counts, CancellationToken ct)
    {
        var rows = await db.Students.IgnoreQueryFilters().AsNoTracking()
            .Where(s => ids.Contains(s.StateStudentId))
            .Select(s => new Row(s.StateStudentId, s.DistrictId, s.OptIn, s.LastExplicitOptIn, s.LastExplicitOptInAt,
                s.LastName, s.FirstName, s.MiddleName, s.BirthDate,
                s.School != null ? s.School.Name : "",
                s.Photo != null ? s.Photo.Sha256 : null,
                s.Photo != null ? s.Photo.PhotoDate : null))
            .ToListAsync(ct);
        var states = await db.StateStudents.Include(s => s.Photo)
            .Where(s => ids.Contains(s.StateStudentId))
            .ToDictionaryAsync(s => s.StateStudentId, ct);
        var holdersById = rows.ToLookup(r => r.StateStudentId);
        // New state records bypass the change tracker where the provider allows it (NewStateRows); existing ones are tracked.
        using var writer = NewStateRows.For(db);
        var created = new List<StateStudent>();

        foreach (var id in ids)
        {
            var holders = holdersById[id].ToDictionary(
                r => new DistrictRecord(r.DistrictId, r.OptIn, r.LastExplicit, r.LastExplicitAt,
                    r.PhotoSha256 is null ? null : new PhotoRef(r.PhotoSha256, r.PhotoDate!.Value)),
                r => r);
            states.TryGetValue(id, out var state);
            if (state is null && holders.Count == 0) continue;
            var isNew = state is null;
            if (state is null)
            {
                state = new StateStudent { StateStudentId = id, UpdatedAt = now };
                if (writer is null) db.StateStudents.Add(state);
                else created.Add(state);
            }
            var verdict = SyncDecision.Decide(holders.Keys, StatePhotoOf(state), today);
            // The record that speaks for the child also names them; without a choice anywhere, the lowest district id.
            var source = verdict.Speaker ?? holders.Keys.OrderBy(h => h.DistrictId).FirstOrDefault();
            Apply(state, isNew, verdict, source, source is null ? null : holders[source], runId, now,
                SyncCounts.For(counts, source?.DistrictId ?? state.Photo?.SourceDistrictId ?? state.DistrictId ?? 0));
            probe?.StudentDecided(id);
        }

        foreach (var state in created) await writer!.WriteAsync(state, ct);
        await db.SaveChangesAsync(ct);
    }

    private static StatePhotoRef? StatePhotoOf(StateStudent state) =>
        state.Photo is { } p ? new StatePhotoRef(new PhotoRef(p.Sha256, p.PhotoDate), p.SourceDistrictId) : null;

    private void Apply(StateStudent state, bool isNew, SyncVerdict verdict, DistrictRecord? source, Row? names, long? runId, DateTime now, SyncCounts counts)
    {
        var changed = false;
        if (verdict.StateValue != state.OptIn)
        {
            state.History.Add(new StateOptInChange
            {
                OldValue = state.OptIn,
                NewValue = verdict.StateValue,
                DistrictId = source?.DistrictId,
                SyncRunId = runId,
                ChangedAt = now,
            });
            state.OptIn = verdict.StateValue;
            counts.StateValueChanged++;
            changed = true;
        }
        state.LastExplicitChoice = verdict.Speaker?.LastExplicit;
        state.LastExplicitDistrictId = verdict.Speaker?.DistrictId;
        state.LastExplicitAt = verdict.Speaker?.LastExplicitAt;

        // What DOJ needs to recognise the child comes from the district that speaks for them.
        if (source is not null && names is not null)
        {
            state.DistrictId = source.DistrictId;
            state.SchoolName = names.SchoolName;
            state.LastName = names.LastName;
            state.FirstName = names.FirstName;
            state.MiddleName = names.MiddleName;
            state.BirthDate = names.BirthDate;
        }

        changed |= ApplyPhoto(state, verdict, now, counts);
        if (!changed) counts.Unchanged++;
        // A new state record already carries now; only an existing one needs its changes detected.
        if (isNew) return;
        var entry = db.Entry(state);
        entry.DetectChanges();
        if (entry.State != EntityState.Unchanged) state.UpdatedAt = now;
    }

    private bool ApplyPhoto(StateStudent state, SyncVerdict verdict, DateTime now, SyncCounts counts)
    {
        var speaker = verdict.Speaker;
        switch (verdict.Photo)
        {
            case PhotoAction.Copy:
                state.Photo = new StatePhoto
                {
                    Sha256 = speaker!.Photo!.Value.Sha256,
                    PhotoDate = speaker.Photo.Value.PhotoDate,
                    SourceDistrictId = speaker.DistrictId,
                    CopiedAt = now,
                };
                counts.Copied++;
                return true;
            case PhotoAction.Replace:
                // Only the pointer moves: the bytes are shared, immutable and content-addressed.
                state.Photo!.Sha256 = speaker!.Photo!.Value.Sha256;
                state.Photo.PhotoDate = speaker.Photo.Value.PhotoDate;
                state.Photo.SourceDistrictId = speaker.DistrictId;
                state.Photo.CopiedAt = now;
                state.Photo.AccessKey = Guid.NewGuid();
                counts.Replaced++;
                return true;
            case PhotoAction.RemoveOptedOut:
                db.StatePhotos.Remove(state.Photo!);
                counts.RemovedOptedOut++;
                return true;
            case PhotoAction.RemoveExpired:
                db.StatePhotos.Remove(state.Photo!);
                counts.RemovedExpired++;
                return true;
            case PhotoAction.RemoveNoLongerHeld:
                db.StatePhotos.Remove(state.Photo!);
                counts.RemovedNoLongerHeld++;
                return true;
            default:
                return false;
        }
    }
}
