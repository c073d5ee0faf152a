using PhotoRepository.Core.Entities;

namespace PhotoRepository.Core.Tests.Sync.Model;

/// <summary>What one history does at one moment. Records are numbered per history; IDs are one letter ("A".."E").</summary>
public abstract record Step;

/// <summary>District <paramref name="District"/> creates a record for a state ID (a claim when another district holds it).</summary>
public sealed record Create(int Rec, int District, string Id) : Step;

/// <summary>A clerk records the parent's choice; an Opt Out is synced at once unless the process dies first.</summary>
public sealed record Choose(int Rec, OptInChoice Value, bool LoseImmediateSync) : Step;

/// <summary>Two districts record a choice at the same instant.</summary>
public sealed record Tie(int RecA, OptInChoice ValueA, int RecB, OptInChoice ValueB, bool LoseImmediateSync) : Step;

public sealed record SetPhoto(int Rec, int PhotoNo, DateOnly PhotoDate) : Step;

public sealed record RemovePhoto(int Rec) : Step;

/// <summary>A clerk corrects the record's state ID; the old ID is synced at once unless the process dies first.</summary>
public sealed record Correct(int Rec, string NewId, bool LoseImmediateSync) : Step;

/// <summary>A run of the sync job; an interrupted one crashes on the first ID at or after <paramref name="InterruptAt"/> (a full state ID).</summary>
public sealed record SyncEvent(bool Nightly, string? InterruptAt);

/// <summary>One history: its ID namespace (the prefix of its state IDs) and its steps by slot.</summary>
public sealed record HistoryScript(string Prefix, IReadOnlyDictionary<int, Step> Steps);

/// <summary>
/// Histories that share one database and one timeline: the clock is at Times[slot] when each
/// history takes its step of that slot, then the slot's sync (if any) runs.
/// </summary>
public sealed record Scenario(IReadOnlyList<DateTime> Times, IReadOnlyDictionary<int, SyncEvent> Syncs, IReadOnlyList<HistoryScript> Histories);

/// <summary>Seeded generation: the same seed always gives the same scenario.</summary>
public static class ScenarioGenerator
{
    public static readonly string[] Ids = ["A", "B", "C", "D", "E"];
    public const int Districts = 3;
    private const int Slots = 14;

    public static string Prefix(int history) => $"H{history:D5}";

    public static Scenario Generate(int seed, int firstHistory, int historyCount)
    {
        var rng = new Random(seed);
        // Timelines of about a week starting between 16 February and 5 March 2026: many cross
        // 28 February (when 29 February 2024 turns two) or 8 March (Denver's clocks move).
        var now = new DateTime(2026, 2, 16, 0, 0, 0, DateTimeKind.Utc).AddDays(rng.Next(18)).AddMinutes(rng.Next(24 * 60));
        var times = new List<DateTime>();
        var syncs = new Dictionary<int, SyncEvent>();
        for (var slot = 0; slot < Slots; slot++)
        {
            now += rng.Next(10) switch
            {
                < 5 => TimeSpan.FromMinutes(1 + rng.Next(180)),
                < 8 => TimeSpan.FromHours(3 + rng.Next(18)),
                _ => TimeSpan.FromHours(24 + rng.Next(48)),
            };
            times.Add(now);
            var last = slot == Slots - 1;
            if (last || rng.Next(10) < 3)
            {
                var nightly = !last && rng.Next(2) == 0;
                var interrupt = !last && rng.Next(4) == 0
                    ? Prefix(firstHistory + rng.Next(historyCount)) + (char)('A' + rng.Next(Ids.Length + 1))
                    : null;
                syncs[slot] = new SyncEvent(nightly, interrupt);
            }
        }
        var histories = Enumerable.Range(firstHistory, historyCount)
            .Select(h => new HistoryScript(Prefix(h), Steps(new Random(unchecked(seed * 1_000_003 + h)), times)))
            .ToList();
        return new Scenario(times, syncs, histories);
    }

    private sealed record Rec(int No, int District, string Id, bool Photo);

