using System.IO.Compression;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PhotoRepository.Core.Data;
using PhotoRepository.Core.Entities;
using PhotoRepository.Core.Rules;

namespace PhotoRepository.Core.Photos.Import;

/// <summary>
/// Commits a previewed import in the background: one reader takes the matched entries out of the
/// ZIP in order (a ZipArchive is not thread-safe), two workers process and store them. Each photo
/// and its report line land in one SaveChanges, so a run stopped halfway resumes where it stopped.
/// </summary>
public sealed class PhotoImportJob(IServiceScopeFactory scopes, PhotoPipeline pipeline, TimeProvider time)
{
    private sealed record Work(int ItemId, byte[]? Bytes, string? Error);

    public async Task RunAsync(int batchId, CancellationToken ct = default)
    {
        PhotoImportBatch batch;
        List<PhotoImportItem> pending;
        using (var scope = scopes.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PhotoRepositoryDbContext>();
            var found = await db.PhotoImportBatches.IgnoreQueryFilters().FirstOrDefaultAsync(b => b.Id == batchId, ct);
            if (found is null || found.Status is PhotoImportStatus.Finished or PhotoImportStatus.Cancelled or PhotoImportStatus.Previewed) return;
            batch = found;
            batch.Status = PhotoImportStatus.Running;
            batch.StartedAt ??= time.GetUtcNow().UtcDateTime;
            await db.SaveChangesAsync(ct);
            pending = await db.PhotoImportItems.IgnoreQueryFilters().AsNoTracking()
                .Where(i => i.BatchId == batchId && i.Kind == PhotoImportEntryKind.Matched && i.Outcome == PhotoImportOutcome.Pending)
                .OrderBy(i => i.EntryIndex).ToListAsync(ct);
        }

        var path = PhotoImportFiles.PathOf(pipeline.Limits, batch.StoredFile);
        var today = StateCalendar.Today(time);
        var queue = Channel.CreateBounded<Work>(new BoundedChannelOptions(4) { SingleWriter = true });
        var reader = Task.Run(async () =>
        {
            try
            {
                await ReadEntriesAsync(path, pending, queue.Writer, ct);
            }
            finally
            {
                queue.Writer.TryComplete();
            }
        }, ct);
        var workers = Enumerable.Range(0, Math.Max(1, pipeline.Limits.ImportWorkers)).Select(_ => Task.Run(async () =>
        {
            await foreach (var work in queue.Reader.ReadAllAsync(ct))
                await StoreAsync(batch, work, today, ct);
        }, ct)).ToList();
        await reader;
        await Task.WhenAll(workers);

        using (var scope = scopes.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PhotoRepositoryDbContext>();
            var done = await db.PhotoImportBatches.IgnoreQueryFilters().FirstAsync(b => b.Id == batchId, ct);
            done.Status = PhotoImportStatus.Finished;
            done.FinishedAt = time.GetUtcNow().UtcDateTime;
            await db.SaveChangesAsync(ct);
        }
        PhotoImportFiles.Delete(pipeline.Limits, batch.StoredFile);
    }

    private async Task ReadEntriesAsync(string path, List<PhotoImportItem> pending, ChannelWriter<Work> writer, CancellationToken ct)
    {
        if (!File.Exists(path))
        {
            foreach (var item in pending) await writer.WriteAsync(new Work(item.Id, null, "The uploaded ZIP is no longer available: upload it again."), ct);
            return;
        }
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        using var archive = new ZipArchive(stream, ZipArchiveMode.Read);
        var entries = archive.Entries;
        foreach (var item in pending)
        {
            Work work;
            try
            {
                work = new Work(item.Id, await ReadBoundedAsync(entries[item.EntryIndex], ct), null);
            }
            catch (InvalidDataException)
            {
                work = new Work(item.Id, null, "The ZIP entry is damaged and cannot be unpacked.");
            }
            catch (FileTooLargeException)
            {
                work = new Work(item.Id, null, $"The file unpacks to more than {pipeline.Limits.MaxFileText}, more than its ZIP entry declared.");
            }
            await writer.WriteAsync(work, ct);
        }
    }

    /// <summary>Never trusts the declared size: stops reading one byte past the limit.</summary>
    private async Task<byte[]> ReadBoundedAsync(ZipArchiveEntry entry, CancellationToken ct)
    {
        var limit = pipeline.Limits.MaxFileBytes;
        await using var source = await entry.OpenAsync(ct);
        using var buffer = new MemoryStream((int)Math.Min(entry.Length, limit));
        var chunk = new byte[81920];
        int read;
        while ((read = await source.ReadAsync(chunk, ct)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > limit) throw new FileTooLargeException();
        }
        return buffer.ToArray();
    }

    private async Task StoreAsync(PhotoImportBatch batch, Work work, DateOnly today, CancellationToken ct)
    {
        var result = work.Bytes is null ? PhotoResult.Refused(work.Error!) : pipeline.Process(work.Bytes, PhotoFormats.Wizard);
        // Batches queued before CommittedBy existed fall back to the clerk who uploaded the ZIP.
        var clerk = string.IsNullOrEmpty(batch.CommittedBy) ? batch.CreatedBy : batch.CommittedBy;
        for (var attempt = 1; ; attempt++)
        {
            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<PhotoRepositoryDbContext>();
            db.ActFor(clerk);
            var item = await db.PhotoImportItems.IgnoreQueryFilters().FirstAsync(i => i.Id == work.ItemId, ct);
            var student = await db.Students.IgnoreQueryFilters().FirstOrDefaultAsync(s => s.Id == item.StudentId && s.DistrictId == batch.DistrictId, ct);
            if (student is null)
            {
                (item.Outcome, item.Message) = (PhotoImportOutcome.Rejected, "The student is no longer in your district.");
            }
            else if (!result.Ok)
            {
                (item.Outcome, item.Message) = (PhotoImportOutcome.Rejected, result.Error!);
            }
            else
            {
                var date = PhotoDateRule.Decide(batch.PhotoDate, result.Photo!.CaptureDate, today);
                var change = await new StudentPhotos(db, time).StageAsync(student, result.Photo, date.Date, date.Source,
                    item.EntryName, batch.ReplaceExisting, clerk, ct);
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
            try
            {
                await db.SaveChangesAsync(ct);
                return;
            }
            catch (DbUpdateException) when (attempt < 3)
            {
                // Another worker stored the same content a moment ago: try again, it will be reused.
            }
        }
    }

    private sealed class FileTooLargeException : Exception;
}
