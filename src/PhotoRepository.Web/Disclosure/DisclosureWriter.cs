using System.Threading.Channels;
using PhotoRepository.Core.Data;
using PhotoRepository.Core.Entities;

namespace PhotoRepository.Web.Disclosure;

/// <summary>
/// Group commit for the record of disclosures. Every DOJ search and photo writes records, and SQLite has one
/// writer: when each request committed (and flushed) its own, requests queued behind each other's flush. Here
/// one writer commits whatever records are waiting in one transaction; each request awaits the commit of the
/// batch holding its records, so nothing is shown before its record is durable (synchronous stays FULL). A batch
/// that fails is retried request by request, so one bad record fails only its own request.
/// </summary>
public sealed class DisclosureWriter(IServiceScopeFactory scopes, ILogger<DisclosureWriter> log) : BackgroundService
{
    /// <summary>Records per transaction at most: a few hundred keeps one commit short.</summary>
    private const int MaxBatch = 500;

    private sealed record Pending(IReadOnlyList<DisclosureRecord> Records, TaskCompletionSource Done);

    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>Returns once the records are committed; throws if they could not be.</summary>
    public Task WriteAsync(IReadOnlyList<DisclosureRecord> records, CancellationToken ct = default)
    {
        if (records.Count == 0) return Task.CompletedTask;
        var pending = new Pending(records, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_queue.Writer.TryWrite(pending)) throw new InvalidOperationException("The record of disclosures is closed: the app is stopping.");
        // A request that gives up still has its records written: a disclosure may be recorded, never missed.
        return pending.Done.Task.WaitAsync(ct);
    }

    public Task WriteAsync(DisclosureRecord record, CancellationToken ct = default) => WriteAsync([record], ct);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<Pending>();
        try
        {
            while (await _queue.Reader.WaitToReadAsync(stoppingToken))
            {
                batch.Clear();
                var count = 0;
                while (count < MaxBatch && _queue.Reader.TryRead(out var pending))
                {
                    batch.Add(pending);
                    count += pending.Records.Count;
                }
                await CommitAsync(batch);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        // Stopping: whatever is still queued is committed before the app exits.
        _queue.Writer.TryComplete();
        batch.Clear();
        while (_queue.Reader.TryRead(out var left)) batch.Add(left);
        if (batch.Count > 0) await CommitAsync(batch);
    }

    private async Task CommitAsync(List<Pending> batch)
    {
        try
        {
            await SaveAsync(batch.SelectMany(p => p.Records));
            foreach (var p in batch) p.Done.TrySetResult();
        }
        catch (Exception batchError) when (batch.Count > 1)
        {
            log.LogWarning(batchError, "A batch of {Count} disclosure writes failed; writing them one request at a time", batch.Count);
            foreach (var p in batch)
            {
                try
                {
                    await SaveAsync(p.Records);
                    p.Done.TrySetResult();
                }
                catch (Exception e)
                {
                    p.Done.TrySetException(e);
                }
            }
        }
        catch (Exception e)
        {
            batch[0].Done.TrySetException(e);
        }
    }

    /// <summary>
    /// One prepared INSERT (decision 0010), bound and run per record in one transaction. Through EF's change tracker
    /// each record cost a tracked entity and a newly prepared command (the SQLite provider sends one command per row),
    /// which under DOJ load (a search writes one record per child shown) was a sixth of the app's time.
    /// </summary>
    private async Task SaveAsync(IEnumerable<DisclosureRecord> records)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PhotoRepositoryDbContext>();
        await db.InTransactionAsync(async ct =>
        {
            using var insert = new PreparedInsert(db, typeof(DisclosureRecord));
            foreach (var record in records) await insert.RunAsync(record, ct);
        });
    }
}
