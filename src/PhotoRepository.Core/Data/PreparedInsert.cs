using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace PhotoRepository.Core.Data;

/// <summary>
/// One INSERT of every mapped column of an entity but its generated key, on the context's own connection and current
/// transaction, bound per row and run again: for the few hot paths where EF's per-row tracking and per-row command
/// preparation cost too much (decisions 0010 and 0011). Columns, names and parameter values come from the EF model's
/// own mappings, so each value is stored exactly as SaveChanges would store it, on either provider.
/// </summary>
public sealed class PreparedInsert : IDisposable
{
    private readonly DbCommand _command;
    private readonly (IProperty Property, RelationalTypeMapping Mapping, string Name)[] _columns;
    private readonly bool _returnsKey;

    /// <param name="returnKey">Append `RETURNING` the key (SQLite's syntax: for SQLite-only callers that need the id).</param>
    public PreparedInsert(PhotoRepositoryDbContext db, Type clrType, bool returnKey = false)
    {
        var type = db.Model.FindEntityType(clrType) ?? throw new InvalidOperationException($"{clrType.Name} is not in the model.");
        var sql = db.GetService<ISqlGenerationHelper>();
        var key = type.FindPrimaryKey()!.Properties.Single();
        _columns = [.. type.GetProperties().Where(p => p != key).Select((p, i) => (p, p.GetRelationalTypeMapping(), sql.GenerateParameterName($"p{i}")))];
        // A shadow property has no value on the object: it would be written as null, unlike SaveChanges.
        if (_columns.FirstOrDefault(c => c.Property.IsShadowProperty()).Property is { } shadow)
            throw new NotSupportedException($"{clrType.Name}.{shadow.Name} is a shadow property; {nameof(PreparedInsert)} cannot write it.");

        _returnsKey = returnKey;
        _command = db.Database.GetDbConnection().CreateCommand();
        _command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException($"{nameof(PreparedInsert)} writes inside a transaction only.");
        _command.CommandText = $"INSERT INTO {sql.DelimitIdentifier(type.GetTableName()!)} "
            + $"({string.Join(", ", _columns.Select(c => sql.DelimitIdentifier(c.Property.GetColumnName())))}) "
            + $"VALUES ({string.Join(", ", _columns.Select(c => c.Name))})"
            + (returnKey ? $" RETURNING {sql.DelimitIdentifier(key.GetColumnName())}" : "");
        foreach (var (property, mapping, name) in _columns)
            _command.Parameters.Add(mapping.CreateParameter(_command, name, null, property.IsNullable));
        // SQLite keeps the prepared statement for every run; SQL Server's Prepare wants sizes the model may not give.
        if (db.Database.RunsOnSqlite()) _command.Prepare();
    }

    /// <summary>Inserts the entity's row; returns its key when asked for at construction, else the rows written.</summary>
    public async Task<long> RunAsync(object entity, CancellationToken ct)
    {
        // A parameter made by the column's mapping, as SaveChanges makes it (value converters, store types).
        for (var i = 0; i < _columns.Length; i++)
        {
            var (property, mapping, name) = _columns[i];
            _command.Parameters[i] = mapping.CreateParameter(_command, name, property.GetGetter().GetClrValueUsingContainingEntity(entity), property.IsNullable);
        }
        return _returnsKey
            ? Convert.ToInt64(await _command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture)
            : await _command.ExecuteNonQueryAsync(ct);
    }

    public void Dispose() => _command.Dispose();
}
