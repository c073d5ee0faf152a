using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using PhotoRepository.Core.Rules;

namespace PhotoRepository.Benchmarks;

/// <summary>
/// A statewide district side (400 districts, their students and photos) written straight into a migrated
/// SQLite file with raw ADO.NET in transactions: the setup of the sync and DOJ benchmarks, never what
/// they measure. Deterministic (fixed seed). Names come from syllable lists with accents, so partial and
/// accent-insensitive name searches have realistic selectivity; birth dates spread over ages 5 to 18.
/// </summary>
public static class StateGenerator
{
    public const int Districts = 400;

    private static readonly string[] LastStarts =
        ["And", "Bj", "Car", "Dal", "Ed", "Fer", "Gar", "Hal", "Ib", "Jor", "Kel", "Lar", "Mar", "Nel", "Ol", "Pe", "Quin", "Ros",
         "Sch", "Thor", "Ul", "Val", "Wil", "Yan", "Zel", "Ó", "Mü", "Pé", "Jø", "Ž", "Run", "Two ", "Black ", "Old "];
    private static readonly string[] LastEnds = ["son", "sen", "berg", "ez", "ski", "mann", "ley", "ton", "ford", "stad", "ová", "ard", "crane", "bulls"];
    private static readonly string[] FirstNames =
        ["Seán", "Zoë", "José", "Olivia", "Liam", "Emma", "Noah", "Ava", "Mateo", "Amelia", "Élodie", "Björn", "Chloé", "Hunter",
         "Aiyana", "Takoda", "Minh", "Søren", "Renée", "Dakota", "Mary-Kate", "D'Andre", "Łucja", "Ana", "Wyatt", "Sophia",
         "Ethan", "Grace", "Owen", "Harper", "Caleb", "Ella", "Logan", "Avery", "Jack", "Lily", "Eli", "Nora", "Luke", "Ruby"];

    public static async Task Exec(SqliteConnection c, string sql)
    {
        await using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        cmd.CommandTimeout = 0;
        await cmd.ExecuteNonQueryAsync();
    }

