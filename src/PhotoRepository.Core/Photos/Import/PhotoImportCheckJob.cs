using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PhotoRepository.Core.Data;
using PhotoRepository.Core.Entities;

namespace PhotoRepository.Core.Photos.Import;

/// <summary>
/// The preview's slow half, in the background: decodes each matched entry of a batch in
/// <see cref="PhotoImportStatus.Checking"/> (about 30 ms a photo, so minutes for a large ZIP, far
/// too long for the upload request), records the verdicts and the progress, then moves the batch to
/// <see cref="PhotoImportStatus.Previewed"/>. A batch cancelled or cleaned up meanwhile stops the job
/// at its next save.
/// </summary>
public sealed class PhotoImportCheckJob(IServiceScopeFactory scopes, PhotoImportPlanner planner, TimeProvider time)
{
    /// <summary>Verdicts and progress are saved this often: a progress bar that moves, without a write per photo.</summary>
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
            pending = (await db.PhotoImportItems.IgnoreQueryFilters().AsNoTracking()
                    .Where(i => i.BatchId == batchId && i.Kind == PhotoImportEntryKind.Matched)
                    .OrderBy(i => i.EntryIndex).Select(i => new { i.Id, i.EntryIndex }).ToListAsync(ct))
                .Select(i => (i.Id, i.EntryIndex)).ToList();
        }

        // A retry starts over on the photos still matched; those already refused stay counted as checked.
        var checkedCount = Math.Max(0, batch.CheckTotal - pending.Count);
        var verdicts = new List<(int ItemId, string Reason)>();
        var path = PhotoImportFiles.PathOf(planner.Limits, batch.StoredFile);
        if (!File.Exists(path))
        {
            verdicts.AddRange(pending.Select(p => (p.Id, "The uploaded ZIP is no longer available: upload it again.")));
            await SaveAsync(batchId, batch.CheckTotal, verdicts, done: true, ct);
            return;
        }

        var itemOf = pending.ToDictionary(p => p.EntryIndex, p => p.Id);
        await using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 1 << 16))
        {
            foreach (var (entryIndex, reason) in planner.Check(stream, pending.Select(p => p.EntryIndex), ct))
            {
                checkedCount++;
                if (reason is not null) verdicts.Add((itemOf[entryIndex], reason));
                if (checkedCount % SaveEvery != 0) continue;
                if (!await SaveAsync(batchId, checkedCount, verdicts, done: false, ct)) return;
                verdicts.Clear();
            }
        }
        await SaveAsync(batchId, checkedCount, verdicts, done: true, ct);
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
        PhotoImportFiles.Delete(planner.Limits, batch.StoredFile);
    }

    /// <summary>
    /// Progress and verdicts in one transaction, and only while the batch is still checking: false when
    /// the clerk cancelled it or the clean-up removed it, which ends the job.
    /// </summary>
    private async Task<bool> SaveAsync(int batchId, int checkedCount, List<(int ItemId, string Reason)> verdicts, bool done, CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PhotoRepositoryDbContext>();
        var status = done ? PhotoImportStatus.Previewed : PhotoImportStatus.Checking;
        return await db.InTransactionAsync(async cancel =>
        {
            var moved = await db.PhotoImportBatches.IgnoreQueryFilters()
                .Where(b => b.Id == batchId && b.Status == PhotoImportStatus.Checking)
                .ExecuteUpdateAsync(s => s.SetProperty(b => b.CheckedCount, checkedCount).SetProperty(b => b.Status, status), cancel);
            if (moved == 0) return false;
            if (verdicts.Count > 0)
            {
                var reasons = verdicts.ToDictionary(v => v.ItemId, v => v.Reason);
                var ids = reasons.Keys.ToList();
                foreach (var item in await db.PhotoImportItems.IgnoreQueryFilters().Where(i => ids.Contains(i.Id)).ToListAsync(cancel))
                    PhotoImportPlanner.Apply(item, reasons[item.Id]);
                await db.SaveChangesAsync(cancel);
            }
            return true;
        }, ct);
    }
}
