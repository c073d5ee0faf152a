using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using PhotoRepository.Core.Data;
using PhotoRepository.Core.Entities;
using PhotoRepository.Core.Rules;

namespace PhotoRepository.Core.Sync;

/// <summary>
/// Writes the state records a batch creates (a new state student, its history rows, its copied photo) with one
/// prepared INSERT per table, bound and run row by row on the context's own connection and transaction, instead of
/// tracking each row for SaveChanges (decision 0011): EF Core's SQLite provider prepares a command anew for every
/// row, which with the change tracking made a first full run 14 x its row floor. What SaveChanges adds to these rows
/// is done here too: the folded SearchName (as <see cref="RecordKeepingInterceptor"/> sets it); SQLite's name index
/// follows by its triggers; no audit event (state-side work is counted by its SyncRun). Columns and parameter values
/// come from the EF model's own mappings, so each value is stored exactly as EF would store it.
/// </summary>
public sealed class NewStateRows : IDisposable
{
    private readonly PreparedInsert _students, _history, _photos;
    private readonly PhotoRepositoryDbContext _db;
    private readonly string _restoreCache;

    private NewStateRows(PhotoRepositoryDbContext db)
    {
        _students = new PreparedInsert(db, typeof(StateStudent), returnKey: true);
        _history = new PreparedInsert(db, typeof(StateOptInChange), returnKey: true);
        _photos = new PreparedInsert(db, typeof(StatePhoto), returnKey: true);
        // A batch writes thousands of rows into B-trees spread by name (the DOJ name indexes, decision 0012): with the
        // connection's default 2 MB page cache, SQLite spills dirty pages to the WAL before the commit and reads them
        // back. 64 MB for the batch, then the connection's own size again (it goes back to the pool).
        _db = db;
        var cacheSize = db.Database.SqlQueryRaw<long>("SELECT cache_size AS Value FROM pragma_cache_size").AsEnumerable().Single();
        _restoreCache = $"PRAGMA cache_size = {cacheSize.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
        db.Database.ExecuteSqlRaw("PRAGMA cache_size = -65536");
    }

    /// <summary>
    /// The writer for SQLite, where a command costs no round trip; null elsewhere, and EF writes the rows: SQL Server's
    /// provider already sends many inserts per round trip, and its name index (n-grams) is written by
    /// <see cref="NameGramKeeper"/> during SaveChanges, which these rows would bypass.
    /// Call inside the batch's transaction.
    /// </summary>
    public static NewStateRows? For(PhotoRepositoryDbContext db) =>
        db.Database.RunsOnSqlite() && !KeepsNameGrams(db) ? new NewStateRows(db) : null;

    private static bool KeepsNameGrams(PhotoRepositoryDbContext db) =>
        db.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()?.Interceptors?.OfType<NameGramKeeper>().Any() ?? false;

    /// <summary>Inserts a state record that is not tracked, then its history rows and photo, and sets their ids.</summary>
    public async Task WriteAsync(StateStudent state, CancellationToken ct)
    {
        state.SearchName = SearchText.NameKey(state.LastName, state.FirstName, state.MiddleName);
        state.Id = (int)await _students.RunAsync(state, ct);
        foreach (var change in state.History)
        {
            change.StateStudentId = state.Id;
            change.Id = await _history.RunAsync(change, ct);
        }
        if (state.Photo is { } photo)
        {
            photo.StateStudentId = state.Id;
            photo.Id = (int)await _photos.RunAsync(photo, ct);
        }
    }

    public void Dispose()
    {
        _db.Database.ExecuteSqlRaw(_restoreCache);
        _students.Dispose();
        _history.Dispose();
        _photos.Dispose();
    }
}
