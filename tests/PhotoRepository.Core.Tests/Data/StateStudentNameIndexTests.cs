using Microsoft.EntityFrameworkCore;
using PhotoRepository.Core.Entities;
using PhotoRepository.Core.Tests.Sync;

namespace PhotoRepository.Core.Tests.Data;

/// <summary>
/// The SQLite trigram index DOJ name search narrows by is kept by triggers, not by the model: a later
/// migration that rebuilds StateStudents would drop them silently. This fails if they are gone or wrong.
/// </summary>
public sealed class StateStudentNameIndexTests : IDisposable
{
    private readonly SyncDatabase _database = new();

    [Fact]
    public void The_name_index_follows_inserts_name_changes_and_deletes()
    {
        using (var db = _database.NewContext())
        {
            db.StateStudents.AddRange(
                new StateStudent { StateStudentId = "N1", LastName = "Ólafsdóttir", FirstName = "Seán", BirthDate = new(2014, 5, 17) },
                new StateStudent { StateStudentId = "N2", LastName = "Two Bulls", FirstName = "Aiyana", BirthDate = new(2013, 1, 2) });
            db.SaveChanges();
        }
        Assert.Equal(["N1"], Matching("\"lafsd\""));
        Assert.Equal(["N2"], Matching("\"twobul\" AND \"aiy\""));

        using (var db = _database.NewContext())
        {
            var moved = db.StateStudents.Single(s => s.StateStudentId == "N1");
            moved.LastName = "Peña";
            db.SaveChanges();
            db.StateStudents.Remove(db.StateStudents.Single(s => s.StateStudentId == "N2"));
            db.SaveChanges();
        }
        Assert.Empty(Matching("\"lafsd\""));
        Assert.Equal(["N1"], Matching("\"pena\""));
        Assert.Empty(Matching("\"aiy\""));
    }

    private List<string> Matching(string match)
    {
        using var db = _database.NewContext();
        var ids = db.Database.SqlQuery<int>($"SELECT rowid AS Value FROM StateStudentNames WHERE StateStudentNames MATCH {match}");
        return db.StateStudents.Where(s => ids.Contains(s.Id)).OrderBy(s => s.StateStudentId).Select(s => s.StateStudentId).ToList();
    }

    public void Dispose() => _database.Dispose();
}
