using Hangfire;
using PhotoRepository.Core.Sync;

namespace PhotoRepository.Web.Setup;

public sealed class HangfireStateSyncQueue(IBackgroundJobClient jobs) : IStateSyncQueue
{
    public void SyncStudentSoon(string stateStudentId) =>
        jobs.Enqueue<SyncJobs>(job => job.SyncStudentAsync(stateStudentId));
}
