using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using PhotoRepository.Core.Data;
using PhotoRepository.Core.Entities;

namespace PhotoRepository.Core.Tests.Sync;

/// <summary>A real SQLite file with the real migrations, two districts and helpers to add students.</summary>
public sealed class SyncDatabase : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"sync-{Guid.NewGuid():N}.db");
    public TimeProvider Time { get; } = new FixedTime(new DateTimeOffset(2026, 11, 23, 17, 0, 0, TimeSpan.Zero));
    public int DistrictA { get; }
    public int DistrictB { get; }

    public SyncDatabase()
    {
        using var db = NewContext();
        db.Database.Migrate();
        var a = new District { Code = "A", Name = "District A" };
        var b = new District { Code = "B", Name = "District B" };
        db.Districts.AddRange(a, b);
        db.SaveChanges();
        (DistrictA, DistrictB) = (a.Id, b.Id);
    }

    public PhotoRepositoryDbContext NewContext() => new(new DbContextOptionsBuilder<PhotoRepositoryDbContext>()
        .UseSqlite($"Data Source={_path}", o => o.MigrationsAssembly("PhotoRepository.Migrations.Sqlite"))
        .AddInterceptors(new RecordKeepingInterceptor(Time)).Options);

    public Student AddStudent(string stateId, int district, OptInChoice choice, DateTime? recordedAt = null, DateOnly? photoDate = null, string? sha = null)
    {
        using var db = NewContext();
        var student = new Student
        {
            DistrictId = district, StateStudentId = stateId, FirstName = "Ana", LastName = "Peña", BirthDate = new DateOnly(2014, 3, 2),
            OptIn = choice, OptInRecordedAt = recordedAt ?? new DateTime(2026, 9, 1),
        };
        if (photoDate is { } date)
        {
            sha ??= $"{stateId}-{district}-{date:yyyyMMdd}".PadRight(64, '0')[..64];
            if (!db.PhotoContents.Any(c => c.Sha256 == sha))
                db.PhotoContents.Add(new PhotoContent { Sha256 = sha, Jpeg = [1, 2, 3], Thumbnail = [4] });
            student.Photo = new DistrictPhoto { DistrictId = district, Sha256 = sha, PhotoDate = date };
        }
        db.Students.Add(student);
        db.SaveChanges();
        return student;
    }

    /// <summary>Many students quickly: a mix of values, photos and dates, decided by the index.</summary>
    public void AddStudentFast(int i)
    {
        using var db = NewContext();
        _fast.Add(i);
        if (_fast.Count < 500 && i != 2499) return;
        foreach (var n in _fast)
        {
            var district = n % 3 == 0 ? DistrictB : DistrictA;
            var student = new Student
            {
                DistrictId = district, StateStudentId = $"9{n:00000}", FirstName = "Kid", LastName = $"N{n}", BirthDate = new DateOnly(2012, 1, 1),
                OptIn = (OptInChoice)(n % 3), OptInRecordedAt = new DateTime(2026, 9, 1).AddMinutes(n),
            };
            if (n % 4 != 0)
            {
                var sha = $"{n:00000}".PadRight(64, 'a');
                db.PhotoContents.Add(new PhotoContent { Sha256 = sha, Jpeg = [1], Thumbnail = [2] });
                student.Photo = new DistrictPhoto { DistrictId = district, Sha256 = sha, PhotoDate = n % 5 == 0 ? new DateOnly(2024, 1, 1) : new DateOnly(2026, 9, 1) };
            }
            db.Students.Add(student);
        }
        db.SaveChanges();
        _fast.Clear();
    }

    private readonly List<int> _fast = [];

    public void Change(string stateId, int district, Action<Student> change)
    {
        using var db = NewContext();
        var student = db.Students.Include(s => s.Photo).Single(s => s.StateStudentId == stateId && s.DistrictId == district);
        change(student);
        db.SaveChanges();
    }

    /// <summary>Everything the state holds, as text, to compare two databases or two moments.</summary>
    public string StateSnapshot()
    {
        using var db = NewContext();
        var rows = db.StateStudents.Include(s => s.Photo).OrderBy(s => s.StateStudentId).ToList()
            .Select(s => $"{s.StateStudentId}:{s.OptIn}:{s.LastExplicitChoice}:{s.LastExplicitDistrictId}:{s.Photo?.Sha256}:{s.Photo?.PhotoDate}:{s.DistrictId}");
        return string.Join("\n", rows) + $"\ncontent:{db.PhotoContents.Count()} history:{db.StateOptInChanges.Count()}";
    }

    public StateSyncJobUnderTest Job() => new(NewContext(), Time);

    public StateSyncJobUnderTest JobAt(TimeProvider time) => new(NewContext(), time);

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        File.Delete(_path);
    }

}

public sealed class FixedTime(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}

/// <summary>The same database seen on another day.</summary>
public sealed class SyncDatabaseClock(SyncDatabase data, DateTimeOffset now)
{
    public StateSyncJobUnderTest Job() => data.JobAt(new FixedTime(now));
}

public sealed class StateSyncJobUnderTest : Core.Sync.StateSyncJob, IDisposable
{
    private readonly PhotoRepositoryDbContext _context;

    public StateSyncJobUnderTest(PhotoRepositoryDbContext context, TimeProvider time) : base(context, time) => _context = context;

    public void Dispose() => _context.Dispose();
}
