using PhotoRepository.Core.Entities;

namespace PhotoRepository.Core.Rules;

/// <summary>
/// When a state photo may be shown to law enforcement: the state value is Opt In, a state photo
/// exists, and it is not two years old or older (the purge may not have run yet today).
/// </summary>
public static class StateAvailability
{
    /// <param name="photoDate">The state photo's date; null when the state has no photo.</param>
    public static bool IsAvailable(OptInChoice? stateValue, DateOnly? photoDate, DateOnly today) =>
        stateValue == OptInChoice.OptIn
        && photoDate is { } date
        && !PhotoAge.IsTooOld(date, today);

    /// <summary>The two-year cut-off for a database query: see <see cref="PhotoAge.LastTooOldPhotoDate"/>.</summary>
    public static DateOnly LastTooOldPhotoDate(DateOnly today) => PhotoAge.LastTooOldPhotoDate(today);
}
