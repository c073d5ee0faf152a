namespace PhotoRepository.Core.Sync;

/// <summary>
/// Watches a sync run work: tests inject one to stop a run at a chosen student or to hold a worker.
/// The app runs without one.
/// </summary>
public interface ISyncProbe
{
    /// <summary>
    /// Called inside each batch's transaction after each student is decided. Throwing rolls the batch
    /// back and fails the run.
    /// </summary>
    void StudentDecided(string stateStudentId) { }

    /// <summary>Called when a worker has claimed a partition, outside any transaction.</summary>
    Task PartitionClaimedAsync(long runId, string workerName, CancellationToken ct) => Task.CompletedTask;
}
