using Hangfire;
using Microsoft.EntityFrameworkCore;
using PhotoRepository.Core.Data;
using PhotoRepository.Core.Entities;
using PhotoRepository.Core.Sync;

namespace PhotoRepository.Web.Setup;

/// <summary>How Hangfire runs the sync: retried with back-off when it fails, never two at once, each run audited.</summary>
public sealed class SyncJobs(StateSyncJob sync, PhotoRepositoryDbContext db, TimeProvider time)
{
    [AutomaticRetry(Attempts = 3, DelaysInSeconds = [60, 300, 900])]
    [DisableConcurrentExecution(timeoutInSeconds: 3600)]
    public async Task RunAsync(SyncTrigger trigger, string startedBy)
    {
        try
        {
            await sync.RunAsync(trigger, startedBy);
        }
        finally
        {
            var run = await db.SyncRuns.AsNoTracking().OrderByDescending(r => r.Id).FirstOrDefaultAsync();
            db.ChangeTracker.Clear();
            db.AuditEvents.Add(new AuditEvent
            {
                Action = "SyncRun", Entity = nameof(SyncRun), EntityId = run?.Id.ToString() ?? "", UserName = startedBy, At = time.GetUtcNow().UtcDateTime,
                Details = run is null ? "" : $"{run.Trigger} ({run.Scope}) {run.Outcome}: copied {run.Totals.Copied}, replaced {run.Totals.Replaced}, removed {run.Totals.RemovedOptedOut} opted out and {run.Totals.RemovedExpired} expired {run.Error}".Trim(),
            });
            await db.SaveChangesAsync();
        }
    }

    /// <summary>Works through a run's partitions beside the run itself (on this or another server).</summary>
    [AutomaticRetry(Attempts = 0)]
    public Task HelpAsync(long runId) => sync.HelpAsync(runId);

    [AutomaticRetry(Attempts = 5, DelaysInSeconds = [5, 15, 30, 60, 120])]
    public Task SyncStudentAsync(string stateStudentId) => sync.SyncStudentAsync(stateStudentId);
}
