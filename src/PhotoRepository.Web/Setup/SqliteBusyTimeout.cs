using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace PhotoRepository.Web.Setup;

/// <summary>
/// SQLite allows one writer at a time, and every DOJ search and photo writes a disclosure record. Without a
/// busy timeout a request that finds the database locked is retried by Microsoft.Data.Sqlite after long
/// sleeps, which showed as a tail of several hundred milliseconds under 20 concurrent DOJ users; SQLite's own
/// busy handler waits in steps of a few milliseconds instead. 30 s, the same as the command timeout.
/// Also `synchronous = FULL`, said rather than assumed: a commit (a disclosure record above all) is on disk
/// before the response that depends on it leaves, power cut included.
/// </summary>
public sealed class SqliteBusyTimeout : DbConnectionInterceptor
{
    private const string Pragma = "PRAGMA busy_timeout = 30000; PRAGMA synchronous = FULL;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragma;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragma;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
