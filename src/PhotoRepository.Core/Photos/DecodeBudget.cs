namespace PhotoRepository.Core.Photos;

/// <summary>
/// How many pixels may be decoded at once in this process, whoever asks (photo page, wizard check, import).
/// A decode holds its pixel count from header to encoded JPEG; one that would exceed the budget waits, in
/// arrival order, instead of failing. Sized to one largest-allowed photo by default
/// (<see cref="PhotoLimits.DecodeBudgetPixels"/>): ordinary 2-10 megapixel photos still decode side by side,
/// and eight 50-megapixel uploads take turns instead of needing 8 x 200 MB at once (docs/performance.md).
/// A photo larger than the whole budget waits until it is alone. Blocking is deliberate: decoding is CPU-bound
/// and synchronous, and a waiting upload costs a thread, not memory.
/// </summary>
public sealed class DecodeBudget(long capacityPixels)
{
    private readonly object _gate = new();
    private long _inFlight;
    private long _peak;
    private long _nextTicket;
    private long _serving;

    public long CapacityPixels { get; } = Math.Max(1, capacityPixels);

    /// <summary>The most pixels ever in flight at once (benchmarks and tests read it).</summary>
    public long PeakPixels { get { lock (_gate) return _peak; } }

    public Lease Acquire(long pixels)
    {
        var cost = Math.Clamp(pixels, 1, CapacityPixels);
        lock (_gate)
        {
            var ticket = _nextTicket++;
            while (ticket != _serving || _inFlight + cost > CapacityPixels) Monitor.Wait(_gate);
            _serving++;
            _inFlight += cost;
            _peak = Math.Max(_peak, _inFlight);
            Monitor.PulseAll(_gate);
        }
        return new Lease(this, cost);
    }

    private void Release(long cost)
    {
        lock (_gate)
        {
            _inFlight -= cost;
            Monitor.PulseAll(_gate);
        }
    }

    public readonly struct Lease(DecodeBudget budget, long cost) : IDisposable
    {
        public void Dispose() => budget?.Release(cost);
    }
}
