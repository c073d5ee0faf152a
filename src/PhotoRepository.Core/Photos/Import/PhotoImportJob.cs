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
/// and its report line land in one SaveChanges, so a run stopped halfway resumes where it stopped
/// and a rerun never stores a photo twice. The run first claims the batch with one conditional
/// UPDATE (Queued, or Running with a heartbeat older than <see cref="StaleAfter"/>), so two jobs
/// never work on one batch. Any failure stops the reader and the other workers and leaves the
/// batch <see cref="PhotoImportStatus.Failed"/> with a message; the clerk resumes or cancels it.
/// </summary>
public sealed class PhotoImportJob(IServiceScopeFactory scopes, PhotoPipeline pipeline, TimeProvider time)
{
    /// <summary>A Running batch whose heartbeat is this old belongs to a server that died.</summary>
    public static readonly TimeSpan StaleAfter = TimeSpan.FromMinutes(2);

    private static readonly TimeSpan HeartbeatEvery = TimeSpan.FromSeconds(10);

    public const string FailedMessage =
        "The import stopped because of an error on the server. The photos marked added or replaced are stored; press Resume to import the rest, or Cancel to stop here.";

    private sealed record Work(int ItemId, byte[]? Bytes, string? Error);

    private long _lastHeartbeat;

    /// <summary>Ran and finished (or failed) the batch; false when there was nothing to claim.</summary>
    public async Task<bool> RunAsync(int batchId, CancellationToken ct = default)
    {
        if (!await ClaimAsync(batchId, ct)) return false;
        PhotoImportBatch batch;
        List<PhotoImportItem> pending;
        using (var scope = scopes.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PhotoRepositoryDbContext>();
            batch = await db.PhotoImportBatches.IgnoreQueryFilters().AsNoTracking().FirstAsync(b => b.Id == batchId, ct);
            pending = await db.PhotoImportItems.IgnoreQueryFilters().AsNoTracking()
                .Where(i => i.BatchId == batchId && i.Kind == PhotoImportEntryKind.Matched && i.Outcome == PhotoImportOutcome.Pending)
                .OrderBy(i => i.EntryIndex).ToListAsync(ct);
        }

        var path = PhotoImportFiles.PathOf(pipeline.Limits, batch.StoredFile);
        var today = StateCalendar.Today(time);
        // One failure (a worker's or the reader's) cancels everything: the reader never waits on a full channel for ever.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var queue = Channel.CreateBounded<Work>(new BoundedChannelOptions(4) { SingleWriter = true });
        var reader = Task.Run(() => Guard(async () =>
        {
            try
            {
                await ReadEntriesAsync(path, pending, queue.Writer, stop.Token);
            }
            finally
            {
                queue.Writer.TryComplete();
            }
        }, stop), CancellationToken.None);
        var workers = Enumerable.Range(0, Math.Max(1, pipeline.Limits.ImportWorkers)).Select(_ => Task.Run(() => Guard(async () =>
        {
            await foreach (var work in queue.Reader.ReadAllAsync(stop.Token))
                await StoreAsync(batch, work, today, stop.Token);
        }, stop), CancellationToken.None)).ToList();

        try
        {
            await Task.WhenAll([reader, .. workers]);
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
            PhotoImportFiles.Delete(pipeline.Limits, batch.StoredFile);
        return true;
    }

    private static async Task Guard(Func<Task> work, CancellationTokenSource stop)
    {
        try
        {
            await work();
        }
        catch
        {
            await stop.CancelAsync();
            throw;
        }
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
        return await db.PhotoImportBatches.IgnoreQueryFilters()
            .Where(b => b.Id == batchId && b.Status == from)
            .ExecuteUpdateAsync(s => s
                .SetProperty(b => b.Status, to)
                .SetProperty(b => b.ImportError, error)
                .SetProperty(b => b.FinishedAt, finished), ct) == 1;
    }

    private async Task HeartbeatAsync(PhotoRepositoryDbContext db, int batchId, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var last = Interlocked.Read(ref _lastHeartbeat);
        if (now.Ticks - last < HeartbeatEvery.Ticks || Interlocked.CompareExchange(ref _lastHeartbeat, now.Ticks, last) != last) return;
        await db.PhotoImportBatches.IgnoreQueryFilters().Where(b => b.Id == batchId && b.Status == PhotoImportStatus.Running)
            .ExecuteUpdateAsync(s => s.SetProperty(b => b.HeartbeatAt, now), ct);
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
            var read = ZipEntryReader.Read(entries[item.EntryIndex], pipeline.Limits, ct);
            await writer.WriteAsync(new Work(item.Id, read.Bytes, read.Error), ct);
        }
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
            // Done by an earlier run of this batch: its photo and report line were saved together.
            if (item.Outcome != PhotoImportOutcome.Pending) return;
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
                await HeartbeatAsync(db, batch.Id, ct);
                return;
            }
            catch (DbUpdateException) when (attempt < 3)
            {
                // Another worker stored the same content a moment ago: try again, it will be reused.
            }
        }
    }
}
