namespace PhotoRepository.Core.Sync;

/// <summary>
/// The seam between the district side and the state sync: an opt-out must not wait for the night.
/// The web app implements it by enqueuing a background job (seconds, not hours).
/// </summary>
public interface IStateSyncQueue
{
    /// <summary>Apply this student's current district value to the state now (used after an Opt Out is saved).</summary>
    void SyncStudentSoon(string stateStudentId);
}
