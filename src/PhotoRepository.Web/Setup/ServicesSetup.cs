using PhotoRepository.Core.Sync;

namespace PhotoRepository.Web.Setup;

/// <summary>The product's own services (photo processing, sync, imports): one line per capability.</summary>
public static class ServicesSetup
{
    public static IServiceCollection AddPhotoRepositoryServices(this IServiceCollection services, IConfiguration config)
    {
        services.AddScoped<StateSyncJob>();
        services.AddScoped<SyncJobs>();
        services.AddScoped<IStateSyncQueue, HangfireStateSyncQueue>();
        services.AddScoped<ISyncHelpers, HangfireSyncHelpers>();
        return services;
    }
}
