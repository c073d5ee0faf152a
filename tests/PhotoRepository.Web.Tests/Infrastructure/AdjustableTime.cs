namespace PhotoRepository.Web.Tests.Infrastructure;

/// <summary>A clock a test can move forward (replaces TimeProvider in the app), on top of another clock (the real one by default).</summary>
public sealed class AdjustableTime(TimeProvider? underlying = null) : TimeProvider
{
    private readonly TimeProvider _underlying = underlying ?? System;
    private TimeSpan _offset;

    public override DateTimeOffset GetUtcNow() => _underlying.GetUtcNow() + _offset;

    public void Advance(TimeSpan by) => _offset += by;
}
