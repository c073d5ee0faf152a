namespace PhotoRepository.Core.Sync;

/// <summary>
/// The seam between the district side and the state sync: an opt-out must not wait for the night.
/// The caller first stages the request with <see cref="StateSyncOutbox.Stage"/> in the opt-out's own
/// save; this then processes it in the background (seconds, not hours). Losing this call (a crash
/// right after the save) loses nothing: recovery processes the staged row.
/// </summary>
public interface IStateSyncQueue
{
    /// <summary>Process this student's staged state sync request now (used after an Opt Out is saved).</summary>
    void SyncStudentSoon(string stateStudentId);
}
