using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
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

    // Both settings belong to the native connection, which the pool keeps open and hands out again: set them
    // once per native connection, not on every open (a DOJ request opens several times).
    private static readonly ConditionalWeakTable<object, object> Configured = new();

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (IsConfigured(connection)) return;
        using var command = connection.CreateCommand();
        command.CommandText = Pragma;
        command.ExecuteNonQuery();
        MarkConfigured(connection);
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (IsConfigured(connection)) return;
        await using var command = connection.CreateCommand();
        command.CommandText = Pragma;
        await command.ExecuteNonQueryAsync(cancellationToken);
        MarkConfigured(connection);
    }

    private static bool IsConfigured(DbConnection connection) =>
        connection is SqliteConnection { Handle: { } handle } && Configured.TryGetValue(handle, out _);

    private static void MarkConfigured(DbConnection connection)
    {
        if (connection is SqliteConnection { Handle: { } handle }) Configured.AddOrUpdate(handle, handle);
    }
}
