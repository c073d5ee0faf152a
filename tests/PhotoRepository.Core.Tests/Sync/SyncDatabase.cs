using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using PhotoRepository.Core.Data;
using PhotoRepository.Core.Entities;

namespace PhotoRepository.Core.Tests.Sync;

/// <summary>A clock the tests move by hand.</summary>
public sealed class TestClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;
    public override DateTimeOffset GetUtcNow() => Now;
}

/// <summary>A real SQLite database file built with the product's migrations, with two districts.</summary>
public sealed class SyncDatabase : IDisposable
{
    public string File { get; } = Path.Combine(Path.GetTempPath(), $"sync-{Guid.NewGuid():N}.db");
    public TestClock Clock { get; } = new(new DateTimeOffset(2026, 11, 23, 17, 0, 0, TimeSpan.Zero));
    public DateOnly Today => new(2026, 11, 23);
    public int Helena { get; }
    public int Missoula { get; }

    public SyncDatabase()
    {
        using var db = NewContext();
        db.Database.Migrate();
        var helena = new District { Code = "0101", Name = "Helena" };
        var missoula = new District { Code = "0202", Name = "Missoula" };
        helena.Schools.Add(new School { Code = "01", Name = "Helena High" });
        missoula.Schools.Add(new School { Code = "02", Name = "Sentinel High" });
        db.Districts.AddRange(helena, missoula);
        db.SaveChanges();
        Helena = helena.Id;
        Missoula = missoula.Id;
    }

    public string ConnectionString => $"Data Source={File};Pooling=False";

    public PhotoRepositoryDbContext NewContext() =>
        new(new DbContextOptionsBuilder<PhotoRepositoryDbContext>()
            .UseSqlite(ConnectionString, o => o.MigrationsAssembly("PhotoRepository.Migrations.Sqlite"))
            .AddInterceptors(new RecordKeepingInterceptor(Clock))
            .Options);

    public StateSyncJobFor Job(PhotoRepositoryDbContext db) => new(db, Clock);

    /// <summary>Adds (or updates) a district's student, with a photo of the given age when asked.</summary>
    public Student Student(string stateId, int districtId, OptInChoice optIn, int? photoDaysOld = null, int recordedDaysAgo = 10, string photoSeed = "")
    {
        using var db = NewContext();
        var student = db.Students.Include(s => s.Photo).SingleOrDefault(s => s.StateStudentId == stateId && s.DistrictId == districtId);
        if (student is null)
        {
            student = new Student
            {
                StateStudentId = stateId,
                DistrictId = districtId,
                SchoolId = db.Schools.First(s => s.DistrictId == districtId).Id,
                LastName = "Doe" + stateId,
                FirstName = "Jo",
                BirthDate = new DateOnly(2012, 5, 1),
            };
            db.Students.Add(student);
        }
        student.OptIn = optIn;
        student.OptInRecordedAt = Clock.Now.UtcDateTime.AddDays(-recordedDaysAgo);
        if (photoDaysOld is { } days)
        {
            var content = Content($"{stateId}-{districtId}-{days}-{photoSeed}");
            if (!db.PhotoContents.Any(c => c.Sha256 == content.Sha256)) db.PhotoContents.Add(content);
            if (student.Photo is null)
                student.Photo = new DistrictPhoto { Sha256 = content.Sha256, DistrictId = districtId, PhotoDate = Today.AddDays(-days) };
            else
            {
                student.Photo.Sha256 = content.Sha256;
                student.Photo.PhotoDate = Today.AddDays(-days);
            }
        }
        db.SaveChanges();
        return student;
    }

    public PhotoContent Content(string seed)
    {
        var bytes = SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(seed));
        return new PhotoContent
        {
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes)),
            Jpeg = bytes,
            Thumbnail = bytes,
            CreatedAt = Clock.Now.UtcDateTime.AddDays(-30),
        };
    }

    public T Read<T>(Func<PhotoRepositoryDbContext, T> read)
    {
        using var db = NewContext();
        return read(db);
    }

    /// <summary>The whole state side as text, to compare two databases exactly (ids and times aside).</summary>
    public string StateSnapshot() => Read(db =>
    {
        var students = db.StateStudents.AsNoTracking().Include(s => s.Photo).OrderBy(s => s.StateStudentId).ToList()
            .Select(s => $"{s.StateStudentId} {s.OptIn} {s.LastExplicitChoice} {s.LastExplicitDistrictId} {s.DistrictId} {s.LastName} {s.SchoolName} photo={s.Photo?.Sha256}@{s.Photo?.PhotoDate}");
        var history = db.StateOptInChanges.AsNoTracking().Join(db.StateStudents, c => c.StateStudentId, s => s.Id, (c, s) => new { s.StateStudentId, c.OldValue, c.NewValue, c.DistrictId })
            .ToList().OrderBy(c => c.StateStudentId).ThenBy(c => c.OldValue).Select(c => $"{c.StateStudentId} {c.OldValue}->{c.NewValue} by {c.DistrictId}");
        var contents = db.PhotoContents.AsNoTracking().Select(c => c.Sha256).OrderBy(s => s).ToList();
        return string.Join("\n", students) + "\n--\n" + string.Join("\n", history) + "\n--\n" + string.Join("\n", contents);
    });

    public void Dispose()
    {
        foreach (var f in new[] { File, File + "-wal", File + "-shm" })
            if (System.IO.File.Exists(f)) System.IO.File.Delete(f);
    }
}

/// <summary>A probe that tests can arm: the run fails after K students have been decided.</summary>
public sealed class SyncCrash : PhotoRepository.Core.Sync.ISyncProbe
{
    public int? Students { get; set; }
    private int _decided;

    public void StudentDecided(string stateStudentId)
    {
        if (Students is { } k && ++_decided > k) throw new InvalidOperationException($"Injected failure after {k} students.");
    }
}

/// <summary>The job as the app builds it, with a crash the test can arm (<see cref="Crash"/>).</summary>
public sealed class StateSyncJobFor(PhotoRepositoryDbContext db, TimeProvider time, SyncCrash crash)
    : PhotoRepository.Core.Sync.StateSyncJob(db, time, null, crash)
{
    public StateSyncJobFor(PhotoRepositoryDbContext db, TimeProvider time) : this(db, time, new SyncCrash()) { }

    public SyncCrash Crash { get; } = crash;

    public int? CrashAfter { get => Crash.Students; set => Crash.Students = value; }
}
