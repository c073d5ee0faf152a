using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using PhotoRepository.Core.Data;
using PhotoRepository.Core.Demographics;
using PhotoRepository.Core.Entities;
using PhotoRepository.Core.Rules;
using static PhotoRepository.Core.Tests.Sync.Model.ScenarioGenerator;
using static PhotoRepository.Core.Tests.Sync.Model.RealDatabase;

namespace PhotoRepository.Core.Tests.Sync.Model;

/// <summary>How one history ended: its first disagreement with the model (null when none) and, when asked, what happened.</summary>
public sealed record HistoryOutcome(HistoryScript Script, string? Failure, IReadOnlyList<string> Transcript, IReadOnlyDictionary<string, string> Expected, IReadOnlyDictionary<string, string> Actual);

/// <summary>
/// Plays a scenario on the real side (a SQLite database, the app's opt-in rule, the interceptor and
/// the real StateSyncJob) and on the model side at once, and compares the two after every run that
/// completes. Steps whose preconditions no longer hold (a shrunk history dropped the step that made
/// them possible) are skipped on both sides.
/// </summary>
public sealed class ScenarioRunner
{
    /// <summary>Batch size of runs that complete (an interrupted run always decides one ID per batch).</summary>
    public Func<int, int> CompletedBatchSize { get; init; } = _ => 1;

    public bool KeepTranscript { get; init; }

    private sealed class World(HistoryScript script)
    {
        public HistoryScript Script { get; } = script;
        public StateRulesModel Model { get; } = new();
        public Dictionary<int, ModelRecord> Recs { get; } = [];
        public Dictionary<int, Student> Students { get; } = [];
        public Dictionary<string, string> PhotoNames { get; } = [];
        public string? Failure { get; set; }
        public List<string> Transcript { get; } = [];
        public Dictionary<string, string> Expected { get; set; } = [];
        public Dictionary<string, string> Actual { get; set; } = [];
        public string Name(int rec) => $"r{rec} ({DistrictNames[Recs[rec].District]}, ID {Recs[rec].StateId})";
    }

    public async Task<List<HistoryOutcome>> RunAsync(Scenario scenario)
    {
        using var data = new RealDatabase();
        var worlds = scenario.Histories.Select(h => new World(h)).ToList();
        for (var slot = 0; slot < scenario.Times.Count; slot++)
        {
            var now = scenario.Times[slot];
            data.Clock.Now = new DateTimeOffset(now);
            var today = StateRulesModel.Today(now);
            var when = $"{now:yyyy-MM-dd HH:mm}Z (Denver {today:yyyy-MM-dd})";

            var immediate = new List<(World World, string Id)>();
            var stepping = worlds.Where(w => w.Script.Steps.ContainsKey(slot)).ToList();
            if (stepping.Count > 0)
                await StepAsync(data, stepping, slot, now, today, when, immediate);
            if (immediate.Count > 0)
            {
                await using var db = data.NewContext();
                var job = data.Job(db);
                foreach (var (w, id) in immediate)
                {
                    await job.SyncStudentAsync(w.Script.Prefix + id);
                    w.Model.Sync(id, today);
                }
            }
            if (scenario.Syncs.TryGetValue(slot, out var sync))
                await RunJobAsync(data, worlds, sync, slot, now, today, when);
        }
        return [.. worlds.Select(w => new HistoryOutcome(w.Script, w.Failure, w.Transcript, w.Expected, w.Actual))];
    }

    /// <summary>Every history's step of this slot, saved together (their IDs never meet), as clerks' saves would be.</summary>
    private async Task StepAsync(RealDatabase data, List<World> stepping, int slot, DateTime now, DateOnly today, string when, List<(World, string)> immediate)
    {
        await using var db = data.NewContext();
        var ids = stepping.SelectMany(w => w.Students.Values.Select(s => s.Id)).ToList();
        var loaded = await db.Students.IgnoreQueryFilters().Include(s => s.Photo).Where(s => ids.Contains(s.Id)).ToDictionaryAsync(s => s.Id);
        foreach (var w in stepping)
        {
            foreach (var (rec, s) in w.Students.ToList()) w.Students[rec] = loaded[s.Id];
            var said = Apply(w, w.Script.Steps[slot], db, data, now, today, immediate);
            if (said is not null && KeepTranscript) w.Transcript.Add($"{when}  {said}");
        }
        await db.SaveChangesAsync();
    }

