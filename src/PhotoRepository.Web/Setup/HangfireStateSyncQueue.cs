using Hangfire;
using PhotoRepository.Core.Sync;

namespace PhotoRepository.Web.Setup;

public sealed class HangfireStateSyncQueue(IBackgroundJobClient jobs) : IStateSyncQueue
{
    public void SyncStudentSoon(string stateStudentId) =>
        jobs.Enqueue<OptOutWithdrawals>(job => job.ProcessAsync(stateStudentId));
}

/// <summary>How Hangfire runs an opt-out's withdrawal from the state: retried quickly; recovery catches what retries miss.</summary>
public sealed class OptOutWithdrawals(StateSyncOutbox outbox)
{
    [AutomaticRetry(Attempts = 5, DelaysInSeconds = [5, 15, 30, 60, 120])]
    public Task ProcessAsync(string stateStudentId) => outbox.ProcessAsync(stateStudentId);
}
