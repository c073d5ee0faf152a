using Microsoft.EntityFrameworkCore;
using PhotoRepository.Core.Data;

namespace PhotoRepository.Web.Setup;

/// <summary>
/// A consistent copy of the live SQLite database while the app serves: <c>VACUUM INTO</c> reads one snapshot
/// (writers carry on; the copy is what was committed when it began), written under a temporary name and
/// renamed when complete, so a file with the final name is always a whole backup. The daily job
/// (<see cref="RecurringJobs.Backup"/>) keeps the newest <c>Backup:Keep</c>; the <c>backup</c>
/// command writes one on demand. SQL Server has its own BACKUP DATABASE (docs/operations.md).
/// </summary>
public sealed class DatabaseBackup(PhotoRepositoryDbContext db, IConfiguration config, TimeProvider time, ILogger<DatabaseBackup> log)
{
    private const string Prefix = "photorepository-";

    public string Folder => Path.GetFullPath(config["Backup:Folder"] ?? Path.Combine("data", "backups"));

    public async Task<string> WriteAsync(string? target = null, CancellationToken ct = default)
    {
        if (!db.Database.IsSqlite())
            throw new InvalidOperationException("The backup command is for the embedded SQLite database; back up SQL Server with BACKUP DATABASE (docs/operations.md).");
        var path = Path.GetFullPath(target ?? Path.Combine(Folder, $"{Prefix}{time.GetUtcNow().UtcDateTime:yyyyMMdd-HHmmss}.db"));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var partial = path + ".partial";
        File.Delete(partial);
        await db.Database.ExecuteSqlAsync($"VACUUM INTO {partial}", ct);
        File.Move(partial, path, overwrite: true);
        log.LogInformation("Database backed up to {Path} ({Bytes} bytes)", path, new FileInfo(path).Length);
        if (target is null) Prune();
        return path;
    }

    /// <summary>The daily job: one more backup, the oldest beyond Backup:Keep removed.</summary>
    public Task DailyAsync() => WriteAsync();

    private void Prune()
    {
        var keep = Math.Max(1, config.GetValue("Backup:Keep", 7));
        foreach (var old in Directory.EnumerateFiles(Folder, Prefix + "*.db").OrderDescending(StringComparer.Ordinal).Skip(keep))
            File.Delete(old);
    }
}
