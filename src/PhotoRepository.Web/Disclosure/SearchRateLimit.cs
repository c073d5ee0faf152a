using Microsoft.Extensions.Options;

namespace PhotoRepository.Web.Disclosure;

/// <summary>
/// DOJ searches per user per minute (Doj:SearchesPerMinute, default 30), counted in the database: every
/// search already writes a DisclosureRecord, so the user's own search records of the last 60 seconds are the
/// count, and the limit holds across every app instance sharing the database (an in-memory limiter did not).
/// The (UserName, At) index answers the count. Two searches of the same user racing on different instances
/// can both pass at the edge of the limit; that overshoot is bounded by the user's parallel requests.
/// A refused search is logged as a warning: that volume is unusual for someone looking for one child.
/// </summary>
public sealed class SearchRateLimit(PhotoRepositoryDbContext db, IOptions<Setup.DojOptions> options, TimeProvider time, ILogger<SearchRateLimit> log)
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    public int PerMinute => options.Value.SearchesPerMinute;

    public async Task<bool> TryAcquireAsync(string user, CancellationToken ct = default)
    {
        var since = time.GetUtcNow().UtcDateTime - Window;
        var recent = await db.DisclosureRecords.AsNoTracking()
            .CountAsync(r => r.UserName == user && r.At > since && r.Kind == DisclosureKind.Search, ct);
        if (recent < PerMinute) return true;
        log.LogWarning("Unusual DOJ search volume: {User} made {Count} searches in the last minute, over the limit of {Limit}", user, recent, PerMinute);
        return false;
    }
}
