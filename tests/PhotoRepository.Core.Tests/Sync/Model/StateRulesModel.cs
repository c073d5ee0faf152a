using PhotoRepository.Core.Entities;

namespace PhotoRepository.Core.Tests.Sync.Model;

/// <summary>A photo as the model sees it: a name for its bytes (the test maps it to a SHA-256) and its photo date.</summary>
public sealed record ModelPhoto(string Name, DateOnly PhotoDate);

/// <summary>What the state holds for one state student ID: its value (null = blank) and its photo.</summary>
public sealed record ModelState(OptInChoice? Value, ModelPhoto? Photo, int? PhotoFromDistrict)
{
    public static readonly ModelState Blank = new(null, null, null);
}

/// <summary>One district's record of a student: the ID it carries now, its whole opt-in history and its photo.</summary>
public sealed class ModelRecord(int district, string stateId)
{
    public int District { get; } = district;
    public string StateId { get; set; } = stateId;
    public List<(DateTime At, OptInChoice Value)> History { get; } = [];
    public OptInChoice Current => History.Count == 0 ? OptInChoice.Unknown : History[^1].Value;
    public ModelPhoto? Photo { get; set; }
}

/// <summary>
/// The rules of /work/shared/DOMAIN.md ("Sync to the state" and "How we make that exact"), written
/// again from the text alone, with nothing from the product's Rules or Sync code: the property test
/// holds the real job to this. Districts are numbered in the order of their ids (0 is the lowest).
/// </summary>
public sealed class StateRulesModel
{
    private static readonly TimeZoneInfo Denver = TimeZoneInfo.FindSystemTimeZoneById("America/Denver");

    public List<ModelRecord> Records { get; } = [];
    public Dictionary<string, ModelState> State { get; } = new(StringComparer.Ordinal);

    /// <summary>"(photo date + 2 years &lt;= today, in America/Denver)": DateOnly.AddYears turns 29 February into 28 February.</summary>
    public static DateOnly Today(DateTime utcNow) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utcNow, DateTimeKind.Utc), Denver));

    public static bool TooOld(DateOnly photoDate, DateOnly today) => photoDate.AddYears(2) <= today;

    /// <summary>"A photo is available to DOJ only while the state value is Opt In and the state photo exists" (and is not too old).</summary>
    public static bool Available(ModelState s, DateOnly today) =>
        s.Value == OptInChoice.OptIn && s.Photo is { } p && !TooOld(p.PhotoDate, today);

    public ModelState StateOf(string id) => State.GetValueOrDefault(id, ModelState.Blank);

    public IEnumerable<ModelRecord> Holders(string id) => Records.Where(r => r.StateId == id);

    /// <summary>
    /// "The state value is a function of the districts' opt-in histories, not of when the sync ran: the
    /// most recent explicit choice in any district's history for that state student ID, else Unknown if
    /// a district knows the student, else blank." "Two explicit choices at the same instant: Opt Out wins."
    /// A corrected record's "whole history" moves with it, so only the records holding the ID now count.
    /// Returns the value and the record whose history holds the winning choice (the speaker; among equal
    /// choices at the same instant, the lowest district).
    /// </summary>
    public (OptInChoice? Value, ModelRecord? Speaker) Value(string id)
    {
        var holders = Holders(id).ToList();
        if (holders.Count == 0) return (null, null);
        var best = holders
            .SelectMany(r => r.History.Where(c => c.Value != OptInChoice.Unknown).Select(c => (Record: r, c.At, c.Value)))
            .OrderByDescending(c => c.At)
            .ThenByDescending(c => c.Value == OptInChoice.OptOut)
            .ThenBy(c => c.Record.District)
            .FirstOrDefault();
        return best.Record is null ? (OptInChoice.Unknown, null) : (best.Value, best.Record);
    }

    /// <summary>One sync of one state student ID (a run reaching it, or the immediate sync of one ID).</summary>
    public void Sync(string id, DateOnly today)
    {
        var before = StateOf(id);
        var (value, speaker) = Value(id);
        if (value is null)
        {
            // Nobody holds it: "the old ID is decided as if that record never carried it (if nobody
            // else holds it, its state photo goes at once)".
            State[id] = ModelState.Blank;
            return;
        }
        if (value == OptInChoice.OptOut)
        {
            // Opt Out: "remove the state photo".
            State[id] = new ModelState(value, null, null);
            return;
        }
        if (value == OptInChoice.OptIn && speaker!.Current == OptInChoice.OptIn && speaker.Photo is { } p && !TooOld(p.PhotoDate, today))
        {
            // Opt In: "copy the district's newest photo if it is under two years old (replace the state photo if different)".
            State[id] = new ModelState(value, p, speaker.District);
            return;
        }
        // "A district value of Unknown copies nothing, and a photo already at the state stays";
        // "always: a state photo older than two years is removed"; a photo whose district no longer
        // holds the ID goes with that record ("as if that record never carried it").
        var keep = before.Photo is { } kept && !TooOld(kept.PhotoDate, today) && Holders(id).Any(r => r.District == before.PhotoFromDistrict);
        State[id] = keep ? before with { Value = value } : new ModelState(value, null, null);
    }

    /// <summary>
    /// A run: every ID a district holds, in ordinal order. An interrupted run has committed only the
    /// IDs before <paramref name="interruptedAt"/> and never reaches its end. A run that ends removes
    /// every state photo two years old or older ("whatever the opt-in value") and settles every ID
    /// nobody holds any more.
    /// </summary>
    public void Run(DateOnly today, string? interruptedAt = null)
    {
        var held = Records.Select(r => r.StateId).Distinct().Order(StringComparer.Ordinal).ToList();
        foreach (var id in held)
        {
            if (interruptedAt is not null && string.CompareOrdinal(id, interruptedAt) >= 0) return;
            Sync(id, today);
        }
        if (interruptedAt is not null) return;
        foreach (var id in State.Keys.ToList())
        {
            if (!held.Contains(id)) State[id] = ModelState.Blank;
            else if (State[id].Photo is { } p && TooOld(p.PhotoDate, today)) State[id] = State[id] with { Photo = null, PhotoFromDistrict = null };
        }
    }
}
