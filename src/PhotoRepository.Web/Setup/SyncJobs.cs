using Hangfire;
using PhotoRepository.Core.Entities;
using PhotoRepository.Core.Sync;

namespace PhotoRepository.Web.Setup;

/// <summary>How Hangfire runs the sync: retried with back-off when it fails, never two at once (each run records its own audit event).</summary>
public sealed class SyncJobs(StateSyncJob sync)
{
    [AutomaticRetry(Attempts = 3, DelaysInSeconds = [60, 300, 900])]
    [DisableConcurrentExecution(timeoutInSeconds: 3600)]
    public Task RunAsync(SyncTrigger trigger, string startedBy) => sync.RunAsync(trigger, startedBy);

    /// <summary>Works through a run's partitions beside the run itself (on this or another server).</summary>
    [AutomaticRetry(Attempts = 0)]
    public Task HelpAsync(long runId) => sync.HelpAsync(runId);

    [AutomaticRetry(Attempts = 5, DelaysInSeconds = [5, 15, 30, 60, 120])]
    public Task SyncStudentAsync(string stateStudentId) => sync.SyncStudentAsync(stateStudentId);
}
