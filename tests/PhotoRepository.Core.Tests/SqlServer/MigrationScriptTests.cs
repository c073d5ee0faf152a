using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace PhotoRepository.Core.Tests.SqlServer;

/// <summary>
/// The script operators run (`dotnet ef migrations script --idempotent`, or the migrate service) must be
/// T-SQL SQL Server accepts: parsed here with Microsoft's own T-SQL parser, since no server runs in CI.
/// </summary>
public class MigrationScriptTests
{
    private static string IdempotentScript()
    {
        using var db = new PhotoRepository.Migrations.SqlServer.DesignTimeFactory().CreateDbContext([]);
        return db.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);
    }

    [Fact]
    public void The_idempotent_SqlServer_migration_script_parses_as_TSql_with_no_errors()
    {
        var script = IdempotentScript();

        var fragment = new TSql160Parser(initialQuotedIdentifiers: true).Parse(new StringReader(script), out var errors);

        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors.Select(e => $"line {e.Line}: {e.Message}")));
        var batches = ((TSqlScript)fragment).Batches;
        // Every migration is applied once: each one ends by recording itself in the history table.
        using var db = new PhotoRepository.Migrations.SqlServer.DesignTimeFactory().CreateDbContext([]);
        foreach (var migration in db.Database.GetMigrations())
            Assert.Contains($"N'{migration}'", script);
        Assert.True(batches.Count > db.Database.GetMigrations().Count());
    }

    [Fact]
    public void The_parser_does_report_broken_TSql()
    {
        // The oracle above is only worth something if the parser refuses what SQL Server would refuse.
        new TSql160Parser(true).Parse(new StringReader("CREATE TABLE [X] ([Id] int NOT NULL,, );\nGO\n"), out var errors);
        Assert.NotEmpty(errors);
    }
}
