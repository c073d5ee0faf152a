using Microsoft.EntityFrameworkCore;
using PhotoRepository.Core.Data;
using PhotoRepository.Core.Security;

namespace PhotoRepository.Web.Setup;

public enum DatabaseProvider
{
    Sqlite,
    SqlServer,
}

public static class DatabaseSetup
{
    public const string ConnectionName = "PhotoRepository";

    public static DatabaseProvider Provider(IConfiguration config) =>
        Enum.TryParse<DatabaseProvider>(config["Database:Provider"], ignoreCase: true, out var p) ? p : DatabaseProvider.Sqlite;

    public static IServiceCollection AddDatabase(this IServiceCollection services, IConfiguration config)
    {
        var provider = Provider(config);
        var connection = config.GetConnectionString(ConnectionName);
        if (provider == DatabaseProvider.Sqlite && string.IsNullOrWhiteSpace(connection))
            connection = "Data Source=data/photorepository.db";
        if (string.IsNullOrWhiteSpace(connection))
            throw new InvalidOperationException($"ConnectionStrings:{ConnectionName} is required for {provider}.");

        services.AddSingleton(TimeProvider.System);
        services.AddHttpContextAccessor();
        services.AddScoped<IRequestContext, HttpRequestContext>();
        services.AddSingleton<RecordKeepingInterceptor>();
        services.AddDbContext<PhotoRepositoryDbContext>((sp, options) =>
        {
            Configure(options, provider, connection);
            options.AddInterceptors(sp.GetRequiredService<RecordKeepingInterceptor>());
            // SQL Server's name index for DOJ search, kept from the SearchName the interceptor above has just set.
            if (provider == DatabaseProvider.SqlServer) options.AddInterceptors(new NameGramKeeper());
        });
        return services;
    }

    public static void Configure(DbContextOptionsBuilder options, DatabaseProvider provider, string connection)
    {
        if (provider == DatabaseProvider.SqlServer)
            // Transient faults (a failover, a dropped connection, throttling) are retried; explicit transactions
            // therefore run through Transactions.InTransactionAsync, as a retrying strategy requires.
            options.UseSqlServer(connection, sql => sql.MigrationsAssembly("PhotoRepository.Migrations.SqlServer")
                .EnableRetryOnFailure(maxRetryCount: 6, maxRetryDelay: TimeSpan.FromSeconds(15), errorNumbersToAdd: null));
        else
            options.UseSqlite(connection, sqlite => sqlite.MigrationsAssembly("PhotoRepository.Migrations.Sqlite"))
                .AddInterceptors(new SqliteBusyTimeout());
    }

    /// <summary>
    /// The embedded default migrates itself (and seeds demo data where configured); SQL Server is
    /// migrated by the explicit `migrate` command unless Database:MigrateOnStartup says otherwise.
    /// </summary>
    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        var config = app.Configuration;
        var migrate = config.GetValue<bool?>("Database:MigrateOnStartup") ?? Provider(config) == DatabaseProvider.Sqlite;
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PhotoRepositoryDbContext>();
        if (migrate)
        {
            if (Provider(config) == DatabaseProvider.Sqlite) EnsureSqliteFolder(db);
            await db.Database.MigrateAsync();
            await SearchKeys.RefoldBlankAsync(db);
            // SQLite plans queries better with statistics (without them it guessed that a district narrows DOJ search
            // more than a birth date does). Sampled, so it takes milliseconds even for a state's worth of students.
            if (Provider(config) == DatabaseProvider.Sqlite)
                await db.Database.ExecuteSqlRawAsync("PRAGMA analysis_limit = 1000; ANALYZE;");
        }
        await Seeding.AccountSeeder.EnsureRolesAsync(scope.ServiceProvider);
        if (scope.ServiceProvider.GetRequiredService<Microsoft.Extensions.Options.IOptions<SeedOptions>>().Value.DemoData)
        {
            await Seeding.DemoData.SeedAsync(scope.ServiceProvider);
            // The demo state repository starts filled, as after a first night.
            if (!await db.SyncRuns.AnyAsync())
                await scope.ServiceProvider.GetRequiredService<Core.Sync.StateSyncJob>().RunAsync(Core.Entities.SyncTrigger.Manual, "demo data");
        }
    }

    private static void EnsureSqliteFolder(PhotoRepositoryDbContext db)
    {
        var builder = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(db.Database.GetConnectionString());
        var folder = Path.GetDirectoryName(Path.GetFullPath(builder.DataSource));
        if (!string.IsNullOrEmpty(folder)) Directory.CreateDirectory(folder);
    }
}
