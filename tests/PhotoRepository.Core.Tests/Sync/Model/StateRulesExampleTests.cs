using static PhotoRepository.Core.Entities.OptInChoice;

namespace PhotoRepository.Core.Tests.Sync.Model;

/// <summary>
/// Issue #11's cases 1-4 as tiny histories, with the end state written by hand from DOMAIN.md. Each
/// checks the model (that it reads the rules as a person does) and then the real job against it.
/// Districts: Helena (0) has the lowest id, then Missoula (1). r0, r1: district records.
/// </summary>
public sealed class StateRulesExampleTests
{
    private static readonly DateOnly Recent = new(2025, 9, 15);
    private static readonly string RecentPhoto = $"photo P1 of {Recent:yyyy-MM-dd}";

    /// <summary>Steps one hour apart from a Monday in March 2026 (a run is a step too).</summary>
    private sealed class Example
    {
        private readonly List<DateTime> _times = [];
        private readonly Dictionary<int, Step> _steps = [];
        private readonly Dictionary<int, SyncEvent> _syncs = [];
        private DateTime _now = new(2026, 3, 2, 16, 0, 0, DateTimeKind.Utc);

        public Example Do(Step step)
        {
            _steps[Next()] = step;
            return this;
        }

        public Example Run(bool nightly = false)
        {
            _syncs[Next()] = new SyncEvent(nightly, null);
            return this;
        }

        public Example At(DateTime utc)
        {
            _now = utc - TimeSpan.FromHours(1);
            return this;
        }

        private int Next()
        {
            _now += TimeSpan.FromHours(1);
            _times.Add(_now);
            return _times.Count - 1;
        }

        public async Task<HistoryOutcome> PlayAsync() =>
            (await new ScenarioRunner { KeepTranscript = true }.RunAsync(
                new Scenario(_times, _syncs, [new HistoryScript(ScenarioGenerator.Prefix(0), _steps)])))[0];
    }

    /// <summary>The model says <paramref name="expected"/>, and the real job, after the last run, left the same.</summary>
    private static void Ends(HistoryOutcome outcome, string id, string expected)
    {
        Assert.Equal(expected, outcome.Expected[id]);
        Assert.True(outcome.Failure is null, string.Join("\n", outcome.Transcript) + "\n" + outcome.Failure);
        Assert.Equal(expected, outcome.Actual[id]);
    }

    [Fact]
    public async Task Case_1_an_Unknown_never_revives_an_older_Opt_In()
    {
        // "an older Opt In never comes back because a newer Opt Out's district turned Unknown"
        var outcome = await new Example()
            .Do(new Create(0, 0, "A")).Do(new SetPhoto(0, 1, Recent)).Do(new Choose(0, OptIn, false)).Run()
            .Do(new Create(1, 1, "A")).Do(new Choose(1, OptOut, false)).Run(nightly: true)
            .Do(new Choose(1, Unknown, false)).Run()
            .PlayAsync();

        Ends(outcome, "A", "OptOut, no photo");
    }

    [Fact]
    public async Task Case_2_a_corrected_state_id_takes_its_history_and_leaves_nothing_disclosable_behind()
    {
        // "moves that district record's whole history to the corrected ID; the old ID is decided as if
        // that record never carried it (if nobody else holds it, its state photo goes at once)"
        var outcome = await new Example()
            .Do(new Create(0, 0, "A")).Do(new SetPhoto(0, 1, Recent)).Do(new Choose(0, OptIn, false)).Run()
            .Do(new Correct(0, "B", false)).Do(new Choose(0, OptOut, false)).Run()
            .PlayAsync();

        Ends(outcome, "A", "blank, no photo");
        Ends(outcome, "B", "OptOut, no photo");
    }

    [Fact]
    public async Task Case_2_even_when_the_process_dies_before_the_immediate_sync_the_next_run_clears_the_old_id()
    {
        var outcome = await new Example()
            .Do(new Create(0, 0, "A")).Do(new SetPhoto(0, 1, Recent)).Do(new Choose(0, OptIn, false)).Run()
            .Do(new Correct(0, "B", true)).Run(nightly: true)
            .PlayAsync();

        Ends(outcome, "A", "blank, no photo");
        Ends(outcome, "B", $"OptIn, {RecentPhoto}, available to DOJ");
    }

    [Fact]
    public async Task Case_3_Opt_Out_wins_a_tie_whichever_district_has_the_higher_id()
    {
        // "Two explicit choices at the same instant (or with unknown times): Opt Out wins."
        var outcome = await new Example()
            .Do(new Create(0, 0, "A")).Do(new Create(1, 1, "A")).Do(new SetPhoto(1, 1, Recent))
            .Do(new Create(2, 0, "B")).Do(new Create(3, 1, "B")).Do(new SetPhoto(2, 2, Recent))
            .Do(new Tie(0, OptOut, 1, OptIn, true)).Do(new Tie(2, OptIn, 3, OptOut, true)).Run()
            .PlayAsync();

        Ends(outcome, "A", "OptOut, no photo");
        Ends(outcome, "B", "OptOut, no photo");
    }

    [Fact]
    public async Task Case_4_an_Opt_In_followed_by_Unknown_before_any_sync_still_reaches_the_state_but_copies_nothing()
    {
        // "An Opt In followed by Unknown before any sync still counts as the Opt In (the photo still
        // follows the table: a district value of Unknown copies nothing, and a photo already at the state stays)"
        var outcome = await new Example()
            .Do(new Create(0, 0, "A")).Do(new SetPhoto(0, 1, Recent)).Do(new Choose(0, OptIn, false)).Do(new Choose(0, Unknown, false))
            .Do(new Create(1, 0, "B")).Do(new SetPhoto(1, 2, Recent)).Do(new Choose(1, OptIn, false)).Run()
            .Do(new Choose(1, Unknown, false)).Do(new SetPhoto(1, 3, Recent.AddDays(30))).Run()
            .PlayAsync();

        Ends(outcome, "A", "OptIn, no photo");
        Ends(outcome, "B", $"OptIn, photo P2 of {Recent:yyyy-MM-dd}, available to DOJ");
    }

    [Fact]
    public async Task A_photo_of_29_February_2024_turns_two_on_28_February_2026_in_Denver()
    {
        // "photo date + 2 years <= today, in America/Denver": 05:00 UTC on 28 February is still the 27th in Denver.
        var leap = new DateOnly(2024, 2, 29);
        var outcome = await new Example().At(new DateTime(2026, 2, 27, 12, 0, 0, DateTimeKind.Utc))
            .Do(new Create(0, 0, "A")).Do(new SetPhoto(0, 1, leap)).Do(new Choose(0, OptIn, false))
            .At(new DateTime(2026, 2, 28, 5, 0, 0, DateTimeKind.Utc)).Run()
            .PlayAsync();
        Ends(outcome, "A", "OptIn, photo P1 of 2024-02-29, available to DOJ");

        outcome = await new Example().At(new DateTime(2026, 2, 27, 12, 0, 0, DateTimeKind.Utc))
            .Do(new Create(0, 0, "A")).Do(new SetPhoto(0, 1, leap)).Do(new Choose(0, OptIn, false)).Run()
            .At(new DateTime(2026, 2, 28, 8, 0, 0, DateTimeKind.Utc)).Run(nightly: true)
            .PlayAsync();
        Ends(outcome, "A", "OptIn, no photo");
    }
}
