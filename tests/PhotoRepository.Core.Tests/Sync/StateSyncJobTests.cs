using Microsoft.EntityFrameworkCore;
using PhotoRepository.Core.Entities;
using PhotoRepository.Core.Rules;
using static PhotoRepository.Core.Entities.OptInChoice;

namespace PhotoRepository.Core.Tests.Sync;

/// <summary>The sync job against a real SQLite database built with the migrations.</summary>
public sealed class StateSyncJobTests : IDisposable
{
    private readonly SyncDatabase _data = new();

    public void Dispose() => _data.Dispose();

    private async Task<SyncRun> RunAsync(int batchSize = 1000)
    {
        await using var db = _data.NewContext();
        var job = _data.Job(db);
        job.BatchSize = batchSize;
        var run = await job.RunAsync(SyncTrigger.Manual, "test");
        Assert.NotNull(run);
        return run;
    }

    private StateStudent? State(string id) => _data.Read(db => db.StateStudents.AsNoTracking().Include(s => s.Photo).SingleOrDefault(s => s.StateStudentId == id));
    private string DistrictSha(string id, int district) => _data.Read(db => db.DistrictPhotos.Single(p => p.Student!.StateStudentId == id && p.DistrictId == district).Sha256);

    [Fact]
    public async Task Opt_In_with_a_current_photo_is_copied_by_sharing_the_district_bytes()
    {
        _data.Student("1001", _data.Helena, OptIn, photoDaysOld: 30);
        var run = await RunAsync();

        var state = State("1001")!;
        Assert.Equal(OptIn, state.OptIn);
        Assert.Equal(DistrictSha("1001", _data.Helena), state.Photo!.Sha256);
        Assert.Equal(_data.Today.AddDays(-30), state.Photo.PhotoDate);
        Assert.Equal("Helena High", state.SchoolName);
        Assert.Equal(1, _data.Read(db => db.PhotoContents.Count()));
        Assert.Equal(1, run.Totals.Copied);
        Assert.Equal(1, run.Totals.StateValueChanged);
        Assert.True(StateAvailability.IsAvailable(state.OptIn, state.Photo.PhotoDate, _data.Today));
    }

    [Fact]
    public async Task Every_transition_of_the_table_lands_in_the_state()
    {
        _data.Student("opt-in", _data.Helena, OptIn, photoDaysOld: 30);
        _data.Student("opt-in-old-photo", _data.Helena, OptIn, photoDaysOld: 800);
        _data.Student("opt-out", _data.Helena, OptIn, photoDaysOld: 30);
        _data.Student("unknown-blank", _data.Helena, Unknown, photoDaysOld: 30);
        _data.Student("unknown-after-in", _data.Helena, OptIn, photoDaysOld: 30);
        _data.Student("unknown-after-out", _data.Helena, OptOut);
        _data.Student("replaced", _data.Helena, OptIn, photoDaysOld: 300);
        await RunAsync();

        _data.Student("opt-out", _data.Helena, OptOut);
        _data.Student("unknown-after-in", _data.Helena, Unknown);
        _data.Student("unknown-after-out", _data.Helena, Unknown);
        _data.Student("replaced", _data.Helena, OptIn, photoDaysOld: 20, photoSeed: "new");
        var second = await RunAsync();

        Assert.Equal(OptIn, State("opt-in")!.OptIn);
        Assert.NotNull(State("opt-in")!.Photo);
        Assert.Equal(OptIn, State("opt-in-old-photo")!.OptIn);
        Assert.Null(State("opt-in-old-photo")!.Photo);
        Assert.Equal(OptOut, State("opt-out")!.OptIn);
        Assert.Null(State("opt-out")!.Photo);
        Assert.Equal(Unknown, State("unknown-blank")!.OptIn);
        Assert.Null(State("unknown-blank")!.Photo);
        Assert.Equal(OptIn, State("unknown-after-in")!.OptIn);
        Assert.NotNull(State("unknown-after-in")!.Photo); // a photo already at the state stays
        Assert.Equal(OptOut, State("unknown-after-out")!.OptIn);
        Assert.Equal(DistrictSha("replaced", _data.Helena), State("replaced")!.Photo!.Sha256);
        Assert.Equal(_data.Today.AddDays(-20), State("replaced")!.Photo!.PhotoDate);

        Assert.Equal(1, second.Totals.Replaced);
        Assert.Equal(1, second.Totals.RemovedOptedOut);
        Assert.Equal(1, second.Totals.StateValueChanged);
        Assert.Equal(5, second.Totals.Unchanged);

        // The replaced photo's old bytes are no one's any more; the opted-out student's stay for the district.
        var shas = _data.Read(db => db.PhotoContents.Select(c => c.Sha256).ToHashSet());
        Assert.Contains(DistrictSha("opt-out", _data.Helena), shas);
        Assert.Equal(_data.Read(db => db.DistrictPhotos.Select(p => p.Sha256).ToHashSet()), shas);

        var history = _data.Read(db => db.StateOptInChanges.Where(c => c.StateStudentId == db.StateStudents.Single(s => s.StateStudentId == "opt-out").Id).OrderBy(c => c.Id).ToList());
        Assert.Equal([(null, OptIn), (OptIn, OptOut)], history.Select(h => ((OptInChoice?)h.OldValue, (OptInChoice?)h.NewValue)).ToList());
        Assert.All(history, h => Assert.NotNull(h.SyncRunId));
    }

