using Hangfire;
using Hangfire.Dashboard;
using Hangfire.SqlServer;
using Microsoft.Extensions.Options;
using PhotoRepository.Core.Security;

namespace PhotoRepository.Web.Setup;

public static class JobsSetup
{
    public static IServiceCollection AddJobs(this IServiceCollection services, IConfiguration config)
    {
        var inMemory = new InMemoryStorageHolder();
        services.AddSingleton(inMemory);
        services.AddHangfire(hangfire =>
        {
            hangfire.SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
                .UseSimpleAssemblyNameTypeSerializer()
                .UseRecommendedSerializerSettings();
            if (DatabaseSetup.Provider(config) == DatabaseProvider.SqlServer)
                hangfire.UseSqlServerStorage(config.GetConnectionString(DatabaseSetup.ConnectionName), new SqlServerStorageOptions
                {
                    // The app's login may not create tables in production: `migrate` installs Hangfire's schema there.
                    PrepareSchemaIfNecessary = config.GetValue("Jobs:PrepareSchema", true),
                    QueuePollInterval = TimeSpan.FromSeconds(5),
                });
            else
                hangfire.UseStorage(inMemory.Storage);
        });
        // Hangfire's JobStorage.Current is process-wide; each app resolves its own storage from DI instead,
        // so two apps in one process (tests) never enqueue into each other's (possibly disposed) storage.
        if (DatabaseSetup.Provider(config) != DatabaseProvider.SqlServer)
            services.AddSingleton<JobStorage>(sp => sp.GetRequiredService<InMemoryStorageHolder>().Storage);
        services.AddScoped<JobRecovery>();
        var jobs = OptionsSetup.Read<JobsOptions>(config, JobsOptions.Section);
        if (jobs.RunServer)
        {
            services.AddHangfireServer(options => options.WorkerCount = jobs.WorkerCount ?? Math.Max(2, Environment.ProcessorCount));
            // Only where jobs run: tests without a server run the recovery themselves.
            services.AddHostedService<JobRecoveryService>();
        }
        return services;
    }

    /// <summary>SQL Server's job storage survives a restart; the embedded default's in-memory storage does not (decision 6).</summary>
    public static bool JobStorageIsDurable(IConfiguration config) => DatabaseSetup.Provider(config) == DatabaseProvider.SqlServer;

    /// <summary>This app's own in-memory job storage (the embedded default), created only when first used.</summary>
    public sealed class InMemoryStorageHolder
    {
        private readonly Lazy<JobStorage> _storage = new(() => new Hangfire.InMemory.InMemoryStorage());
        public JobStorage Storage => _storage.Value;
    }

    public static void UseJobs(this WebApplication app)
    {
        app.UseHangfireDashboard("/jobs", new DashboardOptions
        {
            Authorization = [new AdministratorsOnly()],
            AppPath = "/",
            DashboardTitle = "PhotoRepository jobs",
        });
        RecurringJobs.Register(app.Services);
    }

    private sealed class AdministratorsOnly : IDashboardAuthorizationFilter
    {
        public bool Authorize(DashboardContext context) =>
            context.GetHttpContext().User.IsInRole(Roles.Administrator) && context.GetHttpContext().User.SignedInWithTwoFactor();
    }
}

/// <summary>The recurring jobs; each capability adds its own schedule here.</summary>
public static class RecurringJobs
{
    public const string NightlySync = "nightly-state-sync";
    public const string PhotoImportCleanup = "photo-import-cleanup";
    public const string Backup = "database-backup";

    public static void Register(IServiceProvider services)
    {
        var sync = services.GetRequiredService<IOptions<SyncOptions>>().Value;
        var zone = TimeZoneInfo.FindSystemTimeZoneById(sync.TimeZone);
        services.GetRequiredService<IRecurringJobManager>().AddOrUpdate<SyncJobs>(NightlySync,
            job => job.RunAsync(Core.Entities.SyncTrigger.Nightly, "nightly schedule"),
            sync.NightlyCron,
            new RecurringJobOptions { TimeZone = zone });
        // Hourly, so a forgotten preview lives at most Photos:PreviewRetentionHours plus an hour.
        services.GetRequiredService<IRecurringJobManager>().AddOrUpdate<Core.Photos.Import.PhotoImportCleanup>(PhotoImportCleanup,
            job => job.RunAsync(CancellationToken.None),
            services.GetRequiredService<Core.Photos.PhotoLimits>().CleanupCron,
            new RecurringJobOptions { TimeZone = zone });
        // The embedded database's daily backup (SQL Server is backed up by the database server itself).
        var config = services.GetRequiredService<IConfiguration>();
        if (DatabaseSetup.Provider(config) == DatabaseProvider.Sqlite)
            services.GetRequiredService<IRecurringJobManager>().AddOrUpdate<DatabaseBackup>(Backup,
                job => job.DailyAsync(),
                config["Backup:Cron"] ?? "30 3 * * *",
                new RecurringJobOptions { TimeZone = zone });
    }
}
