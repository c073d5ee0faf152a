using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PhotoRepository.Core.Data;
using PhotoRepository.Core.Entities;
using PhotoRepository.Core.Rules;
using PhotoRepository.Tests.Shared;
using PhotoRepository.Web.Areas.State.Pages.Doj;
using PhotoRepository.Web.Tests.Infrastructure;
using static PhotoRepository.Web.Areas.State.Pages.Doj.SearchModel;

namespace PhotoRepository.Web.Tests.State;

/// <summary>
/// DOJ name search narrows by a name index on each provider: SQLite's FTS5 trigram index, SQL Server's n-gram
/// table. One set of matching cases runs through both (the n-gram table is kept here on SQLite too, by the
/// same NameGramKeeper SQL Server uses), against the rule without any index; the SQL Server query is shown
/// to read the n-gram table rather than every state student.
/// </summary>
public class DojNameIndexesTests(DojNameIndexesTests.BothIndexes factory) : IClassFixture<DojNameIndexesTests.BothIndexes>
{
    public sealed class BothIndexes : AppFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(s => s.ConfigureDbContext<PhotoRepositoryDbContext>(o => o.AddInterceptors(new NameGramKeeper())));
        }
    }

    public static TheoryData<string, NameIndex> Cases()
    {
        var data = new TheoryData<string, NameIndex>();
        string[] queries = ["zizek", "MARY-KATE", "o'bri", "marykate", "ry k o", "ek mary", "zizekx", "mary \"kate\"", "brienzi", "an", "son", "søren", "soren ols", "abc"];
        foreach (var q in queries)
            foreach (var index in new[] { NameIndex.Trigram, NameIndex.NameGrams })
                data.Add(q, index);
        return data;
    }

    [Theory, MemberData(nameof(Cases))]
    public async Task Both_indexes_find_exactly_the_children_whose_folded_name_contains_every_word(string query, NameIndex index)
    {
        await EnsureChildrenAsync();
        var today = StateRecords.Today;

        var found = factory.WithDb(db => AvailableMatches(db, new SearchInput { Name = query }, today, index).Select(r => r.StateStudentId).ToList().Order().ToList());

        // The rule without any index: every available child whose folded name contains every folded word.
        var words = SearchText.Words(query);
        var expected = factory.WithDb(db =>
        {
            var available = AvailableMatches(db, new SearchInput(), today).Select(r => r.StateStudentId).ToHashSet();
            return db.StateStudents.AsNoTracking().Where(s => available.Contains(s.StateStudentId)).ToList()
                .Where(s => words.All(w => s.SearchName.Contains(w, StringComparison.Ordinal)))
                .Select(s => s.StateStudentId).Order().ToList();
        });
        Assert.Equal(expected, found);
    }

    [Fact]
    public async Task The_cases_do_find_someone_through_each_index()
    {
        // Guards the theory above against passing on empty results only.
        await EnsureChildrenAsync();
        foreach (var index in new[] { NameIndex.Trigram, NameIndex.NameGrams })
        {
            Assert.Contains("V400000001", factory.WithDb(db => AvailableMatches(db, new SearchInput { Name = "zizek mary" }, StateRecords.Today, index).Select(r => r.StateStudentId).ToList()));
            Assert.Contains("V400000002", factory.WithDb(db => AvailableMatches(db, new SearchInput { Name = "soren" }, StateRecords.Today, index).Select(r => r.StateStudentId).ToList()));
        }
    }

    [Fact]
    public void On_SQL_Server_the_name_search_reads_candidates_from_the_ngram_table()
    {
        using var db = new PhotoRepositoryDbContext(SqlServerTranslation.SqlServerOptions);

        var sql = AvailableMatches(db, new SearchInput { Name = "Mary O'Brien" }, StateRecords.Today).ToQueryString();

        // Students are read by id from the grams the words have in common, not scanned by LIKE over the state.
        Assert.Contains("FROM [StateStudentNameGrams] AS [s", sql);
        Assert.Contains("GROUP BY [s", sql);
        Assert.Contains("HAVING COUNT(*) = @", sql);
        Assert.Matches(@"\[s\]\.\[Id\] IN \(\s*SELECT \[s\d\]\.\[StateStudentId\]", sql);
        Assert.DoesNotContain("StateStudentNames", sql); // the SQLite index is not asked
        // The clustered key starts with the gram, so each gram is a seek.
        var key = db.Model.FindEntityType(typeof(StateStudentNameGram))!.FindPrimaryKey()!;
        Assert.Equal(["Gram", "StateStudentId"], key.Properties.Select(p => p.Name));
    }

    [Fact]
    public void On_SQL_Server_a_search_with_only_short_words_uses_no_index()
    {
        using var db = new PhotoRepositoryDbContext(SqlServerTranslation.SqlServerOptions);
        var sql = AvailableMatches(db, new SearchInput { Name = "jo", BirthDate = new(2014, 1, 1) }, StateRecords.Today).ToQueryString();
        Assert.DoesNotContain("StateStudentNameGrams", sql);
    }

    private static readonly SemaphoreSlim Once = new(1, 1);
    private bool _added;

    private async Task EnsureChildrenAsync()
    {
        await Once.WaitAsync();
        try
        {
            if (!_added && factory.WithDb(db => !db.StateStudents.Any(s => s.StateStudentId == "V400000001")))
            {
                await StateRecords.AddAsync(factory, "V400000001", "Mary-Kate", "O'Brien-Žižek", new(2013, 3, 9), OptInChoice.OptIn, StateRecords.Today.AddMonths(-2));
                await StateRecords.AddAsync(factory, "V400000002", "Søren", "Olsen", new(2012, 4, 1), OptInChoice.OptIn, StateRecords.Today.AddMonths(-3));
                await StateRecords.AddAsync(factory, "V400000003", "Mary", "Kateson", new(2012, 6, 1), OptInChoice.OptOut, StateRecords.Today.AddMonths(-3));
            }
            _added = true;
        }
        finally { Once.Release(); }
    }
}
