using Microsoft.EntityFrameworkCore;
using PhotoRepository.Core.Data;

namespace PhotoRepository.Core.Tests.Data;

/// <summary>Each provider's migrations set must match the model, or a deploy would miss a change.</summary>
public class MigrationsTests
{
    [Fact]
    public void The_Sqlite_migrations_have_no_pending_model_changes()
    {
        using var db = new PhotoRepository.Migrations.Sqlite.DesignTimeFactory().CreateDbContext([]);
        Assert.NotEmpty(db.Database.GetMigrations());
        Assert.False(db.Database.HasPendingModelChanges(), "Run ./scripts/add-migration.sh <Name>: the Sqlite migrations are behind the model.");
    }

    [Fact]
    public void The_SqlServer_migrations_have_no_pending_model_changes()
    {
        using var db = new PhotoRepository.Migrations.SqlServer.DesignTimeFactory().CreateDbContext([]);
        Assert.NotEmpty(db.Database.GetMigrations());
        Assert.False(db.Database.HasPendingModelChanges(), "Run ./scripts/add-migration.sh <Name>: the SqlServer migrations are behind the model.");
    }

    [Fact]
    public void Both_sets_have_the_same_migrations_by_name()
    {
        using var sqlite = new PhotoRepository.Migrations.Sqlite.DesignTimeFactory().CreateDbContext([]);
        using var sqlServer = new PhotoRepository.Migrations.SqlServer.DesignTimeFactory().CreateDbContext([]);
        static IEnumerable<string> Names(DbContext db) => db.Database.GetMigrations().Select(m => m[(m.IndexOf('_') + 1)..]);
        Assert.Equal(Names(sqlite), Names(sqlServer));
    }
}
