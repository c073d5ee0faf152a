using System.Threading.RateLimiting;

namespace PhotoRepository.Web.Disclosure;

/// <summary>
/// DOJ searches per user per minute (Doj:SearchesPerMinute, default 30): a fixed window partitioned by
/// user name, from the built-in System.Threading.RateLimiting. A refused search is logged as a warning:
/// that volume is unusual for someone looking for one child.
/// </summary>
public sealed class SearchRateLimit : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter;
    private readonly ILogger<SearchRateLimit> _log;

    public SearchRateLimit(IConfiguration config, ILogger<SearchRateLimit> log)
    {
        _log = log;
        var perMinute = Math.Max(1, config.GetValue("Doj:SearchesPerMinute", 30));
        _limiter = PartitionedRateLimiter.Create<string, string>(user => RateLimitPartition.GetFixedWindowLimiter(user, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = perMinute,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        }));
    }

    public bool TryAcquire(string user)
    {
        using var lease = _limiter.AttemptAcquire(user);
        if (!lease.IsAcquired) _log.LogWarning("Unusual DOJ search volume: {User} went over the per-minute search limit", user);
        return lease.IsAcquired;
    }

    public void Dispose() => _limiter.Dispose();
}