    /// <summary>60% Opt In, 15% Opt Out, 25% Unknown; photo dates spread over three years, so about a third are too old.</summary>
    public static async Task GenerateAsync(string connection, int students, int photos, int photoBytes)
    {
        var random = new Random(20261123);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var now = DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm:ss");
        // The districts' records were last changed before the last sync, as on any night.
        var yesterday = DateTime.UtcNow.AddDays(-1).ToString("yyyy-MM-dd HH:mm:ss");
        await using var c = new SqliteConnection(connection);
        await c.OpenAsync();
        await Exec(c, "PRAGMA journal_mode=WAL");
        await using (var tx = c.BeginTransaction())
        {
            for (var d = 1; d <= Districts; d++)
            {
                await using var cmd = c.CreateCommand();
                cmd.CommandText = "INSERT INTO Districts (Id, Code, Name, ContactName, ContactEmail, ContactPhone) VALUES ($id, $code, $name, '', '', '');" +
                                  "INSERT INTO Schools (Id, DistrictId, Code, Name) VALUES ($id, $id, '01', $school)";
                cmd.Parameters.AddWithValue("$id", d);
                cmd.Parameters.AddWithValue("$code", d.ToString("0000"));
                cmd.Parameters.AddWithValue("$name", $"District {d}");
                cmd.Parameters.AddWithValue("$school", $"School {d}");
                await cmd.ExecuteNonQueryAsync();
            }
            tx.Commit();
        }

        var bytes = new byte[photoBytes];
        const int chunk = 5000;
        for (var start = 0; start < students; start += chunk)
        {
            await using var tx = c.BeginTransaction();
            await using var student = c.CreateCommand();
            student.CommandText = "INSERT INTO Students (Id, DistrictId, SchoolId, StateStudentId, LocalStudentNumber, LastName, FirstName, MiddleName, BirthDate, Gender, Grade, SearchName, OptIn, OptInRecordedAt, LastExplicitOptIn, LastExplicitOptInAt, Version, ChangedAt) " +
                                  "VALUES ($id, $d, $d, $sid, $sid, $last, $first, $middle, $born, '', '05', $search, $opt, $at, NULLIF($opt, 0), CASE WHEN $opt = 0 THEN NULL ELSE $at END, $v, $at)";
            var pId = student.Parameters.Add("$id", SqliteType.Integer);
            var pD = student.Parameters.Add("$d", SqliteType.Integer);
            var pSid = student.Parameters.Add("$sid", SqliteType.Text);
            var pLast = student.Parameters.Add("$last", SqliteType.Text);
            var pFirst = student.Parameters.Add("$first", SqliteType.Text);
            var pMiddle = student.Parameters.Add("$middle", SqliteType.Text);
            var pBorn = student.Parameters.Add("$born", SqliteType.Text);
            var pSearch = student.Parameters.Add("$search", SqliteType.Text);
            var pOpt = student.Parameters.Add("$opt", SqliteType.Integer);
            var pAt = student.Parameters.Add("$at", SqliteType.Text);
            var pV = student.Parameters.Add("$v", SqliteType.Text);
            await using var content = c.CreateCommand();
            content.CommandText = "INSERT INTO PhotoContents (Sha256, Jpeg, Thumbnail, Width, Height, CreatedAt) VALUES ($sha, $jpeg, x'00', 300, 400, $now);" +
                                  "INSERT INTO DistrictPhotos (Id, StudentId, DistrictId, Sha256, PhotoDate, PhotoDateSource, OriginalFileName, OriginalFormat, UploadedAt, UploadedBy) VALUES ($id, $id, $d, $sha, $date, 1, '', 'JPEG', $now, 'bench')";
            var cSha = content.Parameters.Add("$sha", SqliteType.Text);
            var cJpeg = content.Parameters.Add("$jpeg", SqliteType.Blob);
            var cId = content.Parameters.Add("$id", SqliteType.Integer);
            var cD = content.Parameters.Add("$d", SqliteType.Integer);
            var cDate = content.Parameters.Add("$date", SqliteType.Text);
            content.Parameters.AddWithValue("$now", now);

            for (var i = start; i < Math.Min(start + chunk, students); i++)
            {
                var id = i + 1;
                var district = 1 + i % Districts;
                var last = LastStarts[random.Next(LastStarts.Length)] + LastEnds[random.Next(LastEnds.Length)];
                var first = FirstNames[random.Next(FirstNames.Length)];
                var middle = random.Next(3) == 0 ? FirstNames[random.Next(FirstNames.Length)] : "";
                pId.Value = id;
                pD.Value = district;
                pSid.Value = (1_000_000_000 + i).ToString();
                pLast.Value = last;
                pFirst.Value = first;
                pMiddle.Value = middle;
                pBorn.Value = today.AddYears(-5 - random.Next(14)).AddDays(-random.Next(365)).ToString("yyyy-MM-dd");
                // The same folded key the app keeps (RecordKeepingInterceptor), which raw SQL bypasses.
                pSearch.Value = SearchText.NameKey(last, first, middle);
                // 60% Opt In, 15% Opt Out, 25% Unknown; the last explicit choice (what the sync decides from, as the
                // app's interceptor keeps it) is the same choice, recorded yesterday.
                var roll = random.Next(100);
                pOpt.Value = roll < 60 ? 1 : roll < 75 ? 2 : 0;
                pAt.Value = yesterday;
                pV.Value = Guid.NewGuid().ToString().ToUpperInvariant();
                await student.ExecuteNonQueryAsync();

                if ((long)i * photos / students != (long)(i + 1) * photos / students)
                {
                    random.NextBytes(bytes);
                    cSha.Value = Convert.ToHexStringLower(SHA256.HashData(bytes));
                    cJpeg.Value = bytes;
                    cId.Value = id;
                    cD.Value = district;
                    // Photo dates spread over three years: about a third already too old.
                    cDate.Value = today.AddDays(-random.Next(3 * 365)).ToString("yyyy-MM-dd");
                    await content.ExecuteNonQueryAsync();
                }
            }
            tx.Commit();
        }
    }
}
