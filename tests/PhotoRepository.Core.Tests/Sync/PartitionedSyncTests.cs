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
        // Which server claims which partition depends on when each one's worker polls; what must hold is
        // that every partition was claimed by one of the two sharing servers and the end state is a clean run's.
        Assert.All(partitions, p => Assert.Contains(p.ClaimedBy, new[] { "server-a", "server-b" }));
        Assert.Equal(clean.StateSnapshot(), _data.StateSnapshot());
        Assert.Equal(30, run.Totals.StateValueChanged);
    }

    /// <summary>What Hangfire runs: the sync with small partitions, slowed (150 ms a student) so both servers get a share even on a busy machine.</summary>
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

        private SlowJob Job(PhotoRepository.Core.Data.PhotoRepositoryDbContext db) =>
            new(db, data.Clock, new Helpers(client)) { PartitionSize = 5, BatchSize = 2, WorkerName = name };
    }

    private sealed class SlowJob(PhotoRepository.Core.Data.PhotoRepositoryDbContext db, TimeProvider time, ISyncHelpers helpers) : StateSyncJob(db, time, helpers)
    {
        protected override void OnStudentDecided(string stateStudentId) => Thread.Sleep(150);
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
