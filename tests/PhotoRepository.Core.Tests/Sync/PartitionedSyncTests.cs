using Hangfire;
using Hangfire.InMemory;
using Microsoft.EntityFrameworkCore;
using PhotoRepository.Core.Entities;
using PhotoRepository.Core.Sync;

namespace PhotoRepository.Core.Tests.Sync;

/// <summary>Two Hangfire servers sharing one job storage and one database work through one run together.</summary>
public sealed class PartitionedSyncTests : IDisposable
{
    private readonly SyncDatabase _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task Two_servers_sharing_storage_process_a_runs_partitions_and_end_like_one_clean_run()
    {
        using var clean = new SyncDatabase();
        StateSyncJobTests.Populate(clean);
        await using (var db = clean.NewContext())
            await clean.Job(db).RunAsync(SyncTrigger.Nightly, "clean");

        StateSyncJobTests.Populate(_data);
        var storage = new InMemoryStorage();
        var client = new BackgroundJobClient(storage);
        using (new BackgroundJobServer(new BackgroundJobServerOptions { ServerName = "server-a", WorkerCount = 1, Activator = new Activator(_data, client, "server-a") }, storage))
        using (new BackgroundJobServer(new BackgroundJobServerOptions { ServerName = "server-b", WorkerCount = 1, Activator = new Activator(_data, client, "server-b") }, storage))
        {
            client.Enqueue<Worker>(w => w.RunAsync());
            var deadline = DateTime.UtcNow.AddMinutes(1);
            while (_data.Read(db => db.SyncRuns.Any(r => r.Outcome != SyncOutcome.Running)) is false && DateTime.UtcNow < deadline)
                await Task.Delay(100);
        }

        var run = _data.Read(db => db.SyncRuns.AsNoTracking().Single());
        Assert.Equal(SyncOutcome.Succeeded, run.Outcome);
        var partitions = _data.Read(db => db.SyncPartitions.AsNoTracking().Where(p => p.SyncRunId == run.Id).ToList());
        Assert.Equal(6, partitions.Count); // 30 students, 5 per partition
        Assert.All(partitions, p => Assert.NotNull(p.DoneAt));
        // Both servers took a share (the first to claim waits for the other, see TwoServerJob), every partition
        // was claimed by one of them, and the end state is a clean run's.
        Assert.All(partitions, p => Assert.Contains(p.ClaimedBy, new[] { "server-a", "server-b" }));
        Assert.Equal(["server-a", "server-b"], partitions.Select(p => p.ClaimedBy!).Distinct().Order());
        Assert.Equal(clean.StateSnapshot(), _data.StateSnapshot());
        Assert.Equal(30, run.Totals.StateValueChanged);
    }

    /// <summary>What Hangfire runs: the sync with small partitions.</summary>
    public sealed class Worker(SyncDatabase data, IBackgroundJobClient client, string name)
    {
        public async Task RunAsync()
        {
            await using var db = data.NewContext();
            await Job(db).RunAsync(SyncTrigger.Manual, name);
        }

        public async Task HelpAsync(long runId)
        {
            await using var db = data.NewContext();
            await Job(db).HelpAsync(runId);
        }

        private TwoServerJob Job(PhotoRepository.Core.Data.PhotoRepositoryDbContext db) =>
            new(data, db, new Helpers(client)) { PartitionSize = 5, BatchSize = 2, WorkerName = name };
    }

    /// <summary>
    /// Without help, one server could finish the small run before the other's worker picks up its helper
    /// job. So a worker's first claim waits (outside any transaction) until another worker has claimed a
    /// partition too: it proves the second server really works beside the first; it never waits for itself.
    /// </summary>
    private sealed class TwoServerJob(SyncDatabase data, PhotoRepository.Core.Data.PhotoRepositoryDbContext db, ISyncHelpers helpers)
        : StateSyncJob(db, data.Clock, helpers, new WaitForTheOtherServer(data));

    private sealed class WaitForTheOtherServer(SyncDatabase data) : ISyncProbe
    {
        private bool _waited;

        public async Task PartitionClaimedAsync(long runId, string workerName, CancellationToken ct)
        {
            if (_waited) return;
            _waited = true;
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (DateTime.UtcNow < deadline
                   && !data.Read(other => other.SyncPartitions.Any(p => p.SyncRunId == runId && p.ClaimedBy != null && p.ClaimedBy != workerName)))
                await Task.Delay(50, ct);
        }
    }

    private sealed class Helpers(IBackgroundJobClient client) : ISyncHelpers
    {
        public void Request(long runId, int helpers)
        {
            for (var i = 0; i < helpers; i++) client.Enqueue<Worker>(w => w.HelpAsync(runId));
        }
    }

    private sealed class Activator(SyncDatabase data, IBackgroundJobClient client, string name) : JobActivator
    {
        public override object ActivateJob(Type jobType) =>
            jobType == typeof(Worker) ? new Worker(data, client, name) : base.ActivateJob(jobType);
    }
}
