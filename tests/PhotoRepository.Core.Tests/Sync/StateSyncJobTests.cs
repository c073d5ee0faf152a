using Microsoft.EntityFrameworkCore;
using PhotoRepository.Core.Entities;
using static PhotoRepository.Core.Entities.OptInChoice;

namespace PhotoRepository.Core.Tests.Sync;

public class StateSyncJobTests
{
    private static readonly DateOnly Recent = new(2026, 9, 15);
    private static readonly DateOnly TwoYearsOld = new(2024, 9, 15);

    [Fact]
    public async Task A_full_run_copies_opted_in_current_photos_only_and_records_what_it_did()
    {
        using var data = new SyncDatabase();
        data.AddStudent("1001", data.DistrictA, OptIn, photoDate: Recent);
        data.AddStudent("1002", data.DistrictA, OptOut, photoDate: Recent);
        data.AddStudent("1003", data.DistrictA, Unknown, photoDate: Recent);
        data.AddStudent("1004", data.DistrictB, OptIn, photoDate: TwoYearsOld);
        data.AddStudent("1005", data.DistrictB, OptIn);

        using (var job = data.Job()) await job.RunAsync(SyncTrigger.Manual, "test");

        using var db = data.NewContext();
        var state = db.StateStudents.Include(s => s.Photo).ToDictionary(s => s.StateStudentId);
        Assert.NotNull(state["1001"].Photo);
        Assert.Equal(OptIn, state["1001"].OptIn);
        Assert.Null(state["1002"].Photo);
        Assert.Equal(OptOut, state["1002"].OptIn);
        Assert.Null(state["1003"].Photo);
        Assert.Equal(Unknown, state["1003"].OptIn);
        Assert.Null(state["1004"].Photo);
        Assert.Null(state["1005"].Photo);
        // The state photo shares the district's bytes: nothing was copied twice.
        Assert.Equal(db.DistrictPhotos.IgnoreQueryFilters().Single(p => p.Student!.StateStudentId == "1001").Sha256, state["1001"].Photo!.Sha256);

        var run = db.SyncRuns.Include(r => r.Districts).Single();
        Assert.Equal(SyncOutcome.Succeeded, run.Outcome);
        Assert.Equal(1, run.Totals.Copied);
        Assert.Equal(5, run.Totals.StateValueChanged);
        Assert.Equal(1, run.Districts.Single(d => d.DistrictId == data.DistrictA).Counts.Copied);
    }

    [Fact]
    public async Task A_second_run_right_after_the_first_changes_nothing()
    {
        using var data = new SyncDatabase();
        for (var i = 0; i < 30; i++)
            data.AddStudent($"2{i:000}", i % 2 == 0 ? data.DistrictA : data.DistrictB, (OptInChoice)(i % 3), photoDate: i % 4 == 0 ? TwoYearsOld : Recent);
        using (var job = data.Job()) await job.RunAsync(SyncTrigger.Manual, "test");
        var after = data.StateSnapshot();

        using (var job = data.Job()) await job.RunAsync(SyncTrigger.Manual, "test");

        Assert.Equal(after, data.StateSnapshot());
        using var db = data.NewContext();
        var second = db.SyncRuns.OrderBy(r => r.Id).Last();
        Assert.Equal(0, second.Totals.Copied + second.Totals.Replaced + second.Totals.RemovedOptedOut + second.Totals.RemovedExpired + second.Totals.StateValueChanged);
        Assert.Equal(30, second.Totals.Unchanged);
    }

    [Fact]
    public async Task A_run_killed_halfway_and_run_again_ends_exactly_like_one_clean_run()
    {
        using var clean = new SyncDatabase();
        using var crashed = new SyncDatabase();
        foreach (var data in new[] { clean, crashed })
            for (var i = 0; i < 2500; i++)
                data.AddStudentFast(i);

        using (var job = clean.Job()) await job.RunAsync(SyncTrigger.Manual, "test");

        using (var job = crashed.Job())
        {
            job.FailAfterStudents = 1700;
            await Assert.ThrowsAsync<InvalidOperationException>(() => job.RunAsync(SyncTrigger.Manual, "test"));
        }
        using (var db = crashed.NewContext())
        {
            Assert.Equal(SyncOutcome.Failed, db.SyncRuns.Single().Outcome);
            Assert.InRange(db.StateStudents.Count(), 1, 2499);
        }
        using (var job = crashed.Job()) await job.RunAsync(SyncTrigger.Manual, "test");

        Assert.Equal(Strip(clean.StateSnapshot()), Strip(crashed.StateSnapshot()));
        static string Strip(string snapshot) => snapshot[..snapshot.LastIndexOf("history", StringComparison.Ordinal)];
    }

