using System.Diagnostics;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using PhotoRepository.Core.Data;
using PhotoRepository.Core.Demographics;
using PhotoRepository.Core.Entities;
using PhotoRepository.Core.Rules;
using PhotoRepository.Core.Security;
using PhotoRepository.Web.Areas.District.Pages.Students;

namespace PhotoRepository.Benchmarks;

/// <summary>
/// "demographics": preview + commit of a 20,000-row upload, against a bare parse of the same file.
/// "student-list": the list page's query at 20,000 students, against a bare Take(50).
/// Both on a fresh SQLite file with the real migrations and the record-keeping interceptor.
/// </summary>
public static class DistrictPortalBenchmarks
{
    private const int StudentCount = 20_000;

    private sealed class Clerk(int districtId) : IRequestContext
    {
        public string UserName => "clerk.bench@demo.example";
        public int? DistrictScope => districtId;
    }

    private static PhotoRepositoryDbContext Open(string path, IRequestContext who) =>
        new(new DbContextOptionsBuilder<PhotoRepositoryDbContext>()
            .UseSqlite($"Data Source={path}", s => s.MigrationsAssembly("PhotoRepository.Migrations.Sqlite"))
            .AddInterceptors(new RecordKeepingInterceptor(TimeProvider.System)).Options, who);

    private static async Task<(string Path, int DistrictId, Dictionary<string, int> Schools)> NewDatabaseAsync()
    {
        var path = Path.Combine(Path.GetTempPath(), $"bench-district-{Guid.NewGuid():N}.db");
        await using var db = Open(path, SystemContext.Instance);
        await db.Database.MigrateAsync();
        var district = new District { Code = "0909", Name = "Bench District" };
        for (var i = 0; i < 8; i++) district.Schools.Add(new School { Code = $"S{i}", Name = $"School {i}" });
        db.Districts.Add(district);
        await db.SaveChangesAsync();
        return (path, district.Id, district.Schools.ToDictionary(s => s.Code, s => s.Id));
    }

    private static readonly string[] First = ["Seán", "Zoë", "Ana", "Łukasz", "Анна", "Mai", "José", "Chloé", "Liam", "Noah"];
    private static readonly string[] Last = ["O'Brien", "Nguyễn", "Smith", "Дмитриев", "García", "Two Bears", "Müller", "Jones"];

