using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using PhotoRepository.Core.Data;

namespace PhotoRepository.Migrations.SqlServer;

/// <summary>Lets `dotnet ef` build the SqlServer model without a running app (or a server).</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<PhotoRepositoryDbContext>
{
    public PhotoRepositoryDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PhotoRepositoryDbContext>().UseSqlServer("Server=localhost;Database=PhotoRepository;Trusted_Connection=True;TrustServerCertificate=True", o => o.MigrationsAssembly(typeof(DesignTimeFactory).Assembly.GetName().Name)).Options);
}
