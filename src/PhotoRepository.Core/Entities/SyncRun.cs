namespace PhotoRepository.Core.Entities;

public enum SyncOutcome
{
    Running = 0,
    Succeeded = 1,
    Failed = 2,
}

public enum SyncTrigger
{
    Nightly = 1,
    Manual = 2,
    OptOut = 3,
}

/// <summary>One run of the state sync and purge, with what it did.</summary>
public class SyncRun
{
    public long Id { get; set; }
    public SyncTrigger Trigger { get; set; }
    public string StartedBy { get; set; } = "";
    public DateTime StartedAt { get; set; }
    public DateTime? EndedAt { get; set; }
    public SyncOutcome Outcome { get; set; }
    public string? Error { get; set; }
    public SyncCounts Totals { get; set; } = new();
    public List<SyncRunDistrict> Districts { get; set; } = [];
}

/// <summary>What one run did for one district.</summary>
public class SyncRunDistrict
{
    public long Id { get; set; }
    public long SyncRunId { get; set; }
    public int DistrictId { get; set; }
    public SyncCounts Counts { get; set; } = new();
}

public class SyncCounts
{
    public int Copied { get; set; }
    public int Replaced { get; set; }
    public int RemovedOptedOut { get; set; }
    public int RemovedExpired { get; set; }
    public int StateValueChanged { get; set; }
    public int Unchanged { get; set; }
    public int Errors { get; set; }
}
