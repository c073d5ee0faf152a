using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PhotoRepository.Core.Data;
using PhotoRepository.Core.Entities;

namespace PhotoRepository.Core.Photos.Import;

/// <summary>
/// The preview's slow half, in the background: processes each matched entry of a batch in
/// <see cref="PhotoImportStatus.Checking"/> through the photo pipeline (about 50 ms of CPU a photo, on Photos:ImportWorkers workers,
/// so minutes for a large ZIP, far too long for the upload request), keeps each processed photo
/// (<see cref="PhotoImportContent"/>) with its verdict and the progress, then moves the batch to
/// <see cref="PhotoImportStatus.Previewed"/>. The commit stores what was kept without decoding again.
/// A batch cancelled or cleaned up meanwhile stops the job at its next save, which then keeps nothing.
/// </summary>
public sealed class PhotoImportCheckJob(IServiceScopeFactory scopes, PhotoImportPlanner planner, TimeProvider time)
{
    /// <summary>Verdicts, kept photos and progress are saved this often: a progress bar that moves, without a write per photo.</summary>
    public const int SaveEvery = 20;

    public async Task RunAsync(int batchId, CancellationToken ct = default)
    {
        PhotoImportBatch batch;
        List<(int Id, int EntryIndex)> pending;
        using (var scope = scopes.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PhotoRepositoryDbContext>();
            var found = await db.PhotoImportBatches.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(b => b.Id == batchId, ct);
            if (found is null || found.Status != PhotoImportStatus.Checking) return;
            batch = found;
            // A retry (or a restart after a crash) goes on with the photos not yet kept: those saved are done.
            pending = (await db.PhotoImportItems.IgnoreQueryFilters().AsNoTracking()
                    .Where(i => i.BatchId == batchId && i.Kind == PhotoImportEntryKind.Matched && i.Sha256 == null)
                    .OrderBy(i => i.EntryIndex).Select(i => new { i.Id, i.EntryIndex }).ToListAsync(ct))
                .Select(i => (i.Id, i.EntryIndex)).ToList();
        }

        var checkedCount = Math.Max(0, batch.CheckTotal - pending.Count);
        var verdicts = new List<(int ItemId, PhotoResult Result)>();
        var path = PhotoImportFiles.PathOf(planner.Limits, batch.StoredFile);
        if (!File.Exists(path))
        {
            verdicts.AddRange(pending.Select(p => (p.Id, PhotoResult.Refused("The uploaded ZIP is no longer available: upload it again."))));
            await SaveAsync(batch, batch.CheckTotal, verdicts, done: true, ct);
            return;
        }

        var itemOf = pending.ToDictionary(p => p.EntryIndex, p => p.Id);
        var seen = 0;
        // One save at a time runs beside the check: the workers go on with the next photos while the last ones are
        // written and flushed, instead of waiting on a full queue. Saves stay in order (each waits for the one before).
        Task<bool>? saving = null;
        try
        {
            await using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 1 << 16))
            {
                await foreach (var verdict in planner.CheckAsync(stream, pending.Select(p => p.EntryIndex), planner.Limits.ImportWorkers, ct))
                {
                    checkedCount++;
                    seen++;
                    verdicts.Add((itemOf[verdict.EntryIndex], verdict.Result));
                    if (verdicts.Count < SaveEvery) continue;
                    if (saving is not null && !await saving) return;
                    var (count, toSave) = (checkedCount, verdicts);
                    // SQLite's async calls run synchronously: on another thread, or the save would hold up the verdicts.
                    saving = Task.Run(() => SaveAsync(batch, count, toSave, done: false, ct), CancellationToken.None);
                    verdicts = [];
                }
            }
            if (saving is not null && !await saving) return;
            saving = null;
        }
        finally
        {
            // A failure or cancellation never leaves a save running behind the job (a retry would race it).
            if (saving is not null) await Task.WhenAny(saving);
        }
        // Never Previewed with a photo unchecked: the check throws instead, and Hangfire retries.
        if (seen != pending.Count) throw new InvalidOperationException($"The check gave {seen} verdicts for {pending.Count} photos.");
        await SaveAsync(batch, checkedCount, verdicts, done: true, ct);
    }

    /// <summary>
    /// Called by the host when the last retry has failed too: the batch says why instead of staying in
    /// Checking for ever, and its ZIP is removed (the clerk uploads again).
    /// </summary>
    public async Task FailAsync(int batchId, string reason, CancellationToken ct = default)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PhotoRepositoryDbContext>();
        var batch = await db.PhotoImportBatches.IgnoreQueryFilters().FirstOrDefaultAsync(b => b.Id == batchId, ct);
        if (batch is null || batch.Status != PhotoImportStatus.Checking) return;
        batch.Status = PhotoImportStatus.CheckFailed;
        batch.CheckError = reason.Length > 1000 ? reason[..1000] : reason;
        batch.FinishedAt = time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        await db.PhotoImportContents.IgnoreQueryFilters().Where(c => c.BatchId == batchId).ExecuteDeleteAsync(ct);
        PhotoImportFiles.Delete(planner.Limits, batch.StoredFile);
    }

    /// <summary>
    /// Progress, verdicts and the kept photos in one transaction, and only while the batch is still checking:
    /// false when the clerk cancelled it or the clean-up removed it, which ends the job.
    /// </summary>
    private async Task<bool> SaveAsync(PhotoImportBatch batch, int checkedCount, List<(int ItemId, PhotoResult Result)> verdicts, bool done, CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PhotoRepositoryDbContext>();
        var status = done ? PhotoImportStatus.Previewed : PhotoImportStatus.Checking;
        return await db.InTransactionAsync(async cancel =>
        {
            var moved = await db.PhotoImportBatches.IgnoreQueryFilters()
                .Where(b => b.Id == batch.Id && b.Status == PhotoImportStatus.Checking)
                .ExecuteUpdateAsync(s => s.SetProperty(b => b.CheckedCount, checkedCount).SetProperty(b => b.Status, status), cancel);
            if (moved == 0) return false;
            if (verdicts.Count > 0)
            {
                var results = verdicts.ToDictionary(v => v.ItemId, v => v.Result);
                var ids = results.Keys.ToList();
                foreach (var item in await db.PhotoImportItems.IgnoreQueryFilters().Where(i => ids.Contains(i.Id)).ToListAsync(cancel))
                    PhotoImportPlanner.Apply(item, results[item.Id]);
                // Content-addressed within the batch: the same picture twice is kept once.
                var photos = verdicts.Select(v => v.Result.Photo).OfType<ProcessedPhoto>().DistinctBy(p => p.Sha256).ToList();
                var shas = photos.Select(p => p.Sha256).ToList();
                var kept = await db.PhotoImportContents.IgnoreQueryFilters()
                    .Where(c => c.BatchId == batch.Id && shas.Contains(c.Sha256)).Select(c => c.Sha256).ToListAsync(cancel);
                foreach (var photo in photos.Where(p => !kept.Contains(p.Sha256)))
                    db.PhotoImportContents.Add(new PhotoImportContent
                    {
                        BatchId = batch.Id,
                        DistrictId = batch.DistrictId,
                        Sha256 = photo.Sha256,
                        Jpeg = photo.Jpeg,
                        Thumbnail = photo.Thumbnail,
                        Width = photo.Width,
                        Height = photo.Height,
                    });
                await db.SaveChangesAsync(cancel);
            }
            return true;
        }, ct);
    }
}