    private static Dictionary<int, Step> Steps(Random rng, List<DateTime> times)
    {
        var steps = new Dictionary<int, Step>();
        var recs = new List<Rec>();
        var photos = 0;
        for (var slot = 0; slot < times.Count; slot++)
        {
            if (rng.Next(10) >= 6) continue;
            var roll = rng.Next(100);
            Step? step = null;
            if (recs.Count == 0 || (roll < 12 && recs.Count < 4))
                step = NewRecord(rng, recs);
            else if (roll < 50)
                step = new Choose(Pick(rng, recs).No, Value(rng), rng.Next(10) < 3);
            else if (roll < 58)
                step = TieOf(rng, recs);
            else if (roll < 78)
                step = new SetPhoto(Pick(rng, recs).No, ++photos, PhotoDate(rng, StateRulesModel.Today(times[slot])));
            else if (roll < 84 && recs.Where(r => r.Photo).ToList() is { Count: > 0 } withPhoto)
                step = new RemovePhoto(Pick(rng, withPhoto).No);
            else if (roll < 92)
            {
                var rec = Pick(rng, recs);
                var free = Ids.Where(id => !recs.Any(r => r.District == rec.District && r.Id == id)).ToList();
                step = new Correct(rec.No, Pick(rng, free), rng.Next(10) < 3);
            }
            if (step is null) continue;
            steps[slot] = step;
            recs = Track(recs, step);
        }
        return steps;
    }

    private static Create NewRecord(Random rng, List<Rec> recs)
    {
        var district = rng.Next(Districts);
        var free = Ids.Where(id => !recs.Any(r => r.District == district && r.Id == id)).ToList();
        var claims = free.Where(id => recs.Any(r => r.Id == id)).ToList();
        var id = claims.Count > 0 && rng.Next(2) == 0 ? Pick(rng, claims) : Pick(rng, free);
        return new Create(recs.Count, district, id);
    }

    private static Step TieOf(Random rng, List<Rec> recs)
    {
        // Prefer two districts holding the same ID: that is where a tie decides something.
        var pairs = recs.SelectMany(a => recs.Where(b => b.District != a.District).Select(b => (a, b))).ToList();
        if (pairs.Count == 0) return new Choose(Pick(rng, recs).No, Value(rng), rng.Next(10) < 3);
        var same = pairs.Where(p => p.a.Id == p.b.Id).ToList();
        var (x, y) = same.Count > 0 && rng.Next(4) > 0 ? Pick(rng, same) : Pick(rng, pairs);
        return new Tie(x.No, Value(rng), y.No, Value(rng), rng.Next(10) < 3);
    }

    private static List<Rec> Track(List<Rec> recs, Step step) => step switch
    {
        Create c => [.. recs, new Rec(c.Rec, c.District, c.Id, false)],
        SetPhoto p => recs.Select(r => r.No == p.Rec ? r with { Photo = true } : r).ToList(),
        RemovePhoto p => recs.Select(r => r.No == p.Rec ? r with { Photo = false } : r).ToList(),
        Correct c => recs.Select(r => r.No == c.Rec ? r with { Id = c.NewId } : r).ToList(),
        _ => recs,
    };

    private static OptInChoice Value(Random rng) => rng.Next(20) switch
    {
        < 8 => OptInChoice.OptIn,
        < 15 => OptInChoice.OptOut,
        _ => OptInChoice.Unknown,
    };

    /// <summary>Anywhere in the past three years, often 29 February 2024 or a few days either side of the two-year line.</summary>
    private static DateOnly PhotoDate(Random rng, DateOnly today)
    {
        var leap = new DateOnly(2024, 2, 29);
        var date = rng.Next(10) switch
        {
            < 2 => leap,
            < 6 => today.AddYears(-2).AddDays(rng.Next(-3, 11)),
            _ => today.AddDays(-rng.Next(3 * 365)),
        };
        return date > today ? today : date;
    }

    private static T Pick<T>(Random rng, IReadOnlyList<T> items) => items[rng.Next(items.Count)];
}
