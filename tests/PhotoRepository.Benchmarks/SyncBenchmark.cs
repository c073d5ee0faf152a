using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using PhotoRepository.Core.Data;
using PhotoRepository.Core.Entities;
using PhotoRepository.Core.Sync;

namespace PhotoRepository.Benchmarks;

/// <summary>
/// The state sync at Montana's size: 150,000 students in 400 districts, 100,000 photos of 40 KB.
/// `sync [scale]` (scale 1 = full size; 0.1 = 15,000 students). Run each scale in its own process
/// so peak memory figures do not carry over.
/// </summary>
public static class SyncBenchmark
{
    private const int PhotoBytes = 40 * 1024;

    public static async Task RunAsync(string[] args)
    {
        var scale = args.Length > 0 ? double.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 1.0;
        var students = (int)(150_000 * scale);
        var photos = (int)(100_000 * scale);
        var file = Path.Combine(Path.GetTempPath(), $"sync-bench-{Guid.NewGuid():N}.db");
        var connection = $"Data Source={file};Pooling=False";
        Console.WriteLine($"State sync benchmark: {students:N0} students in 400 districts, {photos:N0} photos of {PhotoBytes / 1024} KB ({file})");
        try
        {
            await using (var db = NewContext(connection)) await db.Database.MigrateAsync();
            var generate = await Measure.RunAsync("generate (setup, not measured)", () => StateGenerator.GenerateAsync(connection, students, photos, PhotoBytes));

            var floorSeconds = 0.0;
            var floor = await Measure.RunAsync("floor: prepared INSERTs of the rows the first run writes", async () => floorSeconds = await SyncFloor.MeasureAsync(connection));
            floor = floor with { Elapsed = TimeSpan.FromSeconds(floorSeconds) }; // the insert alone, without reading the rows first
            FlushDisk();
            var baseline = await Measure.RunAsync("baseline: INSERT INTO ... SELECT of the photo bytes", () => CopyBlobsAsync(connection));
            FlushDisk();
            var first = await Measure.RunAsync("first full sync", () => SyncAsync(connection, SyncTrigger.Manual));
            var again = await Measure.RunAsync("nightly run, nothing changed", () => SyncAsync(connection, SyncTrigger.Nightly));
            var changed = await ChangeOnePercentAsync(connection, students);
            var nightly = await Measure.RunAsync($"nightly run, 1% changed ({changed:N0} students)", () => SyncAsync(connection, SyncTrigger.Nightly));

            Console.WriteLine();
            Console.WriteLine($"| step | seconds | peak MB | ratio to the row floor | ratio to the byte copy |");
            Console.WriteLine($"|---|---|---|---|---|");
            foreach (var r in new[] { floor, baseline, first, again, nightly })
                Console.WriteLine($"| {r.Name} | {r.Seconds:0.00} | {r.PeakMb:0} | {r.Seconds / floor.Seconds:0.00} | {r.Seconds / baseline.Seconds:0.00} |");
            Console.WriteLine($"Goal (issue 14): the first full run at most 5 x the row floor; here {first.Seconds / floor.Seconds:0.00} x.");
            Console.WriteLine($"photos per second (first run): {photos / first.Seconds:N0}; baseline copy: {photos / baseline.Seconds:N0}");
            await using var check = NewContext(connection);
            Console.WriteLine($"state: {await check.StateStudents.CountAsync():N0} students, {await check.StatePhotos.CountAsync():N0} photos; runs: {string.Join(", ", await check.SyncRuns.Select(r => r.Outcome.ToString()).ToListAsync())}");
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            foreach (var f in new[] { file, file + "-wal", file + "-shm" })
                if (File.Exists(f)) File.Delete(f);
        }
    }

    internal static PhotoRepositoryDbContext NewContext(string connection) =>
        new(new DbContextOptionsBuilder<PhotoRepositoryDbContext>()
            .UseSqlite(connection, o => o.MigrationsAssembly("PhotoRepository.Migrations.Sqlite"))
            .AddInterceptors(new RecordKeepingInterceptor(TimeProvider.System))
            .Options);