    [Fact]
    public async Task A_second_run_right_after_the_first_changes_nothing()
    {
        Populate(_data);
        await RunAsync(batchSize: 7);
        var before = _data.StateSnapshot();
        var historyRows = _data.Read(db => db.StateOptInChanges.Count());

        var second = await RunAsync(batchSize: 7);

        Assert.Equal(before, _data.StateSnapshot());
        Assert.Equal(historyRows, _data.Read(db => db.StateOptInChanges.Count()));
        Assert.Equal(0, second.Totals.Copied + second.Totals.Replaced + second.Totals.RemovedOptedOut + second.Totals.RemovedExpired + second.Totals.StateValueChanged);
        Assert.Equal(_data.Read(db => db.StateStudents.Count()), second.Totals.Unchanged);
    }

    [Fact]
    public async Task A_run_killed_halfway_and_run_again_ends_exactly_like_one_clean_run()
    {
        using var clean = new SyncDatabase();
        Populate(clean);
        await using (var db = clean.NewContext())
            await clean.Job(db).RunAsync(SyncTrigger.Nightly, "clean");

        Populate(_data);
        await using (var db = _data.NewContext())
        {
            var job = _data.Job(db);
            job.BatchSize = 4;
            job.CrashAfter = 13;
            var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => job.RunAsync(SyncTrigger.Nightly, "crashing"));
            Assert.Contains("Injected failure", ex.Message);
        }
        Assert.NotEqual(clean.StateSnapshot(), _data.StateSnapshot()); // it really stopped halfway
        var failed = _data.Read(db => db.SyncRuns.AsNoTracking().Single());
        Assert.Equal(SyncOutcome.Failed, failed.Outcome);
        Assert.Contains("Injected failure after 13 students", failed.Error);
        Assert.NotNull(failed.EndedAt);

        await RunAsync(batchSize: 4);

