using Microsoft.Extensions.Options;
using PhotoRepository.Core.Photos;
using PhotoRepository.Core.Photos.Import;
using PhotoRepository.Core.Sync;

namespace PhotoRepository.Web.Setup;

/// <summary>The product's own services (photo processing, sync, imports): one line per capability.</summary>
public static class ServicesSetup
{
    public static IServiceCollection AddPhotoRepositoryServices(this IServiceCollection services, IConfiguration config)
    {
        services.AddPhotoRepositoryOptions();
        services.AddScoped(sp => new StateSyncJob(sp.GetRequiredService<Core.Data.PhotoRepositoryDbContext>(), sp.GetRequiredService<TimeProvider>(), sp.GetService<ISyncHelpers>())
        {
            FullRunEvery = TimeSpan.FromDays(sp.GetRequiredService<IOptions<SyncOptions>>().Value.FullRunEveryDays),
        });
        services.AddScoped<SyncJobs>();
        services.AddMemoryCache();
        services.AddScoped<IStateSyncQueue, HangfireStateSyncQueue>();
        services.AddScoped<StateSyncOutbox>();
        services.AddScoped<OptOutWithdrawals>();
        services.AddScoped<DatabaseBackup>();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<PhotoLimits>>().Value);
        services.AddSingleton<PhotoPipeline>();
        services.AddSingleton<PhotoImportPlanner>();
        services.AddScoped<StudentPhotos>();
        services.AddScoped<PhotoImportJob>();
        services.AddScoped<PhotoImportCheckJob>();
        services.AddScoped<PhotoImportChecks>();
        services.AddScoped<PhotoImportCleanup>();
        services.AddSingleton<PhotoRepository.Web.Disclosure.CaseContextStore>();
        services.AddSingleton<PhotoRepository.Web.Disclosure.DisclosureWriter>();
        services.AddHostedService(sp => sp.GetRequiredService<PhotoRepository.Web.Disclosure.DisclosureWriter>());
        services.AddScoped<PhotoRepository.Web.Disclosure.SearchRateLimit>();
        services.AddScoped<ISyncHelpers, HangfireSyncHelpers>();
        return services;
    }

    /// <summary>
    /// The image libraries' process-wide limits and ImageMagick's security policy, set before
    /// anything (demo data, the first upload) touches them: the policy only takes if it comes first.
    /// </summary>
    public static void ConfigureImageLibraries(this WebApplication app) =>
        PhotoPipeline.ConfigureLibraries(app.Services.GetRequiredService<PhotoLimits>());
}
