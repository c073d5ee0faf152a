using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace PhotoRepository.Benchmarks;

/// <summary>
/// The sync's real floor (issue 14): writing the rows its first full run writes, and nothing else. One prepared
/// INSERT per table, every row bound and executed in one transaction, into the app's own tables (their indexes and
/// the name index's triggers included): one state record per state student ID, one history row each, one state
/// photo per opted-in student with a photo under two years old (a reference to its content, as the sync stores it). The rows come
/// from the district records, read first and not timed. Afterwards they are deleted, so the sync starts empty.
/// </summary>
public static class SyncFloor
{
    private sealed record Row(string StateId, int DistrictId, string Last, string First, string Middle, string Born, string Search, long? OptIn, string? Sha, string? PhotoDate);

    public static async Task<double> MeasureAsync(string connection)
    {
        await using var c = new SqliteConnection(connection);
        await c.OpenAsync();
        var rows = new List<Row>();
        await using (var read = c.CreateCommand())
        {
            read.CommandText = "SELECT s.StateStudentId, s.DistrictId, s.LastName, s.FirstName, s.MiddleName, s.BirthDate, s.SearchName, s.LastExplicitOptIn, p.Sha256, p.PhotoDate " +
                               "FROM Students s LEFT JOIN DistrictPhotos p ON p.StudentId = s.Id ORDER BY s.Id";
            await using var r = await read.ExecuteReaderAsync();
            while (await r.ReadAsync())
                rows.Add(new Row(r.GetString(0), r.GetInt32(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetString(5), r.GetString(6),
                    r.IsDBNull(7) ? null : r.GetInt64(7), r.IsDBNull(8) ? null : r.GetString(8), r.IsDBNull(9) ? null : r.GetString(9)));
        }

        var now = DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF");
        // Only photos under two years old are copied (the rule's own cut-off, as the sync applies it).
        var lastTooOld = PhotoRepository.Core.Rules.PhotoAge.LastTooOldPhotoDate(PhotoRepository.Core.Rules.StateCalendar.Today(TimeProvider.System)).ToString("yyyy-MM-dd");
        var watch = Stopwatch.StartNew();
        await using (var tx = c.BeginTransaction())
        {
            await using var student = Prepare(c, "INSERT INTO StateStudents (StateStudentId, OptIn, LastExplicitChoice, LastExplicitDistrictId, LastExplicitAt, DistrictId, SchoolName, LastName, FirstName, MiddleName, BirthDate, SearchName, UpdatedAt) " +
                                                 "VALUES ($sid, $opt, $opt, $d, $now, $d, '', $last, $first, $middle, $born, $search, $now) RETURNING Id",
                "$sid", "$opt", "$d", "$now", "$last", "$first", "$middle", "$born", "$search");
            await using var history = Prepare(c, "INSERT INTO StateOptInChanges (StateStudentId, OldValue, NewValue, DistrictId, ChangedAt) VALUES ($id, NULL, $opt, $d, $now)",
                "$id", "$opt", "$d", "$now");
            await using var photo = Prepare(c, "INSERT INTO StatePhotos (StateStudentId, Sha256, PhotoDate, SourceDistrictId, CopiedAt, AccessKey) VALUES ($id, $sha, $date, $d, $now, $key)",
                "$id", "$sha", "$date", "$d", "$now", "$key");
            foreach (var row in rows)
            {
                Bind(student, row.StateId, (object?)row.OptIn ?? DBNull.Value, row.DistrictId, now, row.Last, row.First, row.Middle, row.Born, row.Search);
                var id = (long)(await student.ExecuteScalarAsync())!;
                Bind(history, id, (object?)row.OptIn ?? DBNull.Value, row.DistrictId, now);
                await history.ExecuteNonQueryAsync();
                if (row.OptIn == 1 && row.Sha is not null && string.CompareOrdinal(row.PhotoDate, lastTooOld) > 0)
                {
                    Bind(photo, id, row.Sha, row.PhotoDate!, row.DistrictId, now, Guid.NewGuid().ToString().ToUpperInvariant());
                    await photo.ExecuteNonQueryAsync();
                }
            }
            await tx.CommitAsync();
        }
        var seconds = watch.Elapsed.TotalSeconds;

        await StateGenerator.Exec(c, "DELETE FROM StatePhotos; DELETE FROM StateOptInChanges; DELETE FROM StateStudents;");
        return seconds;
    }

    private static SqliteCommand Prepare(SqliteConnection c, string sql, params string[] names)
    {
        var command = c.CreateCommand();
        command.CommandText = sql;
        foreach (var name in names) command.Parameters.Add(new SqliteParameter { ParameterName = name });
        command.Prepare();
        return command;
    }

    private static void Bind(SqliteCommand command, params object[] values)
    {
        for (var i = 0; i < values.Length; i++) command.Parameters[i].Value = values[i];
    }
}
