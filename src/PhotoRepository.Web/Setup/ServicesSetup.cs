using PhotoRepository.Core.Photos;
using PhotoRepository.Core.Photos.Import;
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
        services.AddSingleton(config.GetSection("Photos").Get<PhotoLimits>() ?? new PhotoLimits());
        services.AddSingleton<PhotoPipeline>();
        services.AddSingleton<PhotoImportPlanner>();
        services.AddScoped<StudentPhotos>();
        services.AddScoped<PhotoImportJob>();
        services.AddSingleton<PhotoRepository.Web.Disclosure.CaseContextStore>();
        services.AddScoped<PhotoRepository.Web.Disclosure.SearchRateLimit>();
        services.AddScoped<ISyncHelpers, HangfireSyncHelpers>();
        return services;
    }
}