    [Fact]
    public async Task An_opt_out_withdraws_the_state_photo_at_once_and_the_bytes_go_when_nothing_points_at_them()
    {
        using var data = new SyncDatabase();
        data.AddStudent("3001", data.DistrictA, OptIn, photoDate: Recent);
        using (var job = data.Job()) await job.RunAsync(SyncTrigger.Manual, "test");

        // The district photo stays at the district: the shared bytes must stay too.
        data.Change("3001", data.DistrictA, s => { s.OptIn = OptOut; s.OptInRecordedAt = new DateTime(2026, 11, 20); });
        using (var job = data.Job()) await job.SyncStudentAsync("3001");

        using var db = data.NewContext();
        var state = db.StateStudents.Include(s => s.Photo).Single();
        Assert.Equal(OptOut, state.OptIn);
        Assert.Null(state.Photo);
        Assert.Equal(1, db.PhotoContents.Count());
        Assert.Equal([OptIn, OptOut], db.StateOptInChanges.OrderBy(c => c.Id).Select(c => c.NewValue!.Value).ToArray());
    }

    [Fact]
    public async Task Unknown_from_a_new_district_keeps_the_last_explicit_choice_and_its_photo()
    {
        using var data = new SyncDatabase();
        data.AddStudent("4001", data.DistrictA, OptIn, new DateTime(2026, 9, 1), Recent);
        using (var job = data.Job()) await job.RunAsync(SyncTrigger.Manual, "test");

        data.AddStudent("4001", data.DistrictB, Unknown, new DateTime(2026, 11, 1));
        using (var job = data.Job()) await job.RunAsync(SyncTrigger.Manual, "test");

        using var db = data.NewContext();
        var state = db.StateStudents.Include(s => s.Photo).Single();
        Assert.Equal(OptIn, state.OptIn);
        Assert.Equal(data.DistrictA, state.LastExplicitDistrictId);
        Assert.NotNull(state.Photo);
    }

    [Fact]
    public async Task A_move_where_the_new_district_opts_out_removes_the_photo_from_the_old_district()
    {
        using var data = new SyncDatabase();
        data.AddStudent("5001", data.DistrictA, OptIn, new DateTime(2025, 9, 1), Recent);
        data.AddStudent("5001", data.DistrictB, OptOut, new DateTime(2026, 10, 1));
        using (var job = data.Job()) await job.RunAsync(SyncTrigger.Manual, "test");

        using var db = data.NewContext();
        var state = db.StateStudents.Include(s => s.Photo).Single();
        Assert.Equal(OptOut, state.OptIn);
        Assert.Equal(data.DistrictB, state.LastExplicitDistrictId);
        Assert.Null(state.Photo);
    }

    [Fact]
    public async Task A_state_photo_that_turns_two_years_old_is_removed_whatever_the_value()
    {
        using var data = new SyncDatabase();
        data.AddStudent("6001", data.DistrictA, OptIn, photoDate: new DateOnly(2024, 11, 24));
        using (var job = data.Job()) await job.RunAsync(SyncTrigger.Manual, "test");
        using (var db = data.NewContext()) Assert.NotNull(db.StatePhotos.SingleOrDefault());

        // Next day in Denver it is two years old.
        var later = new SyncDatabaseClock(data, new DateTimeOffset(2026, 11, 24, 17, 0, 0, TimeSpan.Zero));
        using (var job = later.Job()) await job.RunAsync(SyncTrigger.Nightly, "test");

        using var after = data.NewContext();
        Assert.Empty(after.StatePhotos);
        Assert.Equal(1, after.SyncRuns.OrderBy(r => r.Id).Last().Totals.RemovedExpired);
    }

    [Fact]
    public async Task A_second_run_does_not_start_while_one_is_running()
    {
        using var data = new SyncDatabase();
        using (var db = data.NewContext())
        {
            db.SyncRuns.Add(new SyncRun { Trigger = SyncTrigger.Nightly, StartedAt = new DateTime(2026, 11, 23, 16, 0, 0), Outcome = SyncOutcome.Running });
            db.SaveChanges();
        }
        using var job = data.Job();
        Assert.Equal(0, await job.RunAsync(SyncTrigger.Manual, "test"));
        using var check = data.NewContext();
        Assert.Single(check.SyncRuns);
    }
}
