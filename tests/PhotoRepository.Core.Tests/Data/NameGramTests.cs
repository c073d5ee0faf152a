using Microsoft.EntityFrameworkCore;
using PhotoRepository.Core.Data;
using PhotoRepository.Core.Entities;
using PhotoRepository.Core.Tests.Sync;

namespace PhotoRepository.Core.Tests.Data;

/// <summary>
/// SQL Server's name index (the n-gram table) is kept by the app, so its upkeep is proven here on SQLite:
/// after any save, each state student's grams are exactly the three-character pieces of its stored SearchName.
/// </summary>
public sealed class NameGramTests : IDisposable
{
    private readonly SyncDatabase _data = new() { KeepNameGrams = true };

    public void Dispose() => _data.Dispose();

    /// <summary>The oracle: what the table must hold, recomputed from the stored names, against what it holds.</summary>
    private void AssertIndexMatchesStoredNames()
    {
        using var db = _data.NewContext();
        var expected = db.StateStudents.AsNoTracking().Select(s => new { s.Id, s.SearchName }).ToList()
            .SelectMany(s => Pieces(s.SearchName).Select(g => $"{s.Id}:{g}")).Order(StringComparer.Ordinal).ToList();
        var actual = db.StateStudentNameGrams.AsNoTracking().Select(g => g.StateStudentId + ":" + g.Gram).ToList().Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expected, actual);
    }

    /// <summary>Written independently of NameGrams.Of: every 3-character window of each space-separated part.</summary>
    private static IEnumerable<string> Pieces(string searchName) =>
        searchName.Split(' ').SelectMany(part => Enumerable.Range(0, Math.Max(0, part.Length - 2)).Select(i => part.Substring(i, 3))).Distinct();

    [Fact]
    public void New_students_renames_and_removals_keep_the_grams_equal_to_the_stored_names()
    {
        using (var db = _data.NewContext())
        {
            db.StateStudents.AddRange(
                new StateStudent { StateStudentId = "G1", LastName = "O'Brien-Žižek", FirstName = "Mary-Kate", BirthDate = new(2014, 5, 17) },
                new StateStudent { StateStudentId = "G2", LastName = "Two Bulls", FirstName = "Aiyana", BirthDate = new(2013, 1, 2) },
                new StateStudent { StateStudentId = "G3", LastName = "Ng", FirstName = "Bo", BirthDate = new(2013, 1, 2) });
            db.SaveChanges();
        }
        AssertIndexMatchesStoredNames();
        Assert.True(_data.Read(db => db.StateStudentNameGrams.Count(g => g.Gram == "zek")) == 1);

        using (var db = _data.NewContext())
        {
            db.StateStudents.Single(s => s.StateStudentId == "G1").LastName = "Søndergaard";
            db.StateStudents.Single(s => s.StateStudentId == "G2").SchoolName = "Lame Deer"; // not a name change
            db.SaveChanges();
            db.StateStudents.Remove(db.StateStudents.Single(s => s.StateStudentId == "G2"));
            db.SaveChanges();
        }
        AssertIndexMatchesStoredNames();
        Assert.Equal(0, _data.Read(db => db.StateStudentNameGrams.Count(g => g.Gram == "zek")));
    }

    [Fact]
    public async Task A_folding_change_blanks_the_keys_and_the_refold_rebuilds_the_grams_from_what_the_database_held()
    {
        using (var db = _data.NewContext())
        {
            db.StateStudents.Add(new StateStudent { StateStudentId = "G4", LastName = "Łukasz", FirstName = "Anna", BirthDate = new(2014, 5, 17) });
            db.SaveChanges();
        }
        // What a migration changing the folding does: blank the keys outside the context (grams stay behind).
        using (var db = _data.NewContext())
            db.Database.ExecuteSqlRaw("UPDATE StateStudents SET SearchName = ''");

        await using (var db = _data.NewContext())
            await SearchKeys.RefoldBlankAsync(db);

        AssertIndexMatchesStoredNames();
    }

    [Fact]
    public async Task The_nightly_sync_keeps_the_grams_of_the_state_records_it_writes()
    {
        _data.Student("500000001", _data.Helena, OptInChoice.OptIn, photoDaysOld: 30);
        _data.Student("500000002", _data.Missoula, OptInChoice.OptOut);

        await using (var db = _data.NewContext())
            await _data.Job(db).RunAsync(SyncTrigger.Manual, "test");

        Assert.Equal(2, _data.Read(db => db.StateStudents.Count()));
        AssertIndexMatchesStoredNames();
        Assert.NotEqual(0, _data.Read(db => db.StateStudentNameGrams.Count()));
    }
}
