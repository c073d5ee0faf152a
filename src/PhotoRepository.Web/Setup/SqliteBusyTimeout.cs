using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace PhotoRepository.Web.Setup;

/// <summary>
/// SQLite allows one writer at a time, and every DOJ search and photo writes a disclosure record. A connection
/// that finds the database locked waits for the writer instead of failing, for up to 30 s (the command timeout).
/// It waits in 1-2 ms steps (our own busy handler): SQLite's built-in busy_timeout sleeps up to 100 ms between
/// tries, so a disclosure waiting behind a photo import's chunk stayed out up to 100 ms after the chunk ended, and
/// the import had to pause that long between chunks to let it in (docs/performance.md).
/// Also `synchronous = FULL`, said rather than assumed: a commit (a disclosure record above all) is on disk
/// before the response that depends on it leaves, power cut included.
/// </summary>
public sealed class SqliteBusyTimeout : DbConnectionInterceptor
{
    private const string Pragma = "PRAGMA synchronous = FULL;";

    /// <summary>How long a connection waits for the writer before SQLite reports the database busy.</summary>
    public static readonly TimeSpan WaitForWriter = TimeSpan.FromSeconds(30);

    // SQLitePCLRaw does not expose sqlite3_busy_handler: called directly in the same native library (decision 0014).
    [System.Runtime.InteropServices.DllImport("e_sqlite3", CallingConvention = System.Runtime.InteropServices.CallingConvention.Cdecl)]
    private static extern int sqlite3_busy_handler(IntPtr db, IntPtr handler, IntPtr argument);

    [System.Runtime.InteropServices.UnmanagedFunctionPointer(System.Runtime.InteropServices.CallingConvention.Cdecl)]
    private delegate int BusyHandler(IntPtr argument, int tries);

    // One delegate for every connection, kept alive for the process's life: SQLite calls it with the number of
    // tries so far; 0 ends the wait and the statement fails as busy.
    private static readonly BusyHandler WaitBriefly = (_, tries) =>
    {
        Interlocked.Increment(ref _triesWaiting);
        if (tries >= MaxTries) return 0;
        Thread.Sleep(tries < 20 ? 1 : 2);
        return 1;
    };

    private static long _triesWaiting;

    /// <summary>Tries made while waiting for the writer in this process so far (diagnostics and tests).</summary>
    public static long TriesWaiting => Interlocked.Read(ref _triesWaiting);

    private static readonly IntPtr WaitBrieflyPointer = System.Runtime.InteropServices.Marshal.GetFunctionPointerForDelegate(WaitBriefly);

    // Each try sleeps at least 1 ms (2 after the first 20): this many tries wait at least WaitForWriter.
    private static readonly int MaxTries = 20 + (int)((WaitForWriter.TotalMilliseconds - 20) / 2);

    // Both settings belong to the native connection, which the pool keeps open and hands out again: set them
    // once per native connection, not on every open (a DOJ request opens several times).
    private static readonly ConditionalWeakTable<object, object> Configured = new();

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (IsConfigured(connection)) return;
        using var command = connection.CreateCommand();
        command.CommandText = Pragma;
        command.ExecuteNonQuery();
        WaitForWriterInSteps(connection);
        MarkConfigured(connection);
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (IsConfigured(connection)) return;
        await using var command = connection.CreateCommand();
        command.CommandText = Pragma;
        await command.ExecuteNonQueryAsync(cancellationToken);
        WaitForWriterInSteps(connection);
        MarkConfigured(connection);
    }

    private static void WaitForWriterInSteps(DbConnection connection)
    {
        if (connection is not SqliteConnection { Handle: { } handle }) return;
        var rc = sqlite3_busy_handler(handle.DangerousGetHandle(), WaitBrieflyPointer, IntPtr.Zero);
        if (rc != SQLitePCL.raw.SQLITE_OK) throw new InvalidOperationException($"SQLite refused the busy handler ({rc}).");
    }

    private static bool IsConfigured(DbConnection connection) =>
        connection is SqliteConnection { Handle: { } handle } && Configured.TryGetValue(handle, out _);

    private static void MarkConfigured(DbConnection connection)
    {
        if (connection is SqliteConnection { Handle: { } handle }) Configured.AddOrUpdate(handle, handle);
    }
}