        Assert.Equal(clean.StateSnapshot(), _data.StateSnapshot());
        // No photo duplicated: one state photo per student, each pointing at existing bytes.
        Assert.Equal(0, _data.Read(db => db.StatePhotos.GroupBy(p => p.StateStudentId).Count(g => g.Count() > 1)));
        Assert.Equal(0, _data.Read(db => db.StatePhotos.Count(p => !db.PhotoContents.Any(c => c.Sha256 == p.Sha256))));
    }

    [Fact]
    public async Task Saving_Opt_Out_withdraws_the_state_photo_at_once_and_the_district_keeps_its_photo()
    {
        _data.Student("2001", _data.Helena, OptIn, photoDaysOld: 30);
        _data.Student("2002", _data.Helena, OptIn, photoDaysOld: 30);
        await RunAsync();

        _data.Student("2001", _data.Helena, OptOut);
        await using (var db = _data.NewContext())
            await _data.Job(db).SyncStudentAsync("2001");

        var state = State("2001")!;
        Assert.Equal(OptOut, state.OptIn);
        Assert.Null(state.Photo);
        Assert.False(StateAvailability.IsAvailable(state.OptIn, state.Photo?.PhotoDate, _data.Today));
        Assert.Contains(DistrictSha("2001", _data.Helena), _data.Read(db => db.PhotoContents.Select(c => c.Sha256).ToList()));
        Assert.NotNull(State("2002")!.Photo); // only that student
    }

    [Fact]
    public async Task Photos_two_years_old_are_removed_from_the_state_whatever_the_value_and_bytes_go_when_no_one_uses_them()
    {
        _data.Student("3001", _data.Helena, OptIn, photoDaysOld: 30);
        await RunAsync();
        var sha = State("3001")!.Photo!.Sha256;

        // Two years after the photo date the state photo goes, even though the student is still opted in.
        _data.Clock.Now = _data.Clock.Now.AddYears(2).AddDays(-30);
        var run = await RunAsync();
        Assert.Null(State("3001")!.Photo);
        Assert.Equal(OptIn, State("3001")!.OptIn);
        Assert.Equal(1, run.Totals.RemovedExpired);
        Assert.Contains(sha, _data.Read(db => db.PhotoContents.Select(c => c.Sha256).ToList())); // the district's own photo stays

        // Once the district removes its photo too, the bytes go.
        await using (var db = _data.NewContext())
        {
            db.DistrictPhotos.Remove(db.DistrictPhotos.Single());
            await db.SaveChangesAsync();
        }
        await RunAsync();
        Assert.Empty(_data.Read(db => db.PhotoContents.ToList()));
    }

    [Fact]
    public async Task A_state_id_no_district_holds_any_more_is_left_blank_without_its_photo_at_the_next_run()
    {
        _data.Student("3501", _data.Helena, OptIn, photoDaysOld: 30);
        await RunAsync();
        await using (var db = _data.NewContext())
        {
            var student = db.Students.Include(s => s.Photo).Single();
            db.DistrictPhotos.Remove(student.Photo!);
            db.Students.Remove(student);
            await db.SaveChangesAsync();
        }
        var run = await RunAsync();
        Assert.Null(State("3501")!.Photo);
        Assert.Null(State("3501")!.OptIn);
        Assert.Equal(1, run.Totals.RemovedNoLongerHeld);
        Assert.Empty(_data.Read(db => db.PhotoContents.ToList()));
    }

    [Fact]
    public async Task After_a_move_the_most_recent_explicit_choice_wins_and_its_district_supplies_the_photo()
    {
        _data.Student("4001", _data.Helena, OptIn, photoDaysOld: 100, recordedDaysAgo: 300);
        _data.Student("4001", _data.Missoula, Unknown, photoDaysOld: 10, recordedDaysAgo: 5);
        await RunAsync();
        Assert.Equal(OptIn, State("4001")!.OptIn);
        Assert.Equal(DistrictSha("4001", _data.Helena), State("4001")!.Photo!.Sha256);
        Assert.Equal(_data.Helena, State("4001")!.LastExplicitDistrictId);

        // The new district records the parent's Opt In: its (newer) photo replaces the old one.
        _data.Student("4001", _data.Missoula, OptIn, recordedDaysAgo: 1);
        await RunAsync();
        Assert.Equal(DistrictSha("4001", _data.Missoula), State("4001")!.Photo!.Sha256);
        Assert.Equal(_data.Missoula, State("4001")!.DistrictId);
        Assert.Equal("Sentinel High", State("4001")!.SchoolName);

        // Then an Opt Out at the old district, recorded later still, wins.
        _data.Student("4001", _data.Helena, OptOut, recordedDaysAgo: 0);
        await RunAsync();
        Assert.Equal(OptOut, State("4001")!.OptIn);
        Assert.Null(State("4001")!.Photo);
        Assert.Equal(_data.Helena, State("4001")!.LastExplicitDistrictId);
    }

    [Fact]
    public async Task Each_run_is_recorded_with_outcome_and_counts_in_total_and_per_district()
    {
        _data.Student("5001", _data.Helena, OptIn, photoDaysOld: 10);
        _data.Student("5002", _data.Helena, OptOut);
        _data.Student("5003", _data.Missoula, OptIn, photoDaysOld: 10);
        _data.Student("5004", _data.Missoula, Unknown);
        await RunAsync();

        var run = _data.Read(db => db.SyncRuns.AsNoTracking().Include(r => r.Districts).Single());
        Assert.Equal(SyncOutcome.Succeeded, run.Outcome);
        Assert.Equal(SyncTrigger.Manual, run.Trigger);
        Assert.Equal("test", run.StartedBy);
        Assert.NotNull(run.EndedAt);
        Assert.Null(run.Error);
        Assert.Equal(2, run.Totals.Copied);
        Assert.Equal(4, run.Totals.StateValueChanged);
        var helena = run.Districts.Single(d => d.DistrictId == _data.Helena).Counts;
        var missoula = run.Districts.Single(d => d.DistrictId == _data.Missoula).Counts;
        Assert.Equal((1, 2), (helena.Copied, helena.StateValueChanged));
        Assert.Equal((1, 2), (missoula.Copied, missoula.StateValueChanged));
    }

    [Fact]
    public async Task Never_two_runs_at_once_a_second_run_while_the_lease_is_held_does_nothing()
    {
        _data.Student("6001", _data.Helena, OptIn, photoDaysOld: 10);
        await using (var db = _data.NewContext())
        {
            // Another server holds the lease.
            await db.SyncLeases.ExecuteUpdateAsync(s => s.SetProperty(l => l.RunId, 999).SetProperty(l => l.ExpiresAt, _data.Clock.Now.UtcDateTime.AddMinutes(5)));
            Assert.Null(await _data.Job(db).RunAsync(SyncTrigger.Manual, "second"));
        }
        Assert.Null(State("6001"));
        Assert.Empty(_data.Read(db => db.SyncRuns.ToList()));

        // A lease left by a crashed server expires, and the next run goes ahead.
        _data.Clock.Now = _data.Clock.Now.AddMinutes(6);
        await RunAsync();
        Assert.NotNull(State("6001")!.Photo);
        Assert.Null(_data.Read(db => db.SyncLeases.Single().RunId));
    }

    /// <summary>A mixed population: every value, photos current/expired/absent, movers, across two districts.</summary>
    internal static void Populate(SyncDatabase data)
    {
        var values = new[] { OptIn, OptOut, Unknown };
        for (var i = 0; i < 30; i++)
        {
            var id = $"7{i:000}";
            int? age = (i % 4) switch { 0 => 30, 1 => 400, 2 => 900, _ => null };
            data.Student(id, data.Helena, values[i % 3], age, recordedDaysAgo: 50 + i);
            if (i % 5 == 0) data.Student(id, data.Missoula, values[(i + 1) % 3], 60, recordedDaysAgo: 40 - i);
        }
    }
}