    internal static async Task SyncAsync(string connection, SyncTrigger trigger = SyncTrigger.Manual)
    {
        await using var db = NewContext(connection);
        var run = await new StateSyncJob(db, TimeProvider.System).RunAsync(trigger, "benchmark");
        Console.WriteLine($"  {run!.Scope} run: copied {run!.Totals.Copied:N0}, replaced {run.Totals.Replaced:N0}, removed opted out {run.Totals.RemovedOptedOut:N0}, expired {run.Totals.RemovedExpired:N0}, value changed {run.Totals.StateValueChanged:N0}, unchanged {run.Totals.Unchanged:N0}");
    }

    /// <summary>
    /// Writes the kernel's dirty pages out before the next step, so the baseline's 4 GB of copied photos are not
    /// written back to disk while the next step is being timed.
    /// </summary>
    private static void FlushDisk()
    {
        if (!OperatingSystem.IsLinux()) return;
        using var flush = System.Diagnostics.Process.Start("sync");
        flush?.WaitForExit();
    }

    private static async Task CopyBlobsAsync(string connection)
    {
        await using var c = new SqliteConnection(connection);
        await c.OpenAsync();
        await StateGenerator.Exec(c, "CREATE TABLE CopyBaseline (Sha256 TEXT PRIMARY KEY, Jpeg BLOB NOT NULL)");
        await StateGenerator.Exec(c, "INSERT INTO CopyBaseline (Sha256, Jpeg) SELECT Sha256, Jpeg FROM PhotoContents");
        await StateGenerator.Exec(c, "DROP TABLE CopyBaseline");
    }

    /// <summary>1% of students change: half their opt-in value, half get a new photo (stamped as the application would).</summary>
    private static async Task<int> ChangeOnePercentAsync(string connection, int students)
    {
        var random = new Random(7);
        var changes = students / 100;
        var now = DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm:ss");
        var today = DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd");
        var bytes = new byte[PhotoBytes];
        await using var c = new SqliteConnection(connection);
        await c.OpenAsync();
        await using var tx = c.BeginTransaction();
        for (var n = 0; n < changes; n++)
        {
            var id = 1 + random.Next(students);
            await using var cmd = c.CreateCommand();
            if (n % 2 == 0)
            {
                cmd.CommandText = "UPDATE Students SET OptIn = (OptIn + 1) % 3, OptInRecordedAt = $now, ChangedAt = $now WHERE Id = $id";
            }
            else
            {
                random.NextBytes(bytes);
                cmd.CommandText = "INSERT OR IGNORE INTO PhotoContents (Sha256, Jpeg, Thumbnail, Width, Height, CreatedAt) VALUES ($sha, $jpeg, x'00', 300, 400, $now);" +
                                  "INSERT INTO DistrictPhotos (StudentId, DistrictId, Sha256, PhotoDate, PhotoDateSource, OriginalFileName, OriginalFormat, UploadedAt, UploadedBy) " +
                                  "SELECT Id, DistrictId, $sha, $today, 1, '', 'JPEG', $now, 'bench' FROM Students WHERE Id = $id " +
                                  "ON CONFLICT (StudentId) DO UPDATE SET Sha256 = excluded.Sha256, PhotoDate = excluded.PhotoDate;" +
                                  "UPDATE Students SET ChangedAt = $now WHERE Id = $id";
                cmd.Parameters.AddWithValue("$sha", Convert.ToHexStringLower(SHA256.HashData(bytes)));
                cmd.Parameters.AddWithValue("$jpeg", bytes);
                cmd.Parameters.AddWithValue("$today", today);
            }
            cmd.Parameters.AddWithValue("$id", id);
            cmd.Parameters.AddWithValue("$now", now);
            await cmd.ExecuteNonQueryAsync();
        }
        tx.Commit();
        return changes;
    }
}
