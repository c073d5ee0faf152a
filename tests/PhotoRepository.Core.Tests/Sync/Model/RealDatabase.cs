using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using PhotoRepository.Core.Data;
using PhotoRepository.Core.Entities;
using PhotoRepository.Core.Sync;

namespace PhotoRepository.Core.Tests.Sync.Model;

/// <summary>The crash the property test injects into a run.</summary>
public sealed class InjectedCrash(string stateStudentId) : Exception($"Injected crash while deciding {stateStudentId}.");

/// <summary>
/// A SQLite file copied from a template migrated once per test process (on /dev/shm when there is
/// one: the property test commits tens of thousands of small transactions). Three districts, in
/// id order Helena, Missoula, Billings, and a sentinel student "ZZZZ" that sorts after every
/// history's IDs, so an interrupted run always has an ID to crash on.
/// </summary>
public sealed class RealDatabase : IDisposable
{
    public const string Sentinel = "ZZZZ";
    public static readonly string[] DistrictNames = ["Helena", "Missoula", "Billings"];

    private static readonly Lazy<(string File, int[] Districts, int[] Schools)> Template = new(CreateTemplate);

    public string File { get; } = Path.Combine(Folder, $"model-{Guid.NewGuid():N}.db");
    public TestClock Clock { get; } = new(DateTimeOffset.UnixEpoch);
    public int[] DistrictIds => Template.Value.Districts;
    public int[] SchoolIds => Template.Value.Schools;

    public RealDatabase() => System.IO.File.Copy(Template.Value.File, File);

    private static string Folder => Directory.Exists("/dev/shm") ? "/dev/shm" : Path.GetTempPath();

    private string ConnectionString => $"Data Source={File}";

    private DbContextOptions<PhotoRepositoryDbContext>? _options;

    public PhotoRepositoryDbContext NewContext() => new(_options ??= Options(ConnectionString, Clock));

    private static PhotoRepositoryDbContext NewContext(string connectionString, TimeProvider clock) => new(Options(connectionString, clock));

    private static DbContextOptions<PhotoRepositoryDbContext> Options(string connectionString, TimeProvider clock) =>
        new DbContextOptionsBuilder<PhotoRepositoryDbContext>()
            .UseSqlite(connectionString, o => o.MigrationsAssembly("PhotoRepository.Migrations.Sqlite"))
            .AddInterceptors(new RecordKeepingInterceptor(clock))
            .Options;

    /// <summary>The job as the app builds it, with a crash armed at the first ID at or after <paramref name="crashAt"/>.</summary>
    public StateSyncJob Job(PhotoRepositoryDbContext db, string? crashAt = null) =>
        new(db, Clock, null, crashAt is null ? null : new CrashAt(crashAt));

    private sealed class CrashAt(string crashAt) : ISyncProbe
    {
        public void StudentDecided(string stateStudentId)
        {
            if (string.CompareOrdinal(stateStudentId, crashAt) >= 0) throw new InjectedCrash(stateStudentId);
        }
    }

    /// <summary>Marks the sentinel changed, so that a nightly run deciding only changed students reaches it too.</summary>
    public async Task TouchSentinelAsync()
    {
        await using var db = NewContext();
        var now = Clock.GetUtcNow().UtcDateTime;
        await db.Students.IgnoreQueryFilters().Where(s => s.StateStudentId == Sentinel).ExecuteUpdateAsync(u => u.SetProperty(s => s.ChangedAt, now));
    }

    private static (string, int[], int[]) CreateTemplate()
    {
        var file = Path.Combine(Folder, $"model-template-{Guid.NewGuid():N}.db");
        var clock = new TestClock(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        using (var db = NewContext($"Data Source={file};Pooling=False", clock))
        {
            db.Database.Migrate();
            var districts = DistrictNames.Select((name, i) => new District { Code = $"0{i + 1}0{i + 1}", Name = name }).ToList();
            foreach (var d in districts) d.Schools.Add(new School { Code = "01", Name = d.Name + " High" });
            db.Districts.AddRange(districts);
            db.SaveChanges();
            db.Students.Add(new Student
            {
                StateStudentId = Sentinel, DistrictId = districts[0].Id, SchoolId = districts[0].Schools[0].Id,
                LastName = "Sentinel", FirstName = "Not", BirthDate = new DateOnly(2012, 1, 1),
            });
            db.SaveChanges();
            if (districts.Select(d => d.Id).Order().SequenceEqual(districts.Select(d => d.Id)) is false)
                throw new InvalidOperationException("Districts must be numbered in the order the model ranks them.");
            AppDomain.CurrentDomain.ProcessExit += (_, _) => System.IO.File.Delete(file);
            return (file, [.. districts.Select(d => d.Id)], [.. districts.Select(d => d.Schools[0].Id)]);
        }
    }

    public void Dispose()
    {
        SqliteConnection.ClearPool(new SqliteConnection(ConnectionString));
        foreach (var f in new[] { File, File + "-wal", File + "-shm", File + "-journal" })
            if (System.IO.File.Exists(f)) System.IO.File.Delete(f);
    }
}
