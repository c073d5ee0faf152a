using Microsoft.EntityFrameworkCore;
using PhotoRepository.Core.Data;
using PhotoRepository.Core.Entities;

namespace PhotoRepository.Core.Photos.Import;

public sealed record PhotoImportCleanupResult(int BatchesRemoved, int OrphanFilesRemoved, int KeptPhotosRemoved = 0);

/// <summary>
/// Removes wizard batches that were previewed and never committed or cancelled, once they are older
/// than <see cref="PhotoLimits.PreviewRetentionHours"/>: the rows (file names, identifiers, student
/// names), the photos the check kept for them, and the uploaded ZIP they kept on disk. A batch still in Checking that old is stuck (its
/// check job was lost with its server) and goes the same way; a live check stops at its next save. Also removes ZIPs in the import folder that no live
/// batch points at (an upload whose request died before its batch was saved).
/// </summary>
public sealed class PhotoImportCleanup(PhotoRepositoryDbContext db, PhotoLimits limits, TimeProvider time)
{
    public async Task<PhotoImportCleanupResult> RunAsync(CancellationToken ct = default)
    {
        var cutoff = time.GetUtcNow().UtcDateTime.AddHours(-limits.PreviewRetentionHours);
        var stale = await db.PhotoImportBatches.IgnoreQueryFilters().AsNoTracking()
            .Where(b => (b.Status == PhotoImportStatus.Previewed || b.Status == PhotoImportStatus.Checking) && b.CreatedAt < cutoff)
            .Select(b => new { b.Id, b.StoredFile })
            .ToListAsync(ct);

        var removed = 0;
        foreach (var batch in stale)
        {
            var deleted = await db.InTransactionAsync(async cancel =>
            {
                // Still in preview (or checking) at the moment of deletion: a clerk may be committing it right now, and that wins.
                var rows = await db.PhotoImportBatches.IgnoreQueryFilters()
                    .Where(b => b.Id == batch.Id && (b.Status == PhotoImportStatus.Previewed || b.Status == PhotoImportStatus.Checking))
                    .ExecuteDeleteAsync(cancel);
                // The foreign keys cascade; said explicitly so a database without enforced keys keeps no orphans.
                if (rows > 0)
                {
                    await db.PhotoImportItems.IgnoreQueryFilters().Where(i => i.BatchId == batch.Id).ExecuteDeleteAsync(cancel);
                    await db.PhotoImportContents.IgnoreQueryFilters().Where(c => c.BatchId == batch.Id).ExecuteDeleteAsync(cancel);
                }
                return rows;
            }, ct);
            if (deleted == 0) continue;
            PhotoImportFiles.Delete(limits, batch.StoredFile);
            removed++;
        }
        var keptRemoved = await RemoveUnusedKeptPhotosAsync(ct);
        return new PhotoImportCleanupResult(removed, await RemoveOrphanFilesAsync(cutoff, ct), keptRemoved);
    }

    /// <summary>
    /// Photos the check kept for a batch that no longer needs them (finished, cancelled, failed to check, or
    /// gone): normally removed with the batch's last step; this catches any that step left behind.
    /// </summary>
    private Task<int> RemoveUnusedKeptPhotosAsync(CancellationToken ct) =>
        db.PhotoImportContents.IgnoreQueryFilters()
            .Where(c => !db.PhotoImportBatches.IgnoreQueryFilters().Any(b => b.Id == c.BatchId
                && (b.Status == PhotoImportStatus.Checking || b.Status == PhotoImportStatus.Previewed || b.Status == PhotoImportStatus.Queued
                    || b.Status == PhotoImportStatus.Running || b.Status == PhotoImportStatus.Failed)))
            .ExecuteDeleteAsync(ct);

    private async Task<int> RemoveOrphanFilesAsync(DateTime cutoff, CancellationToken ct)
    {
        var folder = Path.GetFullPath(limits.ImportFolder);
        if (!Directory.Exists(folder)) return 0;
        // Only names we make ourselves, and only old ones: a fresh upload may not have its batch row yet.
        var candidates = Directory.EnumerateFiles(folder, "*.zip")
            .Select(Path.GetFileName)
            .OfType<string>()
            .Where(PhotoImportFiles.IsStoredName)
            .Where(name => File.GetLastWriteTimeUtc(Path.Combine(folder, name)) < cutoff)
            .ToList();
        if (candidates.Count == 0) return 0;
        var live = (await db.PhotoImportBatches.IgnoreQueryFilters().AsNoTracking()
                .Where(b => b.Status == PhotoImportStatus.Checking || b.Status == PhotoImportStatus.Previewed || b.Status == PhotoImportStatus.Queued || b.Status == PhotoImportStatus.Running)
                .Select(b => b.StoredFile)
                .ToListAsync(ct))
            .ToHashSet(StringComparer.Ordinal);
        var removed = 0;
        foreach (var name in candidates.Where(n => !live.Contains(n)))
        {
            PhotoImportFiles.Delete(limits, name);
            if (!File.Exists(Path.Combine(folder, name))) removed++;
        }
        return removed;
    }
}
