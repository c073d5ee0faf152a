using PhotoRepository.Core.Entities;

namespace PhotoRepository.Core.Rules;

/// <summary>A photo as the sync compares it: its immutable bytes (by hash) and its photo date.</summary>
public readonly record struct PhotoRef(string Sha256, DateOnly PhotoDate);

/// <summary>The photo at the state, and the district it was copied from.</summary>
public readonly record struct StatePhotoRef(PhotoRef Photo, int SourceDistrictId);

/// <summary>
/// One district's record of a student, as the sync reads it: its current value, the last explicit
/// choice in its history (Opt In or Opt Out, with when it was recorded; null time = unknown) and its photo.
/// </summary>
public sealed record DistrictRecord(int DistrictId, OptInChoice Current, OptInChoice? LastExplicit, DateTime? LastExplicitAt, PhotoRef? Photo);

public enum PhotoAction
{
    /// <summary>No state photo before or after.</summary>
    None,
    /// <summary>The state photo stays as it is.</summary>
    Keep,
    Copy,
    Replace,
    RemoveOptedOut,
    RemoveExpired,
    /// <summary>The district the photo came from no longer holds the state student ID (its ID was corrected).</summary>
    RemoveNoLongerHeld,
}

/// <summary>What the state record becomes: its opt-in value (null = blank), who speaks for the child, and its photo.</summary>
public readonly record struct SyncVerdict(OptInChoice? StateValue, DistrictRecord? Speaker, PhotoAction Photo);

/// <summary>
/// The district-to-state rules (docs/rules.md, decision 0007) as pure functions of the districts'
/// records of one state student ID and the state photo.
/// </summary>
public static class SyncDecision
{
    /// <summary>
    /// The district record holding the most recent explicit choice in any holder's history; Unknown
    /// never speaks over one. Same instant (or both unknown): Opt Out wins, then the lowest district id.
    /// Null when no holder ever made an explicit choice.
    /// </summary>
    public static DistrictRecord? Speaker(IEnumerable<DistrictRecord> holders)
    {
        DistrictRecord? best = null;
        foreach (var r in holders)
        {
            if (r.LastExplicit is null) continue;
            if (best is null || Outranks(r, best)) best = r;
        }
        return best;
    }

    private static bool Outranks(DistrictRecord a, DistrictRecord b)
    {
        var aAt = a.LastExplicitAt ?? DateTime.MinValue;
        var bAt = b.LastExplicitAt ?? DateTime.MinValue;
        if (aAt != bAt) return aAt > bAt;
        if (a.LastExplicit != b.LastExplicit) return a.LastExplicit == OptInChoice.OptOut;
        return a.DistrictId < b.DistrictId;
    }

    /// <summary>
    /// The state value: the speaker's choice; Unknown when districts hold the ID but none ever chose;
    /// blank (null) when no district holds it. It does not depend on when a sync ran.
    /// </summary>
    public static OptInChoice? StateValue(IReadOnlyCollection<DistrictRecord> holders) =>
        Speaker(holders)?.LastExplicit ?? (holders.Count > 0 ? OptInChoice.Unknown : null);

    /// <summary>Decides one state student ID from every district record that holds it now.</summary>
    public static SyncVerdict Decide(IReadOnlyCollection<DistrictRecord> holders, StatePhotoRef? statePhoto, DateOnly today)
    {
        var speaker = Speaker(holders);
        var value = speaker?.LastExplicit ?? (holders.Count > 0 ? OptInChoice.Unknown : null);
        return new SyncVerdict(value, speaker, PhotoFor(value, speaker, holders, statePhoto, today));
    }

    private static PhotoAction PhotoFor(OptInChoice? value, DistrictRecord? speaker, IReadOnlyCollection<DistrictRecord> holders,
        StatePhotoRef? statePhoto, DateOnly today)
    {
        if (value == OptInChoice.OptOut)
            return statePhoto is null ? PhotoAction.None : PhotoAction.RemoveOptedOut;

        // The table's "Opt In arrives": the speaker still says Opt In and has a photo under two years old.
        if (value == OptInChoice.OptIn && speaker is { Current: OptInChoice.OptIn, Photo: { } photo } && !PhotoAge.IsTooOld(photo.PhotoDate, today))
        {
            if (statePhoto is not { } s) return PhotoAction.Copy;
            return s.Photo == photo && s.SourceDistrictId == speaker.DistrictId ? PhotoAction.Keep : PhotoAction.Replace;
        }

        // Nothing (new) to copy: what is at the state stays, unless it is too old or its district let go of the ID.
        if (statePhoto is not { } current) return PhotoAction.None;
        if (!holders.Any(h => h.DistrictId == current.SourceDistrictId)) return PhotoAction.RemoveNoLongerHeld;
        return PhotoAge.IsTooOld(current.Photo.PhotoDate, today) ? PhotoAction.RemoveExpired : PhotoAction.Keep;
    }
}
