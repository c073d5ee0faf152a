using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using PhotoRepository.Core.Data;

namespace PhotoRepository.Migrations.Sqlite;

/// <summary>Lets `dotnet ef` build the Sqlite model without a running app (or a server).</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<PhotoRepositoryDbContext>
{
    public PhotoRepositoryDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PhotoRepositoryDbContext>().UseSqlite("Data Source=design-time.db", o => o.MigrationsAssembly(typeof(DesignTimeFactory).Assembly.GetName().Name)).Options);
}
