using PhotoRepository.Core.Data;
using PhotoRepository.Core.Entities;

namespace PhotoRepository.Core.Photos.Import;

/// <summary>
/// Adds a preview's items inside the caller's transaction (so the batch still has all of its items or none).
/// Through SaveChanges each item cost about 18 KB of short-lived objects (tracking, command, parameters), even in
/// slices: 90 MB at 5,000 photos, which made the server GC grow its gen0 budget and keep that memory committed into
/// the check, so the upload's peak grew with the ZIP. On SQLite one prepared INSERT, bound per item, writes the
/// same columns through the model's own mappings (decision 0013); SQL Server's provider batches inserts itself and
/// keeps EF, in slices.
/// </summary>
public static class PhotoImportItemSlices
{
    public const int Size = 500;

    public static async Task AddAsync(PhotoRepositoryDbContext db, IReadOnlyList<PhotoImportItem> items, CancellationToken ct)
    {
        if (db.Database.RunsOnSqlite())
        {
            // Nothing reads the items' keys after this: the check and the commit load them again.
            using var insert = new PreparedInsert(db, typeof(PhotoImportItem));
            foreach (var item in items) await insert.RunAsync(item, ct);
            return;
        }
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
