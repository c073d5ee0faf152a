using Hangfire;
using Hangfire.Storage;
using Microsoft.Extensions.DependencyInjection;
using PhotoRepository.Web.Setup;
using PhotoRepository.Web.Tests.Infrastructure;

namespace PhotoRepository.Web.Tests.Photos;

public class PhotoImportCleanupJobTests(AppFactory factory) : IClassFixture<AppFactory>
{
    [Fact]
    public void The_clean_up_of_stale_previews_is_scheduled_hourly_beside_the_nightly_sync()
    {
        _ = factory.Services; // starts the app, which registers the recurring jobs
        using var connection = factory.Services.GetRequiredService<JobStorage>().GetConnection();
        var jobs = connection.GetRecurringJobs();
        var cleanup = Assert.Single(jobs, j => j.Id == RecurringJobs.PhotoImportCleanup);
        Assert.Equal("15 * * * *", cleanup.Cron);
        Assert.Equal("PhotoImportCleanup", cleanup.Job.Type.Name);
        Assert.Contains(jobs, j => j.Id == RecurringJobs.NightlySync);
    }
}
