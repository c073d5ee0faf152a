namespace PhotoRepository.Core.Entities;

/// <summary>
/// A range of state student ids in one run, claimed by one worker at a time. Several Hangfire
/// servers sharing the database work through a run's partitions side by side.
/// </summary>
public class SyncPartition
{
    public long Id { get; set; }
    public long SyncRunId { get; set; }
    public int Number { get; set; }
    /// <summary>The range is (After, UpTo]; null After = from the start, null UpTo = to the end.</summary>
    public string? After { get; set; }
    public string? UpTo { get; set; }
    public string? ClaimedBy { get; set; }
    public DateTime? ClaimedAt { get; set; }
    public DateTime? DoneAt { get; set; }
    /// <summary>Per-district counts of this partition (JSON), summed into the run when it ends.</summary>
    public string Counts { get; set; } = "";
}
