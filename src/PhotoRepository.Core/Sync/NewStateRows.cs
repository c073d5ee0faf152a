using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
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
    private readonly Insert _students, _history, _photos;

    private NewStateRows(PhotoRepositoryDbContext db)
    {
        _students = new Insert(db, typeof(StateStudent));
        _history = new Insert(db, typeof(StateOptInChange));
        _photos = new Insert(db, typeof(StatePhoto));
    }

    /// <summary>
    /// The writer for SQLite, where a command costs no round trip; null elsewhere, and EF writes the rows: SQL Server's
    /// provider already sends many inserts per round trip, and its name index (n-grams) is written by
    /// <see cref="NameGramKeeper"/> during SaveChanges, which these rows would bypass.
    /// Call inside the batch's transaction.
    /// </summary>
    public static NewStateRows? For(PhotoRepositoryDbContext db) =>
        db.Database.ProviderName == "Microsoft.EntityFrameworkCore.Sqlite" && !KeepsNameGrams(db) ? new NewStateRows(db) : null;

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
        _students.Dispose();
        _history.Dispose();
        _photos.Dispose();
    }

    /// <summary>One prepared INSERT of every mapped column but the generated key, returning the key.</summary>
    private sealed class Insert : IDisposable
    {
        private readonly DbCommand _command;
        private readonly (IProperty Property, RelationalTypeMapping Mapping, string Name)[] _columns;

        public Insert(PhotoRepositoryDbContext db, Type clrType)
        {
            var type = db.Model.FindEntityType(clrType) ?? throw new InvalidOperationException($"{clrType.Name} is not in the model.");
            var sql = db.GetService<ISqlGenerationHelper>();
            var key = type.FindPrimaryKey()!.Properties.Single();
            _columns = [.. type.GetProperties().Where(p => p != key).Select((p, i) => (p, p.GetRelationalTypeMapping(), sql.GenerateParameterName($"p{i}")))];
            // A shadow property has no value on the object: it would be written as null, unlike SaveChanges.
            if (_columns.FirstOrDefault(c => c.Property.IsShadowProperty()).Property is { } shadow)
                throw new NotSupportedException($"{clrType.Name}.{shadow.Name} is a shadow property; {nameof(NewStateRows)} cannot write it.");

            _command = db.Database.GetDbConnection().CreateCommand();
            _command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction()
                ?? throw new InvalidOperationException($"{nameof(NewStateRows)} writes inside the batch's transaction only.");
            _command.CommandText = $"INSERT INTO {sql.DelimitIdentifier(type.GetTableName()!)} "
                + $"({string.Join(", ", _columns.Select(c => sql.DelimitIdentifier(c.Property.GetColumnName())))}) "
                + $"VALUES ({string.Join(", ", _columns.Select(c => c.Name))}) RETURNING {sql.DelimitIdentifier(key.GetColumnName())}";
            foreach (var (property, mapping, name) in _columns)
                _command.Parameters.Add(mapping.CreateParameter(_command, name, null, property.IsNullable));
            _command.Prepare();
        }

        public async Task<long> RunAsync(object entity, CancellationToken ct)
        {
            // A parameter made by the column's mapping, as SaveChanges makes it (value converters, store types).
            for (var i = 0; i < _columns.Length; i++)
            {
                var (property, mapping, name) = _columns[i];
                _command.Parameters[i] = mapping.CreateParameter(_command, name, property.GetGetter().GetClrValueUsingContainingEntity(entity), property.IsNullable);
            }
            return Convert.ToInt64(await _command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
        }

        public void Dispose() => _command.Dispose();
    }
}
