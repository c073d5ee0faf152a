using System.Diagnostics;
using System.Text;
using Xunit.Abstractions;

namespace PhotoRepository.Core.Tests.Sync.Model;

/// <summary>
/// Random multi-district histories against the rules: after every run of the real job that
/// completes, the state of every ID must be what <see cref="StateRulesModel"/> (DOMAIN.md, written
/// again) says. Many histories share one database and one timeline of runs, each in its own
/// namespace of state IDs; a failing history is replayed alone and shrunk to a short list of steps.
/// Reproduce with PROPERTY_SEED (and PROPERTY_HISTORIES for more or fewer histories).
/// </summary>
public sealed class StateRulesPropertyTests(ITestOutputHelper output)
{
    private const int DefaultSeed = 20261130;
    private const int HistoriesPerDatabase = 125;

    private static int Setting(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), out var value) ? value : fallback;

    [Fact]
    public async Task After_every_sync_the_state_of_every_id_is_what_the_rules_say()
    {
        var seed = Setting("PROPERTY_SEED", DefaultSeed);
        var histories = Setting("PROPERTY_HISTORIES", 2000);
        var clock = Stopwatch.StartNew();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var runner = new ScenarioRunner { CompletedBatchSize = BatchSizeOf };

        var batches = Enumerable.Range(0, (histories + HistoriesPerDatabase - 1) / HistoriesPerDatabase)
            .Select(b => (Seed: seed + b, Scenario: ScenarioGenerator.Generate(seed + b, b * HistoriesPerDatabase, Math.Min(HistoriesPerDatabase, histories - b * HistoriesPerDatabase))))
            .ToList();
        var failures = new List<(int Seed, Scenario Scenario, HistoryOutcome Outcome)>();
        // One database per batch, as many at once as there are cores.
        await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = Setting("PROPERTY_PARALLEL", Environment.ProcessorCount) }, async (batch, _) =>
        {
            var outcomes = await runner.RunAsync(batch.Scenario);
            lock (failures) failures.AddRange(outcomes.Where(o => o.Failure is not null).Select(o => (batch.Seed, batch.Scenario, o)));
        });
        failures.Sort((a, b) => string.CompareOrdinal(a.Outcome.Script.Prefix, b.Outcome.Script.Prefix));
        var steps = batches.Sum(b => b.Scenario.Histories.Sum(h => h.Steps.Count));
        output.WriteLine($"{histories} histories, {steps} steps, {batches.Sum(b => b.Scenario.Syncs.Count)} runs shared by them, in {clock.Elapsed.TotalSeconds:0.0} s ({(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds:0.0} s of CPU), seed {seed}.");
        if (failures.Count == 0) return;

        var report = new StringBuilder($"{failures.Count} of {histories} histories end where the rules say they must not. Reproduce: "
            + $"PROPERTY_SEED={seed} PROPERTY_HISTORIES={histories} dotnet test tests/PhotoRepository.Core.Tests --filter StateRulesPropertyTests "
            + "(PROPERTY_SHRINK=n shrinks the first n failing histories).\n");
        foreach (var (batchSeed, scenario, outcome) in failures.Take(Setting("PROPERTY_SHRINK", 1)))
            report.Append(await ShrinkAsync(batchSeed, scenario, outcome));
        output.WriteLine(report.ToString());
        Assert.Fail(report.ToString());
    }

    /// <summary>Completed runs decide one ID per batch on some slots and many on others: the batch size must never matter.</summary>
    private static int BatchSizeOf(int slot) => slot % 7 == 3 ? 1 : 1000;

    /// <summary>Replays the history alone with the same runs at the same moments, and drops steps and runs while it still fails.</summary>
    private async Task<string> ShrinkAsync(int batchSeed, Scenario scenario, HistoryOutcome failed)
    {
        var runner = new ScenarioRunner { CompletedBatchSize = BatchSizeOf };
        var items = failed.Script.Steps.Select(kv => (Slot: kv.Key, What: (object)kv.Value))
            .Concat(scenario.Syncs.Select(kv => (Slot: kv.Key, What: (object)kv.Value)))
            .OrderBy(i => i.Slot).ToList();
        Scenario Alone(List<(int Slot, object What)> keep) => new(scenario.Times,
            keep.Where(i => i.What is SyncEvent).ToDictionary(i => i.Slot, i => (SyncEvent)i.What),
            [new HistoryScript(failed.Script.Prefix, keep.Where(i => i.What is Step).ToDictionary(i => i.Slot, i => (Step)i.What))]);
        // Shrinking keeps the same disagreement (same IDs, same expected and actual states), so it
        // never drifts to a simpler failure of another kind.
        static string? Kind(string? failure) => failure?[(failure.IndexOf('\n') + 1)..];
        var kind = Kind(failed.Failure);
        async Task<bool> Fails(List<(int, object)> keep) =>
            (await runner.RunAsync(Alone(keep)))[0].Failure is { } failure && (kind is null || Kind(failure) == kind);

        var header = $"\nHistory {failed.Script.Prefix} (batch seed {batchSeed}): {failed.Failure}\n";
        if (!await Fails(items))
        {
            kind = null;
            if (!await Fails(items))
                return header + "It does not fail when replayed alone: the histories in one database are not independent.\n";
        }

        var clock = Stopwatch.StartNew();
        for (var chunk = items.Count / 2; chunk >= 1 && clock.Elapsed < TimeSpan.FromMinutes(2);)
        {
            var progress = false;
            for (var at = 0; at + chunk <= items.Count && clock.Elapsed < TimeSpan.FromMinutes(2);)
            {
                var candidate = items.Take(at).Concat(items.Skip(at + chunk)).ToList();
                if (await Fails(candidate))
                {
                    items = candidate;
                    progress = true;
                }
                else at += chunk;
            }
            if (!progress) chunk /= 2;
        }
        // A tie that is not needed reads better as one choice.
        for (var at = 0; at < items.Count && clock.Elapsed < TimeSpan.FromMinutes(3); at++)
        {
            if (items[at].What is not Tie tie) continue;
            foreach (var one in new[] { new Choose(tie.RecA, tie.ValueA, tie.LoseImmediateSync), new Choose(tie.RecB, tie.ValueB, tie.LoseImmediateSync) })
            {
                var candidate = items.ToList();
                candidate[at] = (items[at].Slot, one);
                if (!await Fails(candidate)) continue;
                items = candidate;
                break;
            }
        }
        var shrunk = (await new ScenarioRunner { CompletedBatchSize = BatchSizeOf, KeepTranscript = true }.RunAsync(Alone(items)))[0];
        return header + $"Shrunk to {items.Count} steps and runs (replayed alone):\n  "
            + string.Join("\n  ", shrunk.Transcript) + $"\n{shrunk.Failure}\n";
    }
}
