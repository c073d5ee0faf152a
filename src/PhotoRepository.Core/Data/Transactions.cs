using System.Data;
using Microsoft.EntityFrameworkCore;

namespace PhotoRepository.Core.Data;

/// <summary>
/// Explicit transactions under the provider's execution strategy. On SQL Server the context retries
/// transient faults (EnableRetryOnFailure), and a retrying strategy refuses a transaction the code opened
/// itself: the whole unit (begin, work, commit) must run inside the strategy, so a retry repeats all of it.
/// </summary>
public static class Transactions
{
    /// <summary>
    /// Runs <paramref name="work"/> in one transaction and commits it, retried as a unit after a transient
    /// fault. A retry starts from a clean change tracker (the failed attempt was rolled back), so the work
    /// must load what it changes itself instead of relying on entities tracked before the call.
    /// Exceptions the strategy does not treat as transient (a concurrency conflict) roll back and reach the caller.
    /// </summary>
    public static Task<T> InTransactionAsync<T>(this PhotoRepositoryDbContext db, Func<CancellationToken, Task<T>> work,
        CancellationToken ct = default, IsolationLevel isolation = IsolationLevel.Unspecified)
    {
        var attempt = 0;
        return db.Database.CreateExecutionStrategy().ExecuteAsync(async cancel =>
        {
            if (attempt++ > 0) db.ChangeTracker.Clear();
            await using var transaction = isolation == IsolationLevel.Unspecified
                ? await db.Database.BeginTransactionAsync(cancel)
                : await db.Database.BeginTransactionAsync(isolation, cancel);
            var result = await work(cancel);
            await transaction.CommitAsync(cancel);
            return result;
        }, ct);
    }

    /// <inheritdoc cref="InTransactionAsync{T}"/>
    public static Task InTransactionAsync(this PhotoRepositoryDbContext db, Func<CancellationToken, Task> work,
        CancellationToken ct = default, IsolationLevel isolation = IsolationLevel.Unspecified) =>
        db.InTransactionAsync(async cancel =>
        {
            await work(cancel);
            return true;
        }, ct, isolation);
}
