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
            command.CommandText = "EXPLAIN QUERY PLAN " + command.CommandText;
            var steps = new List<string>();
            await using (var reader = await command.ExecuteReaderAsync())
                while (await reader.ReadAsync()) steps.Add(reader.GetString(3));
            // "s" is the students table in EF's SQL; s1, s2 are its own subqueries, read row by row by design.
            var scans = steps.Any(s => s == "SCAN s" || s.StartsWith("SCAN s USING", StringComparison.Ordinal));
            Console.WriteLine($"- {sample.Shape}{(scans ? "  ** scans the students table **" : "")}: {string.Join(" | ", steps)}");
        }
    }
}
