using Microsoft.EntityFrameworkCore;
using PhotoRepository.Core.Sync;
using Microsoft.Data.Sqlite;
using PhotoRepository.Core.Entities;

namespace PhotoRepository.Core.Tests.Sync;

/// <summary>
/// On SQLite a run writes new state records with its own prepared INSERTs instead of EF's SaveChanges (NewStateRows).
/// The oracle is SaveChanges itself: the same district records synced through EF (a database that keeps SQL Server's
/// name grams, where the sync leaves new rows to EF) must store byte for byte the same state rows.
/// </summary>
public sealed class NewStateRowsTests : IDisposable
{
    private readonly SyncDatabase _direct = new();
    private readonly SyncDatabase _throughEf = new() { KeepNameGrams = true };

    public void Dispose()
    {
        _direct.Dispose();
        _throughEf.Dispose();
    }

    private static void Fill(SyncDatabase data)
    {
        data.Student("2001", data.Helena, OptInChoice.OptIn, photoDaysOld: 30);
        data.Student("2002", data.Helena, OptInChoice.OptOut, photoDaysOld: 30);
        data.Student("2003", data.Missoula, OptInChoice.Unknown);
        data.Student("2004", data.Missoula, OptInChoice.OptIn, photoDaysOld: 800); // too old to copy
        data.Student("2005", data.Helena, OptInChoice.OptIn, photoDaysOld: 10, recordedDaysAgo: 40);
        data.Student("2005", data.Missoula, OptInChoice.OptOut, recordedDaysAgo: 5); // the later explicit choice speaks
        using var db = data.NewContext();
        var accented = db.Students.Single(s => s.StateStudentId == "2001");
        (accented.LastName, accented.FirstName, accented.MiddleName) = ("Ólafsdóttir-Peña", "Seán", "Mary Kate");
        db.SaveChanges();
    }

    [Fact]
    public async Task A_first_run_stores_the_same_state_rows_as_EF_SaveChanges_would()
    {
        foreach (var data in new[] { _direct, _throughEf })
        {
            Fill(data);
            await using var db = data.NewContext();
            Assert.NotNull(await data.Job(db).RunAsync(SyncTrigger.Manual, "test"));
        }

        var direct = Dump(_direct);
        Assert.Contains("'Ólafsdóttir-Peña'", direct); // the dump really holds the rows
        Assert.Contains("StatePhotos", direct);
        Assert.Equal(Dump(_throughEf), direct);
        // SQLite's name index (triggers) holds the directly written records too.
        Assert.Equal(["2001"], Matching(_direct, "\"lafsd\" AND \"sea\""));
    }

    [Fact]
    public async Task A_run_that_fails_in_its_second_batch_keeps_the_first_and_the_next_run_completes_it_as_EF_would()
    {
        foreach (var data in new[] { _direct, _throughEf })
        {
            Fill(data);
            await using (var db = data.NewContext())
            {
                var job = data.Job(db);
                job.BatchSize = 2;
                job.CrashAfter = 3; // the second batch fails on its second student, after deciding its first
                await Assert.ThrowsAsync<InvalidOperationException>(() => job.RunAsync(SyncTrigger.Manual, "test"));
            }
            Assert.Equal(["2001", "2002"], data.Read(db => db.StateStudents.OrderBy(s => s.StateStudentId).Select(s => s.StateStudentId).ToList()));
            await using (var db = data.NewContext())
                Assert.NotNull(await data.Job(db).RunAsync(SyncTrigger.Manual, "test"));
        }
        Assert.Equal(5, _direct.Read(db => db.StateStudents.Count()));
        Assert.Equal(Dump(_throughEf), Dump(_direct));
    }

    /// <summary>
    /// Every column of the state tables as SQLite stores it (type and literal), rows keyed by state student ID: the
    /// generated ids and the random access key's value aside (its type, length and case are kept).
    /// </summary>
    [Fact]
    public void A_batch_writes_with_a_larger_page_cache_and_gives_the_connection_back_as_it_was()
    {
        // The connection goes back to the pool after the batch: it must not keep 64 MB of pages for ever.
        using var db = _direct.NewContext();
        using var batch = db.Database.BeginTransaction();
        long CacheSize() => db.Database.SqlQueryRaw<long>("SELECT cache_size AS Value FROM pragma_cache_size").AsEnumerable().Single();
        var before = CacheSize();

        using (NewStateRows.For(db)!)
            Assert.Equal(-65536, CacheSize());

        Assert.Equal(before, CacheSize());
        Assert.NotEqual(-65536, before);
    }

    private static string Dump(SyncDatabase data)
    {
        using var c = new SqliteConnection(data.ConnectionString);
        c.Open();
        var lines = new List<string>();
        foreach (var table in new[] { "StateStudents", "StateOptInChanges", "StatePhotos" })
        {
            var columns = Columns(c, table).Where(n => n is not ("Id" or "StateStudentId")).Select(n => n == "AccessKey"
                ? "typeof(t.AccessKey) || length(t.AccessKey) || (t.AccessKey = upper(t.AccessKey))"
                : $"typeof(t.{n}) || ':' || quote(t.{n})");
            var key = table == "StateStudents" ? "t.StateStudentId" : "s.StateStudentId";
            var join = table == "StateStudents" ? "" : "JOIN StateStudents s ON s.Id = t.StateStudentId";
            using var read = c.CreateCommand();
            read.CommandText = $"SELECT {key} || ' ' || {string.Join(" || ' ' || ", columns)} FROM {table} t {join} ORDER BY 1";
            using var r = read.ExecuteReader();
            while (r.Read()) lines.Add($"{table} {r.GetString(0)}");
        }
        return string.Join("\n", lines);
    }

    private static List<string> Columns(SqliteConnection c, string table)
    {
        using var info = c.CreateCommand();
        info.CommandText = $"SELECT name FROM pragma_table_info('{table}')";
        using var r = info.ExecuteReader();
        var names = new List<string>();
        while (r.Read()) names.Add(r.GetString(0));
        return names;
    }

    private static List<string> Matching(SyncDatabase data, string match)
    {
        using var c = new SqliteConnection(data.ConnectionString);
        c.Open();
        using var read = c.CreateCommand();
        read.CommandText = "SELECT s.StateStudentId FROM StateStudentNames n JOIN StateStudents s ON s.Id = n.rowid WHERE StateStudentNames MATCH $m ORDER BY 1";
        read.Parameters.AddWithValue("$m", match);
        using var r = read.ExecuteReader();
        var ids = new List<string>();
        while (r.Read()) ids.Add(r.GetString(0));
        return ids;
    }
}
