using Microsoft.EntityFrameworkCore;
using PhotoRepository.Core.Entities;
using PhotoRepository.Core.Photos;
using PhotoRepository.Core.Photos.Import;
using PhotoRepository.Core.Tests.Sync;

namespace PhotoRepository.Core.Tests.Photos;

public sealed class PhotoImportCleanupTests : IDisposable
{
    private readonly SyncDatabase _database = new();
    private readonly PhotoLimits _limits = new() { ImportFolder = Path.Combine(Path.GetTempPath(), $"imports-{Guid.NewGuid():N}"), PreviewRetentionHours = 24 };

    public PhotoImportCleanupTests() => Directory.CreateDirectory(_limits.ImportFolder);

    public void Dispose()
    {
        _database.Dispose();
        Directory.Delete(_limits.ImportFolder, recursive: true);
    }

    private DateTime HoursAgo(double hours) => _database.Clock.Now.UtcDateTime.AddHours(-hours);

    /// <summary>A batch with two items and, unless it has finished, its ZIP in the import folder.</summary>
    private (int Id, string File) Batch(PhotoImportStatus status, double hoursOld)
    {
        var stored = PhotoImportFiles.NewName();
        if (status is not (PhotoImportStatus.Finished or PhotoImportStatus.Cancelled))
            FileAged(stored, hoursOld);
        using var db = _database.NewContext();
        var batch = new PhotoImportBatch
        {
            DistrictId = _database.Helena, ZipFileName = "picture-day.zip", StoredFile = stored, Status = status,
            IdentifierKind = PhotoIdentifierKind.StateStudentId, CreatedAt = HoursAgo(hoursOld), CreatedBy = "clerk",
        };
        batch.Items.Add(new PhotoImportItem { DistrictId = _database.Helena, EntryIndex = 0, EntryName = "1.jpg", Kind = PhotoImportEntryKind.Unmatched });
        batch.Items.Add(new PhotoImportItem { DistrictId = _database.Helena, EntryIndex = 1, EntryName = "2.jpg", Kind = PhotoImportEntryKind.Ignored });
        db.PhotoImportBatches.Add(batch);
        db.SaveChanges();
        return (batch.Id, stored);
    }

    private string FileAged(string name, double hoursOld)
    {
        var path = Path.Combine(_limits.ImportFolder, name);
        File.WriteAllBytes(path, [0x50, 0x4B, 5, 6]);
        File.SetLastWriteTimeUtc(path, HoursAgo(hoursOld));
        return path;
    }

    private bool Exists(string name) => File.Exists(Path.Combine(_limits.ImportFolder, name));

    [Fact]
    public async Task Previews_older_than_the_retention_go_with_their_zip_and_everything_else_stays()
    {
        var stale = Batch(PhotoImportStatus.Previewed, 25);
        var fresh = Batch(PhotoImportStatus.Previewed, 23);
        var committed = Batch(PhotoImportStatus.Queued, 48);
        var running = Batch(PhotoImportStatus.Running, 48);
        var finished = Batch(PhotoImportStatus.Finished, 48);
        var cancelled = Batch(PhotoImportStatus.Cancelled, 48);
        // A check whose server died leaves its batch in Checking: it goes like a forgotten preview.
        var stuck = Batch(PhotoImportStatus.Checking, 25);
        var checking = Batch(PhotoImportStatus.Checking, 23);
        var orphan = PhotoImportFiles.NewName();
        FileAged(orphan, 30);
        var newOrphan = PhotoImportFiles.NewName();
        FileAged(newOrphan, 1);
        FileAged("not-ours.zip", 100);

        await using var db = _database.NewContext();
        var result = await new PhotoImportCleanup(db, _limits, _database.Clock).RunAsync();

        Assert.Equal(new PhotoImportCleanupResult(2, 1), result);
        await using var check = _database.NewContext();
        var left = await check.PhotoImportBatches.Select(b => b.Id).ToListAsync();
        Assert.Equal(new[] { fresh.Id, committed.Id, running.Id, finished.Id, cancelled.Id, checking.Id }.Order(), left.Order());
        Assert.False(await check.PhotoImportItems.AnyAsync(i => i.BatchId == stale.Id || i.BatchId == stuck.Id));
        Assert.Equal(12, await check.PhotoImportItems.CountAsync());
        Assert.False(Exists(stale.File) || Exists(stuck.File));
        Assert.False(Exists(orphan));
        Assert.True(Exists(fresh.File) && Exists(committed.File) && Exists(running.File) && Exists(checking.File) && Exists(newOrphan) && Exists("not-ours.zip"));
    }

    [Fact]
    public async Task The_retention_is_configurable_and_a_second_run_changes_nothing()
    {
        var batch = Batch(PhotoImportStatus.Previewed, 3);
        _limits.PreviewRetentionHours = 2;

        await using var db = _database.NewContext();
        Assert.Equal(new PhotoImportCleanupResult(1, 0), await new PhotoImportCleanup(db, _limits, _database.Clock).RunAsync());
        Assert.Equal(new PhotoImportCleanupResult(0, 0), await new PhotoImportCleanup(db, _limits, _database.Clock).RunAsync());
        Assert.False(Exists(batch.File));
        await using var check = _database.NewContext();
        Assert.Empty(await check.PhotoImportBatches.ToListAsync());
    }

    [Fact]
    public async Task Photos_kept_by_the_check_go_with_a_stale_preview_and_whenever_their_batch_no_longer_needs_them()
    {
        var stale = Batch(PhotoImportStatus.Previewed, 25);
        var fresh = Batch(PhotoImportStatus.Previewed, 2);
        var running = Batch(PhotoImportStatus.Running, 48);
        var failed = Batch(PhotoImportStatus.Failed, 48);
        var finished = Batch(PhotoImportStatus.Finished, 3);
        var cancelled = Batch(PhotoImportStatus.Cancelled, 3);
        await using (var db = _database.NewContext())
        {
            foreach (var (id, _) in new[] { stale, fresh, running, failed, finished, cancelled })
                db.PhotoImportContents.Add(new PhotoImportContent { BatchId = id, DistrictId = _database.Helena, Sha256 = $"{id:x64}", Jpeg = [1], Thumbnail = [2] });
            await db.SaveChangesAsync();
        }

        await using (var db = _database.NewContext())
        {
            var result = await new PhotoImportCleanup(db, _limits, _database.Clock).RunAsync();
            // The stale preview's photo goes with its batch; the finished and cancelled batches' left-overs are swept.
            Assert.Equal((1, 2), (result.BatchesRemoved, result.KeptPhotosRemoved));
        }

        await using var check = _database.NewContext();
        var left = await check.PhotoImportContents.Select(c => c.BatchId).ToListAsync();
        // A preview still waiting, an import running and one stopped for Resume keep what the commit needs.
        Assert.Equal(new[] { fresh.Id, running.Id, failed.Id }.Order(), left.Order());
    }
}
