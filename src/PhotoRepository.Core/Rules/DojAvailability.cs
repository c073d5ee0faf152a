using PhotoRepository.Core.Entities;

namespace PhotoRepository.Core.Rules;

/// <summary>
/// The availability rule (state value Opt In, a state photo, under two years old) in a form a database
/// query can use: a photo is still usable when its date is after <see cref="LastTooOldPhotoDate"/>.
/// </summary>
public static class DojAvailability
{
    /// <summary>
    /// The latest photo date that <see cref="PhotoAge.IsTooOld"/> already calls too old today.
    /// today.AddYears(-2) alone misses 29 February: on 28 February 2026 a photo of 29 February 2024
    /// expires (AddYears clamps it to 28 February), so the cut-off moves one day later.
    /// </summary>
    public static DateOnly LastTooOldPhotoDate(DateOnly today)
    {
        var cutoff = today.AddYears(-2);
        var next = cutoff.AddDays(1);
        return PhotoAge.IsTooOld(next, today) ? next : cutoff;
    }

    public static bool IsAvailable(OptInChoice? stateValue, DateOnly? photoDate, DateOnly today) =>
        stateValue == OptInChoice.OptIn && photoDate is { } date && date > LastTooOldPhotoDate(today);
}
