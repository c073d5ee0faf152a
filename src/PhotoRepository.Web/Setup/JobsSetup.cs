using Hangfire;
using Hangfire.Dashboard;
using Hangfire.SqlServer;
using PhotoRepository.Core.Security;

namespace PhotoRepository.Web.Setup;

public static class JobsSetup
{
    public static IServiceCollection AddJobs(this IServiceCollection services, IConfiguration config)
    {
        services.AddHangfire(hangfire =>
        {
            hangfire.SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
                .UseSimpleAssemblyNameTypeSerializer()
                .UseRecommendedSerializerSettings();
            if (DatabaseSetup.Provider(config) == DatabaseProvider.SqlServer)
                hangfire.UseSqlServerStorage(config.GetConnectionString(DatabaseSetup.ConnectionName), new SqlServerStorageOptions
                {
                    PrepareSchemaIfNecessary = true,
                    QueuePollInterval = TimeSpan.FromSeconds(5),
                });
            else
                hangfire.UseInMemoryStorage();
        });
        if (config.GetValue("Jobs:RunServer", true))
            services.AddHangfireServer(options => options.WorkerCount = config.GetValue("Jobs:WorkerCount", Math.Max(2, Environment.ProcessorCount)));
        return services;
    }

    public static void UseJobs(this WebApplication app)
    {
        app.UseHangfireDashboard("/jobs", new DashboardOptions
        {
            Authorization = [new AdministratorsOnly()],
            AppPath = "/",
            DashboardTitle = "PhotoRepository jobs",
        });
        RecurringJobs.Register(app.Services, app.Configuration);
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

    public static void Register(IServiceProvider services, IConfiguration config)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(config["Sync:TimeZone"] ?? "America/Denver");
        services.GetRequiredService<IRecurringJobManager>().AddOrUpdate<SyncJobs>(NightlySync,
            job => job.RunAsync(Core.Entities.SyncTrigger.Nightly, "nightly schedule"),
            config["Sync:NightlyCron"] ?? "0 1 * * *",
            new RecurringJobOptions { TimeZone = zone });
    }
}
