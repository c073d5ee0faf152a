using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PhotoRepository.Core.Rules;
using PhotoRepository.Web.Areas.State.Pages.Doj;

namespace PhotoRepository.Benchmarks;

/// <summary>
/// "Every criteria shape served by an index" (issue 14), shown rather than claimed: SQLite's query plan of the
/// app's own search query for one sample of each shape. A shape whose plan scans the students table is flagged.
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
        foreach (var sample in criteria.GroupBy(c => c.Shape).Select(g => g.First()))
        {
            var input = new SearchInput
            {
                Name = sample.Fields.GetValueOrDefault("Input.Name"),
                BirthDate = sample.Fields.TryGetValue("Input.BirthDate", out var b) ? DateOnly.Parse(b, CultureInfo.InvariantCulture) : null,
                DistrictId = sample.Fields.TryGetValue("Input.DistrictId", out var d) ? int.Parse(d, CultureInfo.InvariantCulture) : null,
                StateStudentId = sample.Fields.GetValueOrDefault("Input.StateStudentId"),
            };
            await using DbCommand command = SearchModel.AvailableMatches(db, input, today).Take(SearchModel.MaxResults + 1).CreateDbCommand();
            // The query alone, in the database, five times: the cost a request pays before any HTTP or HTML.
            var times = new List<double>();
            for (var i = 0; i < 5; i++)
            {
                var watch = System.Diagnostics.Stopwatch.StartNew();
                await using (var rows = await command.ExecuteReaderAsync())
                    while (await rows.ReadAsync()) { }
                times.Add(watch.Elapsed.TotalMilliseconds);
            }
            command.CommandText = "EXPLAIN QUERY PLAN " + command.CommandText;
            var steps = new List<string>();
            await using (var reader = await command.ExecuteReaderAsync())
                while (await reader.ReadAsync()) steps.Add(reader.GetString(3));
            // "s" is the students table in EF's SQL (s1, s2 are its own subqueries, read row by row by design). A bare
            // "SCAN s" reads the whole table; "SCAN s USING INDEX" walks an index in result order and stops at the limit.
            var scans = steps.Contains("SCAN s");
            var walks = steps.Any(s => s.StartsWith("SCAN s USING", StringComparison.Ordinal));
            Console.WriteLine($"- {sample.Shape}{(scans ? "  ** scans the students table **" : walks ? " (walks an index in result order up to the limit)" : "")}, query alone {Measure.Percentile(times, 50):0.0} ms: {string.Join(" | ", steps)}");
        }
    }
}