    private static byte[] MakeCsv(int rows, int seed)
    {
        var random = new Random(seed);
        var sb = new StringBuilder(DemographicsTemplate.Header).Append("\r\n");
        for (var i = 0; i < rows; i++)
        {
            sb.Append(5_000_000_000L + i).Append(',').Append(i.ToString("00000")).Append(",\"").Append(Last[random.Next(Last.Length)]).Append(", Jr\",")
              .Append(First[random.Next(First.Length)]).Append(",,").Append(new DateOnly(2010, 1, 1).AddDays(random.Next(4000)).ToString("yyyy-MM-dd"))
              .Append(random.Next(2) == 0 ? ",F," : ",M,").Append(DemographicsTemplate.Grades[1 + random.Next(13)]).Append(",S").Append(random.Next(8))
              .Append(',').Append(random.Next(3)).Append("\r\n");
        }
        return Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(sb.ToString())).ToArray();
    }

    public static async Task DemographicsAsync(string[] args)
    {
        var (path, districtId, schools) = await NewDatabaseAsync();
        var bytes = MakeCsv(StudentCount, 1);
        Console.WriteLine($"File: {StudentCount} rows, {bytes.Length / 1024.0 / 1024.0:0.0} MB");

        var baseline = await Measure.RunAsync("baseline: bare parse (CsvLines) of the same file", () =>
        {
            using var reader = new StreamReader(new MemoryStream(bytes), Encoding.UTF8);
            var n = CsvLines.Read(reader).Count();
            return Task.CompletedTask;
        });

        async Task PreviewAndCommit()
        {
            var today = StateCalendar.Today(TimeProvider.System);
            // Preview: parse, one query for the district's students, plan.
            await using (var db = Open(path, new Clerk(districtId)))
            {
                var file = DemographicsFile.Parse(bytes);
                var existing = await db.Students.AsNoTracking().ToDictionaryAsync(s => s.StateStudentId, StringComparer.OrdinalIgnoreCase);
                var plan = DemographicsPlan.Build(file, existing, schools, StateIdClaim.NoneKnown, today);
                Console.WriteLine($"  preview: {plan.NewCount} new, {plan.UpdatedCount} updated, {plan.UnchangedCount} unchanged, {plan.RejectedLineCount} rejected");
            }
            // Commit: re-parse and re-plan against tracked students, all in one transaction.
            await using (var db = Open(path, new Clerk(districtId)))
            {
                var file = DemographicsFile.Parse(bytes);
                var existing = await db.Students.ToDictionaryAsync(s => s.StateStudentId, StringComparer.OrdinalIgnoreCase);
                var plan = DemographicsPlan.Build(file, existing, schools, StateIdClaim.NoneKnown, today);
                var step = Stopwatch.StartNew();
                await using var tx = await db.Database.BeginTransactionAsync();
                // The same call the Preview page's commit makes.
                await DemographicsCommit.SaveAsync(db, plan, districtId, "bench.csv", "clerk.bench@demo.example", DateTime.UtcNow, today);
                await tx.CommitAsync();
                Console.WriteLine($"  commit: {step.Elapsed.TotalSeconds:0.0} s");
            }
        }

        var first = await Measure.RunAsync("preview + commit, 20,000 new students", PreviewAndCommit);
        var again = await Measure.RunAsync("preview + commit, same file again (all unchanged)", PreviewAndCommit);
        Console.WriteLine($"Ratio to bare parse: first {first.Seconds / baseline.Seconds:0} x, again {again.Seconds / baseline.Seconds:0} x");
        Console.WriteLine($"Goal: <= 30 s and <= 300 MB: {(first.Seconds <= 30 && first.PeakMb <= 300 ? "met" : "NOT met")}");
        SqliteConnection.ClearAllPools();
        File.Delete(path);
    }

    public static async Task StudentListAsync(string[] args)
    {
        var (path, districtId, schools) = await NewDatabaseAsync();
        var today = StateCalendar.Today(TimeProvider.System);
        await using (var db = Open(path, SystemContext.Instance))
        {
            var file = DemographicsFile.Parse(MakeCsv(StudentCount, 2));
            var plan = DemographicsPlan.Build(file, new Dictionary<string, Student>(), schools, StateIdClaim.NoneKnown, today);
            var students = plan.Apply(districtId, "seed.csv", "seed", DateTime.UtcNow, today);
            var random = new Random(3);
            // One shared placeholder content: the list never reads photo bytes, only the photo date.
            db.PhotoContents.Add(new PhotoContent { Sha256 = "x", Jpeg = [1], Thumbnail = [1], CreatedAt = DateTime.UtcNow });
            foreach (var s in students.Where(_ => random.Next(4) != 0))
                s.Photo = new DistrictPhoto { DistrictId = districtId, Sha256 = "x", PhotoDate = today.AddDays(-random.Next(900)) };
            db.Students.AddRange(students);
            await db.SaveChangesAsync();
        }
        Console.WriteLine($"District with {StudentCount} students, ~75% with a photo");

        var queries = new (string Name, StudentListQuery Query)[]
        {
            ("first page, default sort", new StudentListQuery()),
            ("name search 'sean'", new StudentListQuery { Q = "sean" }),
            ("opted out, grade 05", new StudentListQuery { OptIn = OptInChoice.OptOut, Grade = "05" }),
            ("consent not renewed, page 20", new StudentListQuery { Consent = StudentListQuery.NotRenewed, PageNumber = 20 }),
            ("photo expiring, sorted by school", new StudentListQuery { Photo = PhotoStatus.ExpiringSoon, Sort = "school" }),
            ("opted in without current photo", new StudentListQuery { OptedInNoPhoto = true }),
        };

        async Task<List<double>> Time(Func<PhotoRepositoryDbContext, Task> work, int rounds)
        {
            var times = new List<double>();
            await using var db = Open(path, new Clerk(districtId));
            await work(db); // warm-up: compile the query
            for (var i = 0; i < rounds; i++)
            {
                var watch = Stopwatch.StartNew();
                await work(db);
                times.Add(watch.Elapsed.TotalMilliseconds);
            }
            return times;
        }

        var baseline = await Time(db => db.Students.AsNoTracking().Take(50).ToListAsync(), 60);
        var baseMedian = Measure.Percentile(baseline, 50);
        Console.WriteLine($"baseline: bare Take(50): median {baseMedian:0.0} ms, p95 {Measure.Percentile(baseline, 95):0.0} ms");
        var all = new List<double>();
        foreach (var (name, query) in queries)
        {
            var times = await Time(db => query.PageAsync(db.Students, today), 30);
            all.AddRange(times);
            Console.WriteLine($"{name}: median {Measure.Percentile(times, 50):0.0} ms, p95 {Measure.Percentile(times, 95):0.0} ms ({Measure.Percentile(times, 50) / baseMedian:0.0} x baseline median)");
        }
        var p95 = Measure.Percentile(all, 95);
        Console.WriteLine($"All typical queries: median {Measure.Percentile(all, 50):0.0} ms, p95 {p95:0.0} ms ({p95 / Measure.Percentile(baseline, 95):0.0} x baseline p95). Goal p95 <= 150 ms: {(p95 <= 150 ? "met" : "NOT met")}");
        SqliteConnection.ClearAllPools();
        File.Delete(path);
    }
}
