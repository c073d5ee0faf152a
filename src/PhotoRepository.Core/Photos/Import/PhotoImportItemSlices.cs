using PhotoRepository.Core.Data;
using PhotoRepository.Core.Entities;

namespace PhotoRepository.Core.Photos.Import;

/// <summary>
/// Adds a preview's items in slices, inside the caller's transaction (so the batch still has all of its items or none).
/// One SaveChanges over a large ZIP's thousands of items held every row's command, parameters and tracking at once,
/// about 10 KB a photo, which the server GC then kept committed: the upload's memory grew with the ZIP.
/// </summary>
public static class PhotoImportItemSlices
{
    public const int Size = 500;

    public static async Task AddAsync(PhotoRepositoryDbContext db, IReadOnlyList<PhotoImportItem> items, CancellationToken ct)
    {
        foreach (var slice in items.Chunk(Size))
        {
            // A retried transaction starts again from here: keys a rolled-back attempt gave are not the database's.
            foreach (var item in slice) item.Id = 0;
            db.PhotoImportItems.AddRange(slice);
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }
    }
}
