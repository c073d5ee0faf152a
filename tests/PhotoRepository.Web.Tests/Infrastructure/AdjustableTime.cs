namespace PhotoRepository.Web.Tests.Infrastructure;

/// <summary>A clock a test can move forward (replaces TimeProvider in the app).</summary>
public sealed class AdjustableTime : TimeProvider
{
    private TimeSpan _offset;

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + _offset;

    public void Advance(TimeSpan by) => _offset += by;
}
