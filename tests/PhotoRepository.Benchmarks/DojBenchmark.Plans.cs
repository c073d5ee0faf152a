using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PhotoRepository.Core.Rules;
using PhotoRepository.Web.Areas.State.Pages.Doj;

namespace PhotoRepository.Benchmarks;

/// <summary>
/// "Every criteria shape served by an index" (issue 14), shown rather than claimed: SQLite's query plan of the
/// app's own search query for one sample of each shape, and the query alone timed over many samples of each shape.
/// A shape whose plan scans the students table is flagged.
/// </summary>
public static partial class DojBenchmark
{
    private static async Task PrintPlansAsync(string connection, IEnumerable<Criteria> criteria)
    {
        Console.WriteLine();
        Console.WriteLine("Query plan of each criteria shape (SQLite EXPLAIN QUERY PLAN of the app's search query):");
        await using var db = SyncBenchmark.NewContext(connection);
        await db.Database.OpenConnectionAsync();
        var today = StateCalendar.Today(TimeProvider.System);
        foreach (var shape in criteria.GroupBy(c => c.Shape))
        {
            // The query alone, in the database, for up to 200 of this shape's criteria: the cost a request pays
            // before any HTTP or HTML, and its tail (a rare name part walks further than a common one).
            var times = new List<double>();
            foreach (var sample in shape.Take(200))
            {
                await using var timed = SearchModel.AvailableMatches(db, Input(sample), today).Take(SearchModel.MaxResults + 1).CreateDbCommand();
                var watch = System.Diagnostics.Stopwatch.StartNew();
                await using (var rows = await timed.ExecuteReaderAsync())
                    while (await rows.ReadAsync()) { }
                times.Add(watch.Elapsed.TotalMilliseconds);
            }
            await using DbCommand command = SearchModel.AvailableMatches(db, Input(shape.First()), today).Take(SearchModel.MaxResults + 1).CreateDbCommand();
            command.CommandText = "EXPLAIN QUERY PLAN " + command.CommandText;
            var steps = new List<string>();
            await using (var reader = await command.ExecuteReaderAsync())
                while (await reader.ReadAsync()) steps.Add(reader.GetString(3));
            // "s" is the students table in EF's SQL (s1, s2 are its own subqueries, read row by row by design). A bare
            // "SCAN s" reads the whole table; "SCAN s USING INDEX" walks an index in result order and stops at the limit.
            var scans = steps.Contains("SCAN s");
            var walks = steps.Any(s => s.StartsWith("SCAN s USING", StringComparison.Ordinal));
            Console.WriteLine($"- {shape.Key}{(scans ? "  ** scans the students table **" : walks ? " (walks an index in result order up to the limit)" : "")}, " +
                              $"query alone over {times.Count} criteria: median {Measure.Percentile(times, 50):0.0} ms, p95 {Measure.Percentile(times, 95):0.0} ms, max {times.Max():0.0} ms: {string.Join(" | ", steps)}");
        }
    }

    private static SearchInput Input(Criteria sample) => new()
    {
        Name = sample.Fields.GetValueOrDefault("Input.Name"),
        BirthDate = sample.Fields.TryGetValue("Input.BirthDate", out var b) ? DateOnly.Parse(b, CultureInfo.InvariantCulture) : null,
        DistrictId = sample.Fields.TryGetValue("Input.DistrictId", out var d) ? int.Parse(d, CultureInfo.InvariantCulture) : null,
        StateStudentId = sample.Fields.GetValueOrDefault("Input.StateStudentId"),
    };
}
