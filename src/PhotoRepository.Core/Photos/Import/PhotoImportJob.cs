using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PhotoRepository.Core.Data;
using PhotoRepository.Core.Entities;
using PhotoRepository.Core.Rules;

namespace PhotoRepository.Core.Photos.Import;

/// <summary>
/// Commits a previewed import in the background. The check already processed and kept every matched
/// photo (<see cref="PhotoImportContent"/>), so nothing is decoded here: the pending items are stored in
/// chunks of <see cref="PhotoLimits.ImportChunkSize"/>, each chunk's photos and report lines in one transaction, so a run
/// stopped halfway resumes where it stopped and a rerun never stores a photo twice. The run first claims
/// the batch with one conditional UPDATE (Queued, or Running with a heartbeat older than
/// <see cref="StaleAfter"/>), so two jobs never work on one batch. A failure leaves the batch
/// <see cref="PhotoImportStatus.Failed"/> with a message; the clerk resumes or cancels it. Finishing
/// removes the kept photos and the ZIP.
/// </summary>
public sealed class PhotoImportJob(IServiceScopeFactory scopes, PhotoLimits limits, TimeProvider time)
{
    /// <summary>A Running batch whose heartbeat is this old belongs to a server that died.</summary>
    public static readonly TimeSpan StaleAfter = TimeSpan.FromMinutes(2);

    private static readonly TimeSpan HeartbeatEvery = TimeSpan.FromSeconds(10);

    private static readonly TimeSpan ChunkPause = TimeSpan.FromMilliseconds(10);

    public const string FailedMessage =
        "The import stopped because of an error on the server. The photos marked added or replaced are stored; press Resume to import the rest, or Cancel to stop here.";

    /// <summary>A matched item with no kept photo: checked by a version of the wizard that did not keep them.</summary>
    public const string NotKeptMessage = "This photo was checked before the wizard was updated and was not kept: upload it again.";

    private long _lastHeartbeat;

    /// <summary>Ran and finished (or failed) the batch; false when there was nothing to claim.</summary>
    public async Task<bool> RunAsync(int batchId, CancellationToken ct = default)
    {
        if (!await ClaimAsync(batchId, ct)) return false;
        PhotoImportBatch batch;
        List<int> pending;
        using (var scope = scopes.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PhotoRepositoryDbContext>();
            batch = await db.PhotoImportBatches.IgnoreQueryFilters().AsNoTracking().FirstAsync(b => b.Id == batchId, ct);
            pending = await db.PhotoImportItems.IgnoreQueryFilters().AsNoTracking()
                .Where(i => i.BatchId == batchId && i.Kind == PhotoImportEntryKind.Matched && i.Outcome == PhotoImportOutcome.Pending)
                .OrderBy(i => i.EntryIndex).Select(i => i.Id).ToListAsync(ct);
        }

        var today = StateCalendar.Today(time);
        try
        {
            var chunks = pending.Chunk(Math.Max(1, limits.ImportChunkSize)).ToList();
            for (var i = 0; i < chunks.Count; i++)
            {
                // A breath between chunks (wall-clock, whatever the app's clock), so a writer waiting for SQLite's lock
                // (a DOJ disclosure) gets in between two chunks instead of after the whole import. The app's connections
                // try again every 1-2 ms while they wait (SqliteBusyTimeout), so 10 ms is enough (it was 120 ms
                // when they tried only every 100 ms).
                if (i > 0) await Task.Delay(ChunkPause, ct);
                await StoreChunkAsync(batch, chunks[i], today, ct);
            }
        }
        catch (Exception) when (ct.IsCancellationRequested)
        {
            // The server is shutting down: hand the batch back so the next start (or another server) resumes it at once.
            await SetStatusAsync(batchId, PhotoImportStatus.Running, PhotoImportStatus.Queued, null, CancellationToken.None);
            throw;
        }
        catch (Exception)
        {
            await SetStatusAsync(batchId, PhotoImportStatus.Running, PhotoImportStatus.Failed, FailedMessage, CancellationToken.None);
            throw;
        }

        if (await SetStatusAsync(batchId, PhotoImportStatus.Running, PhotoImportStatus.Finished, null, ct))
            PhotoImportFiles.Delete(limits, batch.StoredFile);
        return true;
    }

