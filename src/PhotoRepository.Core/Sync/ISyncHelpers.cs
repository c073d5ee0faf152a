namespace PhotoRepository.Core.Sync;

/// <summary>
/// Asks other workers (other Hangfire servers sharing the storage) to help with a run's
/// partitions. Without it the run works through every partition itself.
/// </summary>
public interface ISyncHelpers
{
    void Request(long runId, int helpers);
}
