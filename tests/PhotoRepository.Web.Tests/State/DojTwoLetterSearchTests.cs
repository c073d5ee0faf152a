using System.Net;
using Microsoft.EntityFrameworkCore;
using PhotoRepository.Core.Entities;
using PhotoRepository.Core.Rules;
using PhotoRepository.Web.Areas.State.Pages.Doj;
using PhotoRepository.Web.Tests.Infrastructure;

namespace PhotoRepository.Web.Tests.State;

/// <summary>
/// A DOJ search by two letters of a name reads SQLite's two-letter pairs (decision 0012) instead of walking the
/// state in name order. What an officer sees must not change: the first 25 available children whose folded name
/// has the two letters inside one name part, in name order, and the warning that more match.
/// </summary>
public class DojTwoLetterSearchTests(AppFactory factory) : IClassFixture<AppFactory>
{
    private sealed record Child(string StateId, string First, string Last, DateOnly Born, OptInChoice? OptIn, DateOnly? PhotoDate);

    // 65 children sharing "qz" in many ways; the rules (DOMAIN: opted in, photo under two years old) and the spelling
    // decide who is found. Names go in a shuffled order, so insertion order is not name order.
    private static readonly List<Child> Children = MakeChildren();

    private static List<Child> MakeChildren()
    {
        var today = StateRecords.Today;
        var random = new Random(14);
        var list = new List<Child>();
        for (var i = 0; i < 60; i++)
        {
            var last = $"{(char)('A' + random.Next(26))}{(char)('a' + random.Next(26))}qz{(char)('a' + random.Next(26))}";
            var optIn = (i % 6) switch { 0 => OptInChoice.OptOut, 1 => (OptInChoice?)null, _ => OptInChoice.OptIn };
            DateOnly? photo = (i % 7) switch { 0 => today.AddYears(-3), 1 => null, _ => today.AddMonths(-2) };
            list.Add(new($"V50000{i:0000}", $"Kid{i:00}", last, new DateOnly(2012, 1, 1).AddDays(random.Next(1500)), optIn, photo));
        }
        // The pair in the first name, with accents folded, and one that only appears across two name parts.
        list.Add(new("V500001040", "Aqzo", "Moss", new(2013, 2, 2), OptInChoice.OptIn, today.AddMonths(-1)));
        list.Add(new("V500001041", "Ana", "Qžolt", new(2013, 2, 3), OptInChoice.OptIn, today.AddMonths(-1)));
        list.Add(new("V500001042", "Zed", "Baq", new(2013, 2, 4), OptInChoice.OptIn, today.AddMonths(-1)));
        // Same last and first name: the birth date orders them.
        list.Add(new("V500001043", "Kid99", "Aaqzz", new(2014, 5, 5), OptInChoice.OptIn, today.AddMonths(-1)));
        list.Add(new("V500001044", "Kid99", "Aaqzz", new(2011, 5, 5), OptInChoice.OptIn, today.AddMonths(-1)));
        return list.OrderBy(_ => random.Next()).ToList();
    }

    /// <summary>The rule alone, from the test's own list: available and the pair inside one folded name part.</summary>
    private static List<string> Expected(string pair) =>
        Children.Where(c => c.OptIn == OptInChoice.OptIn && c.PhotoDate > StateRecords.Today.AddYears(-2))
            .Where(c => new[] { c.Last, c.First }.Any(part => Fold(part).Contains(pair, StringComparison.Ordinal)))
            .OrderBy(c => c.Last, StringComparer.Ordinal).ThenBy(c => c.First, StringComparer.Ordinal).ThenBy(c => c.Born)
            .Select(c => c.StateId).ToList();

    // Lower case with accents and punctuation dropped, written here rather than taken from the app.
    private static string Fold(string s) => new(s.Replace("ž", "z").ToLowerInvariant().Where(char.IsLetterOrDigit).ToArray());

    [Fact]
    public async Task Two_letters_show_the_first_25_available_children_in_name_order_and_say_more_match()
    {
        await EnsureChildrenAsync();
        var expected = Expected("qz");
        Assert.True(expected.Count > SearchModel.MaxResults); // otherwise the cut-off is not tested
        var doj = await StateRecords.DojWithCaseAsync(factory, "CASE-PAIRS");

        var (response, page) = await doj.SearchAsync(new() { ["Input.Name"] = "QZ" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var shown = page.QuerySelectorAll("table.doj-results tbody tr span.hint").Select(e => e.TextContent.Trim()).ToList();
        Assert.Equal(expected.Take(SearchModel.MaxResults), shown);
        Assert.NotNull(page.QuerySelector("#refine"));
        Assert.DoesNotContain("V500001042", expected); // "baq zed": the letters are in two parts
    }

    [Theory]
    [InlineData("qz")]
    [InlineData("ol")]
    [InlineData("aq")]
    [InlineData("zq")]
    public async Task Every_match_is_found_past_the_first_page_too(string pair)
    {
        await EnsureChildrenAsync();
        var found = factory.WithDb(db => SearchModel.AvailableMatches(db, new SearchInput { Name = pair }, StateRecords.Today)
            .Select(r => r.StateStudentId).ToList()).Where(id => id.StartsWith("V5", StringComparison.Ordinal)).ToList();
        Assert.Equal(Expected(pair), found);
    }

    [Fact]
    public void Only_a_search_by_short_name_parts_alone_reads_the_pairs()
    {
        var today = StateRecords.Today;
        string Sql(SearchInput input) => factory.WithDb(db => SearchModel.AvailableMatches(db, input, today).ToQueryString());

        Assert.Contains("FROM \"StateStudentNamePairs\"", Sql(new() { Name = "qz" }));
        Assert.Contains("FROM \"StateStudentNamePairs\"", Sql(new() { Name = "qz j", AgeFrom = 8 }));
        Assert.DoesNotContain("StateStudentNamePairs", Sql(new() { Name = "qzo" }));           // trigrams narrow it
        Assert.DoesNotContain("StateStudentNamePairs", Sql(new() { Name = "qz qzo" }));        // trigrams narrow it
        Assert.DoesNotContain("StateStudentNamePairs", Sql(new() { Name = "qz", BirthDate = new(2013, 2, 2) }));
        Assert.DoesNotContain("StateStudentNamePairs", Sql(new() { Name = "qz", DistrictId = 1 }));
    }

    private static readonly SemaphoreSlim Once = new(1, 1);
    private static bool _added;

    private async Task EnsureChildrenAsync()
    {
        await Once.WaitAsync();
        try
        {
            if (!_added)
                foreach (var c in Children)
                    await StateRecords.AddAsync(factory, c.StateId, c.First, c.Last, c.Born, c.OptIn, c.PhotoDate);
            _added = true;
        }
        finally { Once.Release(); }
    }
}