    /// <summary>Queued, or Running on a server that stopped beating: becomes Running here, for this run only.</summary>
    private async Task<bool> ClaimAsync(int batchId, CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PhotoRepositoryDbContext>();
        var now = time.GetUtcNow().UtcDateTime;
        var stale = now - StaleAfter;
        var claimed = await db.PhotoImportBatches.IgnoreQueryFilters()
            .Where(b => b.Id == batchId && (b.Status == PhotoImportStatus.Queued
                || (b.Status == PhotoImportStatus.Running && (b.HeartbeatAt == null || b.HeartbeatAt < stale))))
            .ExecuteUpdateAsync(s => s
                .SetProperty(b => b.Status, PhotoImportStatus.Running)
                .SetProperty(b => b.HeartbeatAt, now)
                .SetProperty(b => b.ImportError, (string?)null)
                .SetProperty(b => b.StartedAt, b => b.StartedAt ?? now), ct);
        Interlocked.Exchange(ref _lastHeartbeat, now.Ticks);
        return claimed == 1;
    }

    private async Task<bool> SetStatusAsync(int batchId, PhotoImportStatus from, PhotoImportStatus to, string? error, CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PhotoRepositoryDbContext>();
        DateTime? finished = to is PhotoImportStatus.Finished or PhotoImportStatus.Failed ? time.GetUtcNow().UtcDateTime : null;
        return await db.InTransactionAsync(async cancel =>
        {
            var moved = await db.PhotoImportBatches.IgnoreQueryFilters()
                .Where(b => b.Id == batchId && b.Status == from)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(b => b.Status, to)
                    .SetProperty(b => b.ImportError, error)
                    .SetProperty(b => b.FinishedAt, finished), cancel) == 1;
            // Finished: every kept photo is stored or reported; nobody needs them any more.
            if (moved && to == PhotoImportStatus.Finished)
                await db.PhotoImportContents.IgnoreQueryFilters().Where(c => c.BatchId == batchId).ExecuteDeleteAsync(cancel);
            return moved;
        }, ct);
    }

    private async Task HeartbeatAsync(PhotoRepositoryDbContext db, int batchId, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var last = Interlocked.Read(ref _lastHeartbeat);
        if (now.Ticks - last < HeartbeatEvery.Ticks || Interlocked.CompareExchange(ref _lastHeartbeat, now.Ticks, last) != last) return;
        await db.PhotoImportBatches.IgnoreQueryFilters().Where(b => b.Id == batchId && b.Status == PhotoImportStatus.Running)
            .ExecuteUpdateAsync(s => s.SetProperty(b => b.HeartbeatAt, now), ct);
    }

    /// <summary>
    /// One chunk in one transaction: each pending item's student and current photo, the kept photos whose
    /// content is not stored yet, the photo rows and the report lines; then content that students gave up and
    /// nothing else points at any more. An item an earlier run decided is skipped.
    /// </summary>
    private async Task StoreChunkAsync(PhotoImportBatch batch, int[] itemIds, DateOnly today, CancellationToken ct)
    {
        // Batches queued before CommittedBy existed fall back to the clerk who uploaded the ZIP.
        var clerk = string.IsNullOrEmpty(batch.CommittedBy) ? batch.CreatedBy : batch.CommittedBy;
        for (var attempt = 1; ; attempt++)
        {
            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<PhotoRepositoryDbContext>();
            db.ActFor(clerk);
            try
            {
                await db.InTransactionAsync(cancel => StageChunkAsync(db, batch, itemIds, today, clerk, cancel), ct);
                await HeartbeatAsync(db, batch.Id, ct);
                return;
            }
            catch (DbUpdateException) when (attempt < 3)
            {
                // Another clerk's import stored the same content a moment ago: try again, it will be reused.
            }
        }
    }

    private async Task StageChunkAsync(PhotoRepositoryDbContext db, PhotoImportBatch batch, int[] itemIds, DateOnly today, string clerk, CancellationToken ct)
    {
        var items = await db.PhotoImportItems.IgnoreQueryFilters()
            .Where(i => itemIds.Contains(i.Id) && i.Outcome == PhotoImportOutcome.Pending).OrderBy(i => i.EntryIndex).ToListAsync(ct);
        if (items.Count == 0) return;
        var studentIds = items.Select(i => i.StudentId ?? 0).ToList();
        var students = await db.Students.IgnoreQueryFilters()
            .Where(s => studentIds.Contains(s.Id) && s.DistrictId == batch.DistrictId).ToDictionaryAsync(s => s.Id, ct);
        var current = await db.DistrictPhotos.IgnoreQueryFilters()
            .Where(p => studentIds.Contains(p.StudentId)).ToDictionaryAsync(p => p.StudentId, ct);
        var shas = items.Select(i => i.Sha256).OfType<string>().Distinct().ToList();
        var stored = (await db.PhotoContents.Where(c => shas.Contains(c.Sha256)).Select(c => c.Sha256).ToListAsync(ct)).ToHashSet();
        var missing = shas.Where(s => !stored.Contains(s)).ToList();
        var kept = await db.PhotoImportContents.IgnoreQueryFilters().AsNoTracking()
            .Where(c => c.BatchId == batch.Id && missing.Contains(c.Sha256)).ToDictionaryAsync(c => c.Sha256, ct);

        var photos = new StudentPhotos(db, time);
        var given = new List<string>();
        foreach (var item in items)
        {
            if (item.StudentId is not { } sid || !students.TryGetValue(sid, out var student))
            {
                (item.Outcome, item.Message) = (PhotoImportOutcome.Rejected, "The student is no longer in your district.");
                continue;
            }
            if (item.Sha256 is not { } sha || (!stored.Contains(sha) && !kept.ContainsKey(sha)))
            {
                (item.Outcome, item.Message) = (PhotoImportOutcome.Rejected, NotKeptMessage);
                continue;
            }
            var date = PhotoDateRule.Decide(batch.PhotoDate, item.CaptureDate, today);
            current.TryGetValue(sid, out var photo);
            var change = StudentPhotos.Decide(photo, sha, date.Date, batch.ReplaceExisting);
            if (change is PhotoChange.Added or PhotoChange.Replaced)
            {
                if (!stored.Contains(sha))
                {
                    var content = kept[sha];
                    db.PhotoContents.Add(new PhotoContent
                    {
                        Sha256 = sha,
                        Jpeg = content.Jpeg,
                        Thumbnail = content.Thumbnail,
                        Width = content.Width,
                        Height = content.Height,
                        CreatedAt = time.GetUtcNow().UtcDateTime,
                    });
                    stored.Add(sha);
                }
                if (photos.Apply(student, photo, sha, PhotoFormat.Jpeg, date.Date, date.Source, item.EntryName, clerk) is { } old && old != sha)
                    given.Add(old);
            }
            (item.Outcome, item.Message) = change switch
            {
                PhotoChange.Added => (PhotoImportOutcome.Added, "Photo added."),
                PhotoChange.Replaced => (PhotoImportOutcome.Replaced, "Photo replaced."),
                PhotoChange.KeptExisting => (PhotoImportOutcome.KeptExisting, "The student already has a photo: kept, as chosen."),
                _ => (PhotoImportOutcome.Unchanged, "Same photo as the one already stored: unchanged."),
            };
            if (date.TooOldForState && change is PhotoChange.Added or PhotoChange.Replaced)
                item.Message += $" Photo date {date.Date:yyyy-MM-dd} is two years ago or more: it will not go to the state.";
        }
        await db.SaveChangesAsync(ct);
        if (given.Count == 0) return;
        await photos.DeleteContentsIfUnusedAsync(given, ct);
        await db.SaveChangesAsync(ct);
    }
}