    private async Task RunJobAsync(RealDatabase data, List<World> worlds, SyncEvent sync, int slot, DateTime now, DateOnly today, string when)
    {
        await data.TouchSentinelAsync();
        await using (var db = data.NewContext())
        {
            var job = data.Job(db, sync.InterruptAt);
            job.BatchSize = sync.InterruptAt is null ? CompletedBatchSize(slot) : 1;
            job.PartitionSize = 1_000_000;
            try
            {
                var run = await job.RunAsync(sync.Nightly ? SyncTrigger.Nightly : SyncTrigger.Manual, "test");
                Assert.NotNull(run);
                if (sync.InterruptAt is not null) throw new InvalidOperationException("The run was to crash but finished.");
            }
            catch (InjectedCrash) when (sync.InterruptAt is not null)
            {
            }
        }
        foreach (var w in worlds)
        {
            var local = LocalThreshold(sync.InterruptAt, w.Script.Prefix);
            w.Model.Run(today, local);
            if (KeepTranscript) w.Transcript.Add($"{when}  SYNC: {Describe(sync, local)}");
        }
        if (sync.InterruptAt is not null) return;

        var real = await ReadStateAsync(data);
        foreach (var w in worlds)
        {
            var expected = Ids.ToDictionary(id => id, id => Describe(w.Model.StateOf(id), StateRulesModel.Available(w.Model.StateOf(id), today)));
            var actual = Ids.ToDictionary(id => id, id => real.TryGetValue(w.Script.Prefix + id, out var s) ? Describe(s, w) : Describe(ModelState.Blank, false));
            (w.Expected, w.Actual) = (expected, actual);
            var wrong = Ids.Where(id => expected[id] != actual[id]).ToList();
            if (wrong.Count == 0 || w.Failure is not null) continue;
            w.Failure = $"after the run at {when}:\n" + string.Join("\n", wrong.Select(id =>
                $"  ID {id}: the rules say {expected[id]}\n        the job left {actual[id]}"));
            if (KeepTranscript) w.Transcript.Add("  ^ here the state and the rules disagree");
        }
    }

    /// <summary>An interrupted run seen from one history: "" = crashed before any of its IDs, "\uffff" = after all of them.</summary>
    public static string? LocalThreshold(string? interruptAt, string prefix) => interruptAt switch
    {
        null => null,
        _ when interruptAt.StartsWith(prefix, StringComparison.Ordinal) => interruptAt[prefix.Length..],
        _ => string.CompareOrdinal(interruptAt, prefix) < 0 ? "" : "\uffff",
    };

    private static string Describe(SyncEvent sync, string? local) => (sync.Nightly ? "nightly run" : "full run (Run now)") + local switch
    {
        null => "",
        "" => ", crashed before reaching this history's IDs",
        "\uffff" => ", crashed after this history's IDs (its end-of-run steps never ran)",
        _ => $", crashed while deciding the first ID at or after {local} (IDs before {local} committed)",
    };

    private static string Describe(ModelState s, bool available) =>
        $"{s.Value?.ToString() ?? "blank"}, {(s.Photo is { } p ? $"photo {p.Name} of {p.PhotoDate:yyyy-MM-dd}" : "no photo")}{(available ? ", available to DOJ" : "")}";

    private sealed record RealState(OptInChoice? Value, string? Sha256, DateOnly? PhotoDate, bool Available);

    private static string Describe(RealState s, World w)
    {
        var photo = s.Sha256 is null ? null : new ModelPhoto(w.PhotoNames.GetValueOrDefault(s.Sha256, $"?{s.Sha256[..8]}"), s.PhotoDate!.Value);
        return Describe(new ModelState(s.Value, photo, null), s.Available);
    }

    /// <summary>The state side as DOJ would find it: value, photo, and whether the photo may be disclosed today.</summary>
    private static async Task<Dictionary<string, RealState>> ReadStateAsync(RealDatabase data)
    {
        await using var db = data.NewContext();
        var lastTooOld = StateAvailability.LastTooOldPhotoDate(StateCalendar.Today(data.Clock));
        var rows = await db.StateStudents.AsNoTracking().Include(s => s.Photo).Where(s => s.StateStudentId.StartsWith("H")).ToListAsync();
        return rows.ToDictionary(s => s.StateStudentId, s => new RealState(s.OptIn, s.Photo?.Sha256, s.Photo?.PhotoDate,
            s.OptIn == OptInChoice.OptIn && s.Photo is { } p && p.PhotoDate > lastTooOld));
    }

