using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using PhotoRepository.Core.Sync;
using PhotoRepository.Web.Tests.Infrastructure;

namespace PhotoRepository.Web.Tests.District;

/// <summary>The app with the state sync queue replaced by a recorder, to see which saves ask for an early sync.</summary>
public class SyncRecordingAppFactory : AppFactory
{
    public RecordingSyncQueue SyncQueue { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<IStateSyncQueue>(SyncQueue));
    }
}
