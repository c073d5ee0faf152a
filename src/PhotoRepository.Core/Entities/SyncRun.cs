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

/// <summary>Which students a run decides.</summary>
public enum SyncScope
{
    /// <summary>Every student any district knows.</summary>
    Full = 1,
    /// <summary>Students whose district record or photo changed since the last successful run (plus the date-driven purge).</summary>
    Changed = 2,
}

/// <summary>One run of the state sync and purge, with what it did.</summary>
public class SyncRun
{
    public long Id { get; set; }
    public SyncTrigger Trigger { get; set; }
    public SyncScope Scope { get; set; } = SyncScope.Full;
    /// <summary>For a <see cref="SyncScope.Changed"/> run: students changed at or after this moment (UTC) were decided.</summary>
    public DateTime? ChangedSince { get; set; }
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
    /// <summary>State photos removed because the district they came from no longer holds the state student ID.</summary>
    public int RemovedNoLongerHeld { get; set; }
    public int StateValueChanged { get; set; }
    public int Unchanged { get; set; }
    public int Errors { get; set; }

    public void Add(SyncCounts c)
    {
        Copied += c.Copied;
        Replaced += c.Replaced;
        RemovedOptedOut += c.RemovedOptedOut;
        RemovedExpired += c.RemovedExpired;
        RemovedNoLongerHeld += c.RemovedNoLongerHeld;
        StateValueChanged += c.StateValueChanged;
        Unchanged += c.Unchanged;
        Errors += c.Errors;
    }

    /// <summary>The counts of one district in a per-district tally, created on first use.</summary>
    public static SyncCounts For(Dictionary<int, SyncCounts> counts, int districtId)
    {
        if (!counts.TryGetValue(districtId, out var c)) counts[districtId] = c = new SyncCounts();
        return c;
    }
}
