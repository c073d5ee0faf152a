using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using PhotoRepository.Core.Data;
using PhotoRepository.Core.Entities;
using PhotoRepository.Core.Photos;
using PhotoRepository.Core.Photos.Import;
using PhotoRepository.Core.Tests.Sync;

namespace PhotoRepository.Core.Tests.SqlServer;

/// <summary>
/// SQL Server's EnableRetryOnFailure refuses a transaction the code opened itself. The same rule is
/// enforced here on SQLite by a retrying strategy (EF's own base class, the one SQL Server's derives from),
/// so the explicit transactions are proven to run as a retriable unit without a server.
/// </summary>
public sealed class ExecutionStrategyTests : IDisposable
{
    private readonly SyncDatabase _data = new();

    public void Dispose() => _data.Dispose();

    /// <summary>Retries <see cref="TransientTestException"/> only, without waiting.</summary>
    private sealed class Retrying(ExecutionStrategyDependencies dependencies)
        : ExecutionStrategy(dependencies, maxRetryCount: 3, maxRetryDelay: TimeSpan.Zero)
    {
        protected override bool ShouldRetryOn(Exception exception) => exception is TransientTestException;
        protected override TimeSpan? GetNextDelay(Exception lastException) => base.GetNextDelay(lastException) is null ? null : TimeSpan.Zero;
    }

    private sealed class TransientTestException : Exception;

    private PhotoRepositoryDbContext RetryingContext() =>
        new(new DbContextOptionsBuilder<PhotoRepositoryDbContext>()
            .UseSqlite(_data.ConnectionString, o => o.ExecutionStrategy(d => new Retrying(d)))
            .AddInterceptors(new RecordKeepingInterceptor(_data.Clock))
            .Options);

    [Fact]
    public async Task A_transaction_opened_outside_the_strategy_is_refused_as_SQL_Server_would()
    {
        await using var db = RetryingContext();
        await using var transaction = await db.Database.BeginTransactionAsync();
        db.Districts.Add(new District { Code = "0303", Name = "Butte" });

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
        Assert.Contains("does not support user-initiated transactions", error.Message);
    }

    [Fact]
    public async Task InTransactionAsync_runs_the_unit_again_after_a_transient_fault_and_keeps_one_copy()
    {
        await using var db = RetryingContext();
        var attempts = 0;

        var saved = await db.InTransactionAsync(async ct =>
        {
            attempts++;
            db.Districts.Add(new District { Code = "0303", Name = "Butte" });
            await db.SaveChangesAsync(ct);
            if (attempts == 1) throw new TransientTestException(); // after the write, before the commit
            return await db.Districts.CountAsync(d => d.Code == "0303", ct);
        });

        Assert.Equal(2, attempts);
        Assert.Equal(1, saved);
        await using var check = _data.NewContext();
        Assert.Equal(1, await check.Districts.CountAsync(d => d.Code == "0303"));
    }

    [Fact]
    public async Task The_photo_import_clean_up_runs_its_transactions_under_a_retrying_strategy()
    {
        var limits = new PhotoLimits { ImportFolder = Path.Combine(Path.GetTempPath(), $"imports-{Guid.NewGuid():N}"), PreviewRetentionHours = 24 };
        await using (var db = _data.NewContext())
        {
            var batch = new PhotoImportBatch
            {
                DistrictId = _data.Helena, ZipFileName = "picture-day.zip", StoredFile = PhotoImportFiles.NewName(), Status = PhotoImportStatus.Previewed,
                IdentifierKind = PhotoIdentifierKind.StateStudentId, CreatedAt = _data.Clock.Now.UtcDateTime.AddHours(-30), CreatedBy = "clerk",
            };
            batch.Items.Add(new PhotoImportItem { DistrictId = _data.Helena, EntryIndex = 0, EntryName = "1.jpg", Kind = PhotoImportEntryKind.Unmatched });
            db.PhotoImportBatches.Add(batch);
            await db.SaveChangesAsync();
        }

        await using var retrying = RetryingContext();
        var result = await new PhotoImportCleanup(retrying, limits, _data.Clock).RunAsync();

        Assert.Equal(1, result.BatchesRemoved);
        await using var check = _data.NewContext();
        Assert.Equal(0, await check.PhotoImportItems.IgnoreQueryFilters().CountAsync());
    }
}
