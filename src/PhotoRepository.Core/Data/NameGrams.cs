using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using PhotoRepository.Core.Entities;

namespace PhotoRepository.Core.Data;

/// <summary>
/// SQL Server's name index for DOJ search, the counterpart of SQLite's FTS5 trigram index: every
/// three-character piece of each state student's stored (folded) SearchName, so a name search seeks the
/// pieces of its words and reads only the students that have all of them instead of the whole state.
/// The search's own Contains still decides what matches; the index only narrows the candidates.
/// </summary>
public static class NameGrams
{
    public const int Size = 3;

    /// <summary>The distinct three-character pieces of a folded text, none across a space (search words have none).</summary>
    public static IReadOnlySet<string> Of(string folded)
    {
        var grams = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i + Size <= folded.Length; i++)
        {
            var gram = folded.Substring(i, Size);
            if (!gram.Contains(' ')) grams.Add(gram);
        }
        return grams;
    }

    /// <summary>
    /// The ids of the state students whose name has every piece of every word of three characters or more;
    /// null when no word is that long (the search then filters by Contains alone).
    /// </summary>
    public static IQueryable<int>? Candidates(PhotoRepositoryDbContext db, IEnumerable<string> foldedWords)
    {
        var grams = foldedWords.SelectMany(Of).Distinct(StringComparer.Ordinal).ToArray();
        if (grams.Length == 0) return null;
        var count = grams.Length;
        return db.StateStudentNameGrams
            .Where(g => grams.Contains(g.Gram))
            .GroupBy(g => g.StateStudentId)
            .Where(g => g.Count() == count)
            .Select(g => g.Key);
    }
}

/// <summary>
/// Keeps <see cref="StateStudentNameGram"/> rows equal to the pieces of each state student's stored SearchName,
/// in the same SaveChanges that writes the name (registered after <see cref="RecordKeepingInterceptor"/>, which
/// sets SearchName). A changed name replaces what the database holds for that student, not what the context
/// thought it held, so a name blanked and refolded outside the context (a folding change) comes out right.
/// Registered for SQL Server only: SQLite keeps its FTS5 index with triggers.
/// </summary>
public sealed class NameGramKeeper : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is PhotoRepositoryDbContext db)
            KeepAsync(db, ids => Task.FromResult(db.StateStudentNameGrams.Where(g => ids.Contains(g.StateStudentId)).ToList())).GetAwaiter().GetResult();
        return result;
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is PhotoRepositoryDbContext db)
            await KeepAsync(db, ids => db.StateStudentNameGrams.Where(g => ids.Contains(g.StateStudentId)).ToListAsync(cancellationToken));
        return result;
    }

    private static async Task KeepAsync(PhotoRepositoryDbContext db, Func<List<int>, Task<List<StateStudentNameGram>>> load)
    {
        db.ChangeTracker.DetectChanges();
        var added = new List<StateStudent>();
        var renamed = new List<StateStudent>();
        foreach (var entry in db.ChangeTracker.Entries<StateStudent>())
        {
            if (entry.State == EntityState.Added) added.Add(entry.Entity);
            else if (entry.State == EntityState.Modified && entry.Property(s => s.SearchName).IsModified) renamed.Add(entry.Entity);
        }
        if (added.Count + renamed.Count == 0) return;

        var held = renamed.Count == 0 ? [] : await load(renamed.Select(s => s.Id).ToList());
        var heldBy = held.ToLookup(g => g.StateStudentId);
        foreach (var student in renamed)
        {
            var wanted = NameGrams.Of(student.SearchName);
            foreach (var gram in heldBy[student.Id].Where(g => !wanted.Contains(g.Gram))) db.StateStudentNameGrams.Remove(gram);
            var have = heldBy[student.Id].Select(g => g.Gram).ToHashSet(StringComparer.Ordinal);
            foreach (var gram in wanted.Where(g => !have.Contains(g)))
                db.StateStudentNameGrams.Add(new StateStudentNameGram { Gram = gram, StateStudentId = student.Id });
        }
        foreach (var student in added)
            foreach (var gram in NameGrams.Of(student.SearchName))
                db.StateStudentNameGrams.Add(new StateStudentNameGram { Gram = gram, StateStudent = student });
    }
}
