using System.Runtime.CompilerServices;

namespace PhotoRepository.Web.Tests.Infrastructure;

/// <summary>
/// The app accepts each authenticator code once (and only the previous, current or next 30-second step), so a
/// test signing the same account in twice must use a later code, as a person would wait for the next one. One
/// ledger per app database; clients not made by an AppFactory share a process-wide one.
/// </summary>
public sealed class TotpLedger(TimeProvider? clock = null, Action<TimeSpan>? advance = null)
{
    // The app checks codes against its own clock: a test app's FakeTimeProvider, which a test moves instead of waiting.
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    private static readonly ConditionalWeakTable<HttpClient, TotpLedger> ByClient = new();
    private static readonly TotpLedger Shared = new();
    private readonly Dictionary<string, long> _lastStep = new(StringComparer.OrdinalIgnoreCase);

    public static void Use(HttpClient client, TotpLedger ledger) => ByClient.AddOrUpdate(client, ledger);

    public static TotpLedger For(HttpClient client) => ByClient.TryGetValue(client, out var ledger) ? ledger : Shared;

    /// <summary>The code of the earliest step not used yet for this account, from now on; waits until the app will take it.</summary>
    public async Task<string> NextCodeAsync(string account, string key)
    {
        long step, now;
        lock (_lastStep)
        {
            now = _clock.GetUtcNow().ToUnixTimeSeconds() / 30;
            step = Math.Max(now, _lastStep.TryGetValue(account, out var last) ? last + 1 : now);
            _lastStep[account] = step;
        }
        // The app takes the next step early (clock drift); anything later must wait for its time.
        var waitUntil = DateTimeOffset.FromUnixTimeSeconds((step - 1) * 30);
        var wait = waitUntil - _clock.GetUtcNow();
        if (wait > TimeSpan.Zero)
        {
            if (advance is not null) advance(wait + TimeSpan.FromMilliseconds(200));
            else await Task.Delay(wait + TimeSpan.FromMilliseconds(200));
        }
        return Totp.Code(key, DateTimeOffset.FromUnixTimeSeconds(step * 30));
    }
}
