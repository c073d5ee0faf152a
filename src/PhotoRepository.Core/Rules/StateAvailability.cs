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

    /// <summary>
    /// The same rule in a form a database query can use: a photo is still usable when its date is after
    /// this day, the latest photo date that <see cref="PhotoAge.IsTooOld"/> already calls too old today.
    /// today.AddYears(-2) alone misses 29 February: on 28 February 2026 a photo of 29 February 2024
    /// expires (AddYears clamps it to 28 February), so the cut-off moves one day later.
    /// </summary>
    public static DateOnly LastTooOldPhotoDate(DateOnly today)
    {
        var cutoff = today.AddYears(-2);
        var next = cutoff.AddDays(1);
        return PhotoAge.IsTooOld(next, today) ? next : cutoff;
    }
}
