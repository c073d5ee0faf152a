using PhotoRepository.Core.Entities;

namespace PhotoRepository.Core.Rules;

/// <summary>A photo as the sync compares it: its immutable bytes (by hash) and its photo date.</summary>
public readonly record struct PhotoRef(string Sha256, DateOnly PhotoDate);

/// <summary>One district's record of a student, as the sync reads it.</summary>
public sealed record DistrictRecord(int DistrictId, OptInChoice OptIn, DateTime? RecordedAt, PhotoRef? Photo);

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
}

/// <summary>What the state record becomes: its opt-in value (null = still blank) and what happens to its photo.</summary>
public readonly record struct SyncVerdict(OptInChoice? StateValue, PhotoAction Photo);

/// <summary>
/// The district-to-state decision table (DOMAIN.md, "Sync to the state"), as pure functions.
/// </summary>
public static class SyncDecision
{
    /// <summary>
    /// The district record that speaks for the student: the most recent explicit choice (Opt In or
    /// Opt Out) recorded by any district; Unknown never overrides one. With only Unknown records,
    /// the most recently recorded one (it then only supplies names, never a value over an explicit one).
    /// Ties are broken by district id so every run picks the same record.
    /// </summary>
    public static DistrictRecord? Supplier(IEnumerable<DistrictRecord> records)
    {
        DistrictRecord? best = null;
        foreach (var r in records)
        {
            if (best is null || Outranks(r, best)) best = r;
        }
        return best;
    }

    private static bool Outranks(DistrictRecord a, DistrictRecord b)
    {
        var aExplicit = a.OptIn != OptInChoice.Unknown;
        var bExplicit = b.OptIn != OptInChoice.Unknown;
        if (aExplicit != bExplicit) return aExplicit;
        var aAt = a.RecordedAt ?? DateTime.MinValue;
        var bAt = b.RecordedAt ?? DateTime.MinValue;
        if (aAt != bAt) return aAt > bAt;
        return a.DistrictId > b.DistrictId;
    }

    /// <summary>The state value after district value <paramref name="district"/> arrives over <paramref name="before"/>.</summary>
    public static OptInChoice StateValue(OptInChoice district, OptInChoice? before) => district switch
    {
        OptInChoice.OptIn => OptInChoice.OptIn,
        OptInChoice.OptOut => OptInChoice.OptOut,
        // Unknown never overwrites an explicit value; a blank state value becomes Unknown.
        _ => before ?? OptInChoice.Unknown,
    };

    /// <summary>Applies the table to one student: district value and photo against the state's value and photo.</summary>
    public static SyncVerdict Decide(OptInChoice district, OptInChoice? stateBefore, PhotoRef? districtPhoto, PhotoRef? statePhoto, DateOnly today)
    {
        var value = StateValue(district, stateBefore);
        return new SyncVerdict(value, PhotoFor(district, districtPhoto, statePhoto, today));
    }

    private static PhotoAction PhotoFor(OptInChoice district, PhotoRef? districtPhoto, PhotoRef? statePhoto, DateOnly today)
    {
        if (district == OptInChoice.OptOut)
            return statePhoto is null ? PhotoAction.None : PhotoAction.RemoveOptedOut;

        if (district == OptInChoice.OptIn && districtPhoto is { } d && !PhotoAge.IsTooOld(d.PhotoDate, today))
        {
            if (statePhoto is not { } s) return PhotoAction.Copy;
            return s == d ? PhotoAction.Keep : PhotoAction.Replace;
        }

        // Nothing (new) to copy: what is at the state stays, unless it is two years old or older.
        if (statePhoto is not { } current) return PhotoAction.None;
        return PhotoAge.IsTooOld(current.PhotoDate, today) ? PhotoAction.RemoveExpired : PhotoAction.Keep;
    }
}
