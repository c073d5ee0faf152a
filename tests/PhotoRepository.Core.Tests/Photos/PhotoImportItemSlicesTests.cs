using Microsoft.Data.Sqlite;
using PhotoRepository.Core.Data;
using PhotoRepository.Core.Entities;
using PhotoRepository.Core.Photos.Import;
using PhotoRepository.Core.Tests.Sync;

namespace PhotoRepository.Core.Tests.Photos;

/// <summary>
/// On SQLite the wizard's upload writes the preview's items with one prepared INSERT instead of SaveChanges
/// (decision 0013). The oracle is SaveChanges itself: the same items saved through EF must be stored identically,
/// column by column; and the batch keeps all of its items or none.
/// </summary>
public sealed class PhotoImportItemSlicesTests : IDisposable
{
    private readonly SyncDatabase _direct = new();
    private readonly SyncDatabase _throughEf = new();

    public void Dispose()
    {
        _direct.Dispose();
        _throughEf.Dispose();
    }

    /// <summary>Every kind of entry a preview holds, with the nullable columns both set and empty.</summary>
    private static List<PhotoImportItem> Items(SyncDatabase data, int batchId, int studentId) =>
    [
        new() { BatchId = batchId, DistrictId = data.Helena, EntryIndex = 0, EntryName = "picture-day/0001.jpg", Identifier = "0001",
            StudentId = studentId, StudentName = "Seán Ólafsdóttir-Peña", Kind = PhotoImportEntryKind.Matched, Outcome = PhotoImportOutcome.Pending,
            Sha256 = new string('a', 64), CaptureDate = new DateOnly(2026, 9, 14), IndexRow = 3 },
        new() { BatchId = batchId, DistrictId = data.Helena, EntryIndex = 1, EntryName = "picture-day/0002.jpg", Identifier = "0002",
            StudentId = studentId, StudentName = "Pat Doe", Kind = PhotoImportEntryKind.Matched, Outcome = PhotoImportOutcome.Pending },
        new() { BatchId = batchId, DistrictId = data.Helena, EntryIndex = 2, EntryName = "notes.txt", Kind = PhotoImportEntryKind.Ignored,
            Outcome = PhotoImportOutcome.NotImported, Message = "Not a photo: ignored." },
        new() { BatchId = batchId, DistrictId = data.Helena, EntryIndex = 3, EntryName = "scan.png", Kind = PhotoImportEntryKind.Invalid,
            Outcome = PhotoImportOutcome.NotImported, Message = "The wizard accepts JPG only; this is a PNG file." },
        new() { BatchId = batchId, DistrictId = data.Helena, EntryIndex = -1, EntryName = "index.txt line 7", Identifier = "9999",
            Kind = PhotoImportEntryKind.Unmatched, Outcome = PhotoImportOutcome.NotImported, Message = "No student with this identifier in your district.", IndexRow = 7 },
    ];

    private static int NewBatch(SyncDatabase data)
    {
        using var db = data.NewContext();
        var batch = new PhotoImportBatch
        {
            DistrictId = data.Helena, ZipFileName = "picture-day.zip", StoredFile = PhotoImportFiles.NewName(), Status = PhotoImportStatus.Checking,
            IdentifierKind = PhotoIdentifierKind.StateStudentId, CreatedAt = data.Clock.Now.UtcDateTime, CreatedBy = "clerk",
        };
        db.PhotoImportBatches.Add(batch);
        db.SaveChanges();
        return batch.Id;
    }

    [Fact]
    public async Task The_preview_items_are_stored_exactly_as_EF_SaveChanges_stores_them()
    {
        var student = _direct.Student("3001", _direct.Helena, OptInChoice.OptIn).Id;
        Assert.Equal(student, _throughEf.Student("3001", _throughEf.Helena, OptInChoice.OptIn).Id);
        var direct = NewBatch(_direct);
        await using (var db = _direct.NewContext())
            await db.InTransactionAsync(ct => PhotoImportItemSlices.AddAsync(db, Items(_direct, direct, student), ct));
        var throughEf = NewBatch(_throughEf);
        await using (var db = _throughEf.NewContext())
        {
            db.PhotoImportItems.AddRange(Items(_throughEf, throughEf, student));
            await db.SaveChangesAsync();
        }

        var stored = Dump(_direct);
        Assert.Equal(5, stored.Count); // the dump really holds the rows
        Assert.Contains(stored, line => line.Contains("'Seán Ólafsdóttir-Peña'") && line.Contains("'2026-09-14'"));
        Assert.Equal(Dump(_throughEf), stored);
    }

    [Fact]
    public async Task A_failure_after_the_items_are_written_leaves_the_batch_with_none_of_them()
    {
        var batch = NewBatch(_direct);
        await using (var db = _direct.NewContext())
            await Assert.ThrowsAsync<InvalidOperationException>(() => db.InTransactionAsync(async ct =>
            {
                await PhotoImportItemSlices.AddAsync(db, Items(_direct, batch, studentId: 1), ct);
                throw new InvalidOperationException("the upload stops here");
            }));
        Assert.Equal(0, _direct.Read(db => db.PhotoImportItems.IgnoreQueryFilters().Count(i => i.BatchId == batch)));
    }

    /// <summary>Every column of the items but the generated id, as SQLite stores it (type and literal), in entry order.</summary>
    private static List<string> Dump(SyncDatabase data)
    {
        using var c = new SqliteConnection(data.ConnectionString);
        c.Open();
        var columns = new List<string>();
        using (var info = c.CreateCommand())
        {
            info.CommandText = "SELECT name FROM pragma_table_info('PhotoImportItems') WHERE name <> 'Id'";
            using var r = info.ExecuteReader();
            while (r.Read()) columns.Add($"'{r.GetString(0)}=' || typeof({r.GetString(0)}) || ':' || quote({r.GetString(0)})");
        }
        using var read = c.CreateCommand();
        read.CommandText = $"SELECT {string.Join(" || ' ' || ", columns)} FROM PhotoImportItems ORDER BY EntryIndex";
        using var rows = read.ExecuteReader();
        var lines = new List<string>();
        while (rows.Read()) lines.Add(rows.GetString(0));
        return lines;
    }
}
