using Hangfire;
using PhotoRepository.Core.Sync;

namespace PhotoRepository.Web.Setup;

/// <summary>Enqueues helper jobs for a run's partitions: any Hangfire server sharing the storage picks them up.</summary>
public sealed class HangfireSyncHelpers(IBackgroundJobClient jobs) : ISyncHelpers
{
    public void Request(long runId, int helpers)
    {
        for (var i = 0; i < helpers; i++)
            jobs.Enqueue<SyncJobs>(job => job.HelpAsync(runId));
    }
}
