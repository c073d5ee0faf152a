using Microsoft.EntityFrameworkCore;
using PhotoRepository.Web.Tests.Infrastructure;

namespace PhotoRepository.Web.Tests.Operations;

/// <summary>
/// Every connection the app uses waits for the writer instead of failing (busy_timeout) and commits to disk
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
                    var timeout = await db.Database.SqlQueryRaw<long>("SELECT timeout AS Value FROM pragma_busy_timeout").SingleAsync();
                    return (sync, timeout);
                }
                finally { await db.Database.CloseConnectionAsync(); }
            });
            Assert.Equal(2, synchronous); // FULL
            Assert.Equal(30000, busy);
        }
    }
}
