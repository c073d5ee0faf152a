using System.Net;
using PhotoRepository.Core.Entities;
using PhotoRepository.Core.Rules;
using PhotoRepository.Web.Areas.State.Pages.Doj;
using PhotoRepository.Web.Tests.Infrastructure;

namespace PhotoRepository.Web.Tests.State;

/// <summary>
/// Name search narrows by the SQLite trigram index first; what matches must stay exactly "every word of the
/// query is part of the folded name", including words too short for trigrams and punctuation inside names.
/// </summary>
public class DojNameSearchTests(AppFactory factory) : IClassFixture<AppFactory>
{
    [Theory]
    [InlineData("zizek", true)]          // accent-insensitive
    [InlineData("MARY-KATE", true)]      // case-insensitive, hyphen inside the word
    [InlineData("'bri", true)]           // punctuation inside the word
    [InlineData("ry-k o", true)]         // a one-letter word has no trigram: matched without the index
    [InlineData("ek mary", true)]        // two-letter word plus an indexed one, in any order
    [InlineData("zizekx", false)]
    [InlineData("mary \"kate\"", true)]  // quotes are dropped like other punctuation, never passed as index syntax
    [InlineData("obrienzizek", true)]    // the whole last name typed without its punctuation and accents
    [InlineData("brienmary", false)]     // a word never matches across two name parts
    [InlineData("brien-ž", true)]        // across the hyphen of a double-barrelled name
    public async Task Any_part_of_any_name_finds_exactly_the_children_whose_folded_name_contains_every_word(string query, bool childFound)
    {
        factory.Settings["Doj:SearchesPerMinute"] = "1000";
        await EnsureChildAsync();
        var doj = await StateRecords.DojWithCaseAsync(factory, "CASE-NAMES");

        var (response, page) = await doj.SearchAsync(new() { ["Input.Name"] = query });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var shown = page.QuerySelectorAll("table.doj-results tbody tr span.hint").Select(e => e.TextContent.Trim()).Order().ToList();
        // The rule without any index: every available child whose folded name contains every folded word.
        var words = SearchText.Fold(query).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var expected = factory.WithDb(db => SearchModel.AvailableMatches(db, new SearchInput(), StateRecords.Today)
            .Select(r => r.StateStudentId).ToList()
            .Where(id => words.All(w => db.StateStudents.Single(s => s.StateStudentId == id).SearchName.Contains(w, StringComparison.Ordinal)))
            .Order().ToList());
        Assert.True(expected.Count <= SearchModel.MaxResults);
        Assert.Equal(expected, shown);
        Assert.Equal(childFound, shown.Contains("V300000001"));
    }

    [Fact]
    public void Only_words_of_three_characters_or_more_go_to_the_index_and_quotes_are_escaped()
    {
        Assert.Null(SearchModel.NameIndexMatch(["jo", "a"]));
        Assert.Equal("\"jos\" AND \"a\"\"b\"", SearchModel.NameIndexMatch(["jos", "jo", "a\"b"]));
    }

    private static readonly SemaphoreSlim Once = new(1, 1);
    private static bool _added;

    private async Task EnsureChildAsync()
    {
        await Once.WaitAsync();
        try
        {
            if (!_added)
                await StateRecords.AddAsync(factory, "V300000001", "Mary-Kate", "O'Brien-Žižek", new(2013, 3, 9), OptInChoice.OptIn, StateRecords.Today.AddMonths(-2));
            _added = true;
        }
        finally { Once.Release(); }
    }
}
