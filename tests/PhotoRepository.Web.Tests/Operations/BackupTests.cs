using System.Net;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PhotoRepository.Core.Entities;
using PhotoRepository.Web.Seeding;
using PhotoRepository.Web.Setup;
using PhotoRepository.Web.Tests.Infrastructure;

namespace PhotoRepository.Web.Tests.Operations;

/// <summary>
/// A backup taken while the app writes is whole and consistent, and an app started on it (the restore of
/// docs/operations.md: copy the file into place) has every row the database had when the backup began.
/// </summary>
public sealed class BackupTests : IClassFixture<AppFactory>, IDisposable
{
    private readonly AppFactory _live;
    private readonly AppFactory _restored = new();
    private readonly string _backups;

    public BackupTests(AppFactory live)
    {
        _live = live;
        // Inside the fixture's folder: the same for every test of the class, removed with it.
        _backups = Path.Combine(Path.GetDirectoryName(live.DatabasePath)!, "backups");
        _live.Settings["Backup:Folder"] = _backups;
        _live.Settings["Backup:Keep"] = "2";
    }

    private static readonly string[] Tables =
    [
        "Districts", "Schools", "Students", "OptInChanges", "PhotoContents", "DistrictPhotos", "StateStudents", "StateOptInChanges",
        "StatePhotos", "SyncRuns", "MissingChildCases", "DisclosureRecords", "AuditEvents", "AspNetUsers", "DataProtectionKeys",
    ];

    [Fact]
    public async Task A_backup_taken_while_the_app_writes_restores_with_every_row_it_had()
    {
        _ = _live.NewClient(); // the app (and its seeded database) exists
        var before = Counts(_live.DatabasePath);
        var checksumBefore = PhotoChecksum(_live.DatabasePath);

        // Writers keep going while the backup runs: it must not block them or copy half a transaction.
        using var stop = new CancellationTokenSource();
        var writer = Task.Run(async () =>
        {
            var n = 0;
            while (!stop.IsCancellationRequested)
            {
                await _live.WithDbAsync(async db =>
                {
                    db.AuditEvents.Add(new AuditEvent { Action = "BackupTest", Entity = "Test", EntityId = (n++).ToString(), UserName = "test", At = DateTime.UtcNow, Details = "" });
                    return await db.SaveChangesAsync();
                });
            }
            return n;
        });
        await Task.Delay(100);
        var path = await _live.WithDbAsync(db => new DatabaseBackup(db, _live.Services.GetRequiredService<IConfiguration>(), TimeProvider.System,
            _live.Services.GetRequiredService<ILogger<DatabaseBackup>>()).WriteAsync());
        await stop.CancelAsync();
        var written = await writer;
        Assert.True(written > 0);
        Assert.Empty(Directory.EnumerateFiles(_backups, "*.partial"));

        using (var check = new SqliteConnection($"Data Source={path};Pooling=False;Mode=ReadOnly"))
        {
            check.Open();
            using var command = check.CreateCommand();
            command.CommandText = "PRAGMA integrity_check";
            Assert.Equal("ok", command.ExecuteScalar());
        }
        var copied = Counts(path);
        foreach (var table in Tables)
            Assert.True(copied[table] >= before[table], $"{table}: {copied[table]} rows in the backup, {before[table]} before it began");
        Assert.Equal(checksumBefore, PhotoChecksum(path));

        // Restore: the file copied into place, the app started on it.
        Directory.CreateDirectory(Path.GetDirectoryName(_restored.DatabasePath)!);
        File.Copy(path, _restored.DatabasePath);
        _restored.Settings["Seed:DemoData"] = "false";
        var client = await _restored.SignedInClientAsync(DemoData.HelenaClerk);
        var students = await client.GetAsync("/District/Students");
        Assert.Equal(HttpStatusCode.OK, students.StatusCode);
        var restored = Counts(_restored.DatabasePath);
        foreach (var table in Tables.Where(t => t is not ("AuditEvents" or "DataProtectionKeys")))
            Assert.Equal(copied[table], restored[table]);
        var helena = _restored.WithDb(db => db.Students.Count(s => s.District!.Code == "0101"));
        Assert.Equal(helena, _live.WithDb(db => db.Students.Count(s => s.District!.Code == "0101")));
    }

    [Fact]
    public async Task The_daily_backup_keeps_only_the_newest_few()
    {
        _ = _live.NewClient();
        var time = new AdjustableTime();
        for (var day = 0; day < 4; day++)
        {
            time.Advance(TimeSpan.FromDays(1));
            await _live.WithDbAsync(db => new DatabaseBackup(db, _live.Services.GetRequiredService<IConfiguration>(), time,
                _live.Services.GetRequiredService<ILogger<DatabaseBackup>>()).WriteAsync());
        }
        Assert.Equal(2, Directory.EnumerateFiles(_backups, "photorepository-*.db").Count());
    }

    private static Dictionary<string, long> Counts(string path)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        var counts = new Dictionary<string, long>();
        foreach (var table in Tables)
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT COUNT(*) FROM \"{table}\"";
            counts[table] = (long)command.ExecuteScalar()!;
        }
        return counts;
    }

    /// <summary>Every photo's bytes, hashed: the backup carries the blobs, not only the rows.</summary>
    private static string PhotoChecksum(string path)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT Jpeg FROM PhotoContents ORDER BY Sha256";
        using var reader = command.ExecuteReader();
        using var hash = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        while (reader.Read()) hash.AppendData((byte[])reader[0]);
        return Convert.ToHexString(hash.GetHashAndReset());
    }

    public void Dispose()
    {
        _restored.Dispose();
    }
}
