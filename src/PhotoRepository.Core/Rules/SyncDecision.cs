using PhotoRepository.Core.Entities;

namespace PhotoRepository.Core.Rules;

/// <summary>One district's record of a student, as the sync needs it.</summary>
public sealed record DistrictValue(int DistrictId, OptInChoice Choice, DateTime? RecordedAt, DistrictPhotoFacts? Photo);

public sealed record DistrictPhotoFacts(string Sha256, DateOnly PhotoDate);

/// <summary>What the state holds for a student before the sync.</summary>
public sealed record StateFacts(OptInChoice? Value, string? PhotoSha256, DateOnly? PhotoDate);

public enum PhotoAction
{
    None,
    Copy,
    Replace,
    RemoveOptedOut,
    RemoveExpired,
}

/// <summary>The outcome for one student: the new state value, which district decided it, and what happens to the state photo.</summary>
public sealed record SyncOutcomeForStudent(OptInChoice? NewValue, int? DecidingDistrictId, PhotoAction Photo, DistrictPhotoFacts? PhotoToCopy, bool ValueChanged);

/// <summary>
/// The decision table of the rules ("Sync to the state"), as plain C#:
///   Opt In  -> Opt In; copy the deciding district's photo if under two years old (replace if different).
///   Opt Out -> Opt Out; remove the state photo.
///   Unknown -> unchanged if the state holds Opt In or Opt Out; Unknown if it was blank; nothing copied; a photo already there stays.
///   Always: a state photo two years old or more is removed.
/// Several districts: the most recent explicit choice (Opt In or Opt Out) by any district wins; Unknown never overrides one.
/// </summary>
public static class SyncDecision
{
    public static SyncOutcomeForStudent Decide(IReadOnlyCollection<DistrictValue> districts, StateFacts state, DateOnly today)
    {
        var explicitChoice = districts
            .Where(d => d.Choice != OptInChoice.Unknown)
            .OrderByDescending(d => d.RecordedAt ?? DateTime.MinValue)
            .ThenByDescending(d => d.DistrictId)
            .FirstOrDefault();

        OptInChoice? newValue;
        int? deciding;
        if (explicitChoice is not null)
        {
            newValue = explicitChoice.Choice;
            deciding = explicitChoice.DistrictId;
        }
        else
        {
            // Only Unknown arrived: it never overwrites an explicit state value.
            newValue = state.Value ?? (districts.Count > 0 ? OptInChoice.Unknown : null);
            deciding = null;
        }

        var photo = PhotoAction.None;
        DistrictPhotoFacts? toCopy = null;
        var stateHasPhoto = state.PhotoSha256 is not null;
        var statePhotoExpired = stateHasPhoto && state.PhotoDate is { } date && PhotoAge.IsTooOld(date, today);

        if (newValue == OptInChoice.OptOut && stateHasPhoto)
        {
            photo = PhotoAction.RemoveOptedOut;
        }
        else if (newValue == OptInChoice.OptIn && explicitChoice?.Photo is { } offered && !PhotoAge.IsTooOld(offered.PhotoDate, today))
        {
            if (!stateHasPhoto || statePhotoExpired) { photo = stateHasPhoto ? PhotoAction.Replace : PhotoAction.Copy; toCopy = offered; }
            else if (state.PhotoSha256 != offered.Sha256 || state.PhotoDate != offered.PhotoDate) { photo = PhotoAction.Replace; toCopy = offered; }
        }
        else if (statePhotoExpired)
        {
            photo = PhotoAction.RemoveExpired;
        }

        return new SyncOutcomeForStudent(newValue, deciding, photo, toCopy, newValue != state.Value);
    }

    /// <summary>Available to law enforcement: state value Opt In and a state photo under two years old.</summary>
    public static bool IsAvailable(OptInChoice? stateValue, DateOnly? photoDate, DateOnly today) =>
        stateValue == OptInChoice.OptIn && photoDate is { } date && !PhotoAge.IsTooOld(date, today);
}
