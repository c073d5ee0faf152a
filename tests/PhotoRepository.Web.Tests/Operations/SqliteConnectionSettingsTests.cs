using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using PhotoRepository.Core.Data;
using PhotoRepository.Web.Setup;
using PhotoRepository.Web.Tests.Infrastructure;

namespace PhotoRepository.Web.Tests.Operations;

/// <summary>
/// Every connection the app uses waits for the writer instead of failing (in short steps) and commits to disk
/// before returning (synchronous = FULL: a disclosure is durable before its response leaves), including a
/// connection the pool hands out again, where the settings are applied once and must still hold.
/// </summary>
public class SqliteConnectionSettingsTests(AppFactory factory) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task First_and_reused_connections_are_durable_and_wait_for_the_writer()
    {
        _ = factory.NewClient();
        for (var open = 0; open < 5; open++)
        {
            var (synchronous, busy) = await factory.WithDbAsync(async db =>
            {
                await db.Database.OpenConnectionAsync();
                try
                {
                    var sync = await db.Database.SqlQueryRaw<long>("SELECT synchronous AS Value FROM pragma_synchronous").SingleAsync();
                    return (sync, await WaitsForAWriterAsync(db));
                }
                finally { await db.Database.CloseConnectionAsync(); }
            });
            Assert.Equal(2, synchronous); // FULL
            // SQLite's own busy_timeout tries again up to 100 ms apart: about 5 tries in the 300 ms below. Ours, every 1-2 ms.
            Assert.True(busy >= 20, $"The connection tried {busy} times in 300 ms while another writer held the database.");
        }
    }

    /// <summary>Another connection holds the write lock for 300 ms; this one writes meanwhile: how many tries it made.</summary>
    private static async Task<long> WaitsForAWriterAsync(PhotoRepositoryDbContext db)
    {
        await using var other = new SqliteConnection(db.Database.GetConnectionString());
        await other.OpenAsync();
        await using (var begin = other.CreateCommand())
        {
            begin.CommandText = "BEGIN IMMEDIATE";
            await begin.ExecuteNonQueryAsync();
        }
        var before = SqliteBusyTimeout.TriesWaiting;
        var release = Task.Run(async () =>
        {
            await Task.Delay(300);
            await using var commit = other.CreateCommand();
            commit.CommandText = "COMMIT";
            await commit.ExecuteNonQueryAsync();
        });
        // A write that changes nothing still needs the write lock: it waits, then succeeds.
        await db.Database.ExecuteSqlRawAsync("UPDATE Districts SET Name = Name WHERE 0");
        await release;
        return SqliteBusyTimeout.TriesWaiting - before;
    }
}
