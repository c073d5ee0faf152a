using Hangfire;
using Microsoft.EntityFrameworkCore;
using PhotoRepository.Core.Data;
using PhotoRepository.Core.Entities;
using PhotoRepository.Core.Photos.Import;
using PhotoRepository.Core.Sync;

namespace PhotoRepository.Web.Setup;

/// <summary>
/// The database is the truth about unfinished work (decision 6): this finds it and hands it to Hangfire again.
/// After a restart of the embedded default (whose in-memory job storage died with the process, and which is
/// one process by definition) every unfinished piece of work is orphaned: imports being committed, checks,
/// a sync run, opt-out withdrawals, and the clean-up. Every minute, on any provider, it also picks up what
/// a live server dropped: withdrawals still waiting after their retries, and imports whose heartbeat stopped.
/// Every job it enqueues is idempotent and claims its work, so enqueuing twice is harmless.
/// </summary>
public sealed class JobRecovery(PhotoRepositoryDbContext db, IBackgroundJobClient jobs, TimeProvider time, ILogger<JobRecovery> log)
{
    /// <summary>A withdrawal still waiting this long was lost or is failing: try it again.</summary>
    public static readonly TimeSpan WithdrawalGrace = TimeSpan.FromMinutes(2);

    public const string RecoveredBy = "recovery after a restart";

    public async Task<int> AfterRestartAsync(CancellationToken ct = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        // Nothing else runs yet: every Running import belonged to the process that died.
        await db.PhotoImportBatches.IgnoreQueryFilters().Where(b => b.Status == PhotoImportStatus.Running)
            .ExecuteUpdateAsync(s => s.SetProperty(b => b.Status, PhotoImportStatus.Queued), ct);
        var imports = await db.PhotoImportBatches.IgnoreQueryFilters().AsNoTracking()
            .Where(b => b.Status == PhotoImportStatus.Queued).Select(b => b.Id).ToListAsync(ct);
        foreach (var id in imports) jobs.Enqueue<PhotoImportJob>(job => job.RunAsync(id, CancellationToken.None));

        var checks = await db.PhotoImportBatches.IgnoreQueryFilters().AsNoTracking()
            .Where(b => b.Status == PhotoImportStatus.Checking).Select(b => b.Id).ToListAsync(ct);
        foreach (var id in checks) jobs.Enqueue<PhotoImportChecks>(job => job.RunAsync(id, null!, CancellationToken.None));

        // A sync run that died keeps the lease for minutes: free it, and run again (the new run marks the old one failed).
        var run = await db.SyncRuns.AsNoTracking().Where(r => r.Outcome == SyncOutcome.Running && r.Trigger != SyncTrigger.OptOut)
            .OrderByDescending(r => r.Id).FirstOrDefaultAsync(ct);
        if (run is not null)
        {
            await db.SyncLeases.Where(l => l.Id == SyncLease.SingleId)
                .ExecuteUpdateAsync(s => s.SetProperty(l => l.RunId, (long?)null).SetProperty(l => l.ExpiresAt, (DateTime?)null), ct);
            var trigger = run.Trigger;
            jobs.Enqueue<SyncJobs>(job => job.RunAsync(trigger, RecoveredBy));
        }

        var withdrawals = await EnqueueWithdrawalsAsync(now.AddSeconds(1), ct);
        jobs.Enqueue<PhotoImportCleanup>(job => job.RunAsync(CancellationToken.None));
        var total = imports.Count + checks.Count + (run is null ? 0 : 1) + withdrawals;
        if (total > 0)
            log.LogWarning("Recovered after a restart: {Imports} import(s), {Checks} check(s), {Sync} sync run(s), {Withdrawals} opt-out withdrawal(s)",
                imports.Count, checks.Count, run is null ? 0 : 1, withdrawals);
        return total;
    }

    /// <summary>The periodic pass: withdrawals waiting too long, imports whose server stopped beating.</summary>
    public async Task<int> PeriodicAsync(CancellationToken ct = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var withdrawals = await EnqueueWithdrawalsAsync(now - WithdrawalGrace, ct);
        var stale = now - PhotoImportJob.StaleAfter;
        var imports = await db.PhotoImportBatches.IgnoreQueryFilters().AsNoTracking()
            .Where(b => b.Status == PhotoImportStatus.Running && (b.HeartbeatAt == null || b.HeartbeatAt < stale))
            .Select(b => b.Id).ToListAsync(ct);
        foreach (var id in imports) jobs.Enqueue<PhotoImportJob>(job => job.RunAsync(id, CancellationToken.None));
        return withdrawals + imports.Count;
    }

    private async Task<int> EnqueueWithdrawalsAsync(DateTime olderThan, CancellationToken ct)
    {
        var ids = await StateSyncOutbox.WaitingAsync(db, olderThan, ct);
        foreach (var id in ids) jobs.Enqueue<OptOutWithdrawals>(job => job.ProcessAsync(id));
        return ids.Count;
    }
}

/// <summary>Runs <see cref="JobRecovery"/> once at start-up (embedded job storage only) and then every minute.</summary>
public sealed class JobRecoveryService(IServiceScopeFactory scopes, IConfiguration config, TimeProvider time, ILogger<JobRecoveryService> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var every = TimeSpan.FromSeconds(Math.Max(5, config.GetValue("Jobs:RecoverySeconds", 60)));
        if (!JobsSetup.JobStorageIsDurable(config)) await PassAsync(r => r.AfterRestartAsync(stoppingToken));
        using var timer = new PeriodicTimer(every, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
            await PassAsync(r => r.PeriodicAsync(stoppingToken));
    }

    private async Task PassAsync(Func<JobRecovery, Task<int>> pass)
    {
        try
        {
            using var scope = scopes.CreateScope();
            await pass(scope.ServiceProvider.GetRequiredService<JobRecovery>());
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The next pass tries again; a recovery that throws must not stop the app.
            log.LogError(e, "Job recovery failed");
        }
    }
}
