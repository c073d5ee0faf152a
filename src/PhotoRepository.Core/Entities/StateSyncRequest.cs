namespace PhotoRepository.Core.Entities;

/// <summary>
/// An outbox row: "apply this state student's district value to the state now". Written in the same
/// transaction as the opt-out that needs it, so a crash between the save and the job cannot leave an
/// opted-out photo at the state; deleted once the one-student sync has run (start-up and periodic
/// recovery pick up any left behind).
/// </summary>
public class StateSyncRequest
{
    public long Id { get; set; }
    public string StateStudentId { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    /// <summary>How many times processing started; a row that keeps failing stays visible to operators.</summary>
    public int Attempts { get; set; }
}
