using System.Threading.RateLimiting;

namespace PhotoRepository.Web.Pages.Account;

/// <summary>
/// Slows password and code guessing without letting anyone lock an officer out: per client address and per
/// account name (known or not, so the answer never tells which exist), sliding windows from ASP.NET Core's
/// rate limiter (System.Threading.RateLimiting). Failures use up an account's permits; an address's permits are
/// used by every attempt. Once a window is empty the sign-in answers "too many attempts" for a few minutes,
/// the same for every account; nothing is locked. In memory per app instance: with N instances an attacker gets
/// at most N times the rate (still a few guesses a minute).
/// </summary>
public sealed class LoginThrottle : IDisposable
{
    public const int FailuresPerAccount = 10;
    public const int AttemptsPerAddress = 100;
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(10);

    private readonly PartitionedRateLimiter<string> _accounts = PartitionedRateLimiter.Create<string, string>(name =>
        RateLimitPartition.GetSlidingWindowLimiter(name, _ => new SlidingWindowRateLimiterOptions
        {
            PermitLimit = FailuresPerAccount, Window = Window, SegmentsPerWindow = 10, QueueLimit = 0, AutoReplenishment = true,
        }));

    private readonly PartitionedRateLimiter<string> _addresses = PartitionedRateLimiter.Create<string, string>(address =>
        RateLimitPartition.GetSlidingWindowLimiter(address, _ => new SlidingWindowRateLimiterOptions
        {
            PermitLimit = AttemptsPerAddress, Window = Window, SegmentsPerWindow = 10, QueueLimit = 0, AutoReplenishment = true,
        }));

    /// <summary>An attempt from this address for this account may go ahead (uses one of the address's permits).</summary>
    public bool TryAttempt(HttpContext http, string account)
    {
        using var lease = _addresses.AttemptAcquire(Address(http));
        if (!lease.IsAcquired) return false;
        return (_accounts.GetStatistics(Key(account))?.CurrentAvailablePermits ?? FailuresPerAccount) > 0;
    }

    /// <summary>A wrong password, code or recovery code: counts against the account.</summary>
    public void Failed(string account)
    {
        using var _ = _accounts.AttemptAcquire(Key(account));
    }

    public const string TooManyMessage = "Too many sign-in attempts for this account or from this network. Wait ten minutes, then try again.";

    private static string Key(string account) => account.Trim().ToUpperInvariant();

    private static string Address(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    public void Dispose()
    {
        _accounts.Dispose();
        _addresses.Dispose();
    }
}