    /// <summary>Applies one step on both sides; returns what happened in words, or null when its preconditions do not hold.</summary>
    private static string? Apply(World w, Step step, PhotoRepositoryDbContext db, RealDatabase data, DateTime now, DateOnly today, List<(World, string)> immediate)
    {
        var prefix = w.Script.Prefix;
        switch (step)
        {
            case Create c when !w.Recs.ContainsKey(c.Rec) && !w.Recs.Values.Any(r => r.District == c.District && r.StateId == c.Id):
            {
                var claim = w.Recs.Values.Any(r => r.StateId == c.Id);
                var student = new Student
                {
                    StateStudentId = prefix + c.Id, DistrictId = data.DistrictIds[c.District], SchoolId = data.SchoolIds[c.District],
                    LastName = "Child" + prefix, FirstName = "Jo", BirthDate = new DateOnly(2012, 5, 1),
                };
                db.Students.Add(student);
                w.Students[c.Rec] = student;
                w.Recs[c.Rec] = new ModelRecord(c.District, c.Id);
                w.Model.Records.Add(w.Recs[c.Rec]);
                return $"{DistrictNames[c.District]} creates r{c.Rec} with ID {c.Id}{(claim ? " (a claim: another district holds it)" : "")}";
            }
            case Choose c when w.Recs.ContainsKey(c.Rec):
                Record(w, c.Rec, c.Value, db, now);
                if (c.Value == OptInChoice.OptOut && !c.LoseImmediateSync) immediate.Add((w, w.Recs[c.Rec].StateId));
                return $"{w.Name(c.Rec)} records {c.Value}{Lost(c.Value == OptInChoice.OptOut, c.LoseImmediateSync)}";
            case Tie t when w.Recs.ContainsKey(t.RecA) && w.Recs.ContainsKey(t.RecB) && w.Recs[t.RecA].District != w.Recs[t.RecB].District:
                Record(w, t.RecA, t.ValueA, db, now);
                Record(w, t.RecB, t.ValueB, db, now);
                foreach (var id in new[] { (t.ValueA, t.RecA), (t.ValueB, t.RecB) }.Where(x => x.Item1 == OptInChoice.OptOut).Select(x => w.Recs[x.Item2].StateId).Distinct())
                    if (!t.LoseImmediateSync) immediate.Add((w, id));
                return $"at the same instant {w.Name(t.RecA)} records {t.ValueA} and {w.Name(t.RecB)} records {t.ValueB}"
                    + Lost(t.ValueA == OptInChoice.OptOut || t.ValueB == OptInChoice.OptOut, t.LoseImmediateSync);
            case SetPhoto p when w.Recs.ContainsKey(p.Rec):
            {
                var name = $"P{p.PhotoNo}";
                var bytes = SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(prefix + name));
                var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
                w.PhotoNames[sha] = name;
                db.PhotoContents.Add(new PhotoContent { Sha256 = sha, Jpeg = bytes, Thumbnail = bytes, CreatedAt = now });
                var student = w.Students[p.Rec];
                var replaced = student.Photo is not null;
                if (student.Photo is null)
                    student.Photo = new DistrictPhoto { Sha256 = sha, DistrictId = student.DistrictId, PhotoDate = p.PhotoDate, PhotoDateSource = PhotoDateSource.Entered, UploadedAt = now, UploadedBy = "clerk" };
                else
                {
                    student.Photo.Sha256 = sha;
                    student.Photo.PhotoDate = p.PhotoDate;
                    student.Photo.UploadedAt = now;
                }
                w.Recs[p.Rec].Photo = new ModelPhoto(name, p.PhotoDate);
                return $"{w.Name(p.Rec)} {(replaced ? "replaces its photo with" : "adds")} photo {name} of {p.PhotoDate:yyyy-MM-dd}";
            }
            case RemovePhoto p when w.Recs.ContainsKey(p.Rec) && w.Recs[p.Rec].Photo is not null:
                db.DistrictPhotos.Remove(w.Students[p.Rec].Photo!);
                w.Students[p.Rec].Photo = null;
                w.Recs[p.Rec].Photo = null;
                return $"{w.Name(p.Rec)} removes its photo";
            case Correct c when w.Recs.TryGetValue(c.Rec, out var rec) && rec.StateId != c.NewId && !w.Recs.Values.Any(r => r.District == rec.District && r.StateId == c.NewId):
            {
                var said = $"{w.Name(c.Rec)} corrects its state ID to {c.NewId}{Lost(true, c.LoseImmediateSync, rec.StateId)}";
                if (!c.LoseImmediateSync) immediate.Add((w, rec.StateId));
                w.Students[c.Rec].StateStudentId = prefix + c.NewId;
                rec.StateId = c.NewId;
                return said;
            }
            default:
                return null;
        }
    }

    private static string Lost(bool syncs, bool lost, string? id = null) => !syncs ? "" :
        lost ? $" (the process dies before the immediate sync{(id is null ? "" : $" of {id}")})" : $" (synced at once{(id is null ? "" : $": {id}")})";

    private static void Record(World w, int rec, OptInChoice value, PhotoRepositoryDbContext db, DateTime now)
    {
        var today = StateRulesModel.Today(now);
        db.OptInChanges.Add(OptInChangeRule.Record(w.Students[rec], value, ConsentSource.WrittenRequest, today, "2026-27", null, "clerk", now));
        w.Recs[rec].History.Add((now, value));
    }
}
