using Microsoft.EntityFrameworkCore;
using PhotoRepository.Core.Entities;
using static PhotoRepository.Core.Entities.OptInChoice;

namespace PhotoRepository.Core.Tests.Sync;

/// <summary>
/// Nightly runs decide only the students changed since the last successful run. What matters is that
/// this never ends anywhere a full run would not: each test plays the same nights on two databases,
/// one synced nightly and one with full runs, and compares the state sides.
/// </summary>
public sealed class ChangedStudentsSyncTests : IDisposable
{
    private readonly SyncDatabase _nightly = new();
    private readonly SyncDatabase _full = new();

    public void Dispose()
    {
        _nightly.Dispose();
        _full.Dispose();
    }

    private static async Task<SyncRun> RunAsync(SyncDatabase data, SyncTrigger trigger)
    {
        await using var db = data.NewContext();
        var run = await data.Job(db).RunAsync(trigger, "test");
        Assert.NotNull(run);
        return run;
    }

    /// <summary>Applies the same change to both databases.</summary>
    private void Both(Action<SyncDatabase> change)
    {
        change(_nightly);
        change(_full);
    }

    private void NextNight() => Later(TimeSpan.FromDays(1) - TimeSpan.FromHours(8));

    private void Later(TimeSpan by)
    {
        _nightly.Clock.Now += by;
        _full.Clock.Now += by;
    }

    /// <summary>Runs the night on both sides (some hours after the day's changes), checks they agree, and returns the nightly run.</summary>
    private async Task<SyncRun> NightAsync()
    {
        Later(TimeSpan.FromHours(8));
        var nightly = await RunAsync(_nightly, SyncTrigger.Nightly);
        await RunAsync(_full, SyncTrigger.Manual);
        Assert.Equal(_full.StateSnapshot(), _nightly.StateSnapshot());
        return nightly;
    }

    private async Task FirstNightAsync()
    {
        Both(d =>
        {
            d.Student("1001", d.Helena, OptIn, photoDaysOld: 30);
            d.Student("1002", d.Helena, OptIn, photoDaysOld: 30);
            d.Student("1003", d.Helena, Unknown);
            d.Student("1004", d.Missoula, OptOut);
        });
        var first = await NightAsync();
        Assert.Equal(SyncScope.Full, first.Scope); // nothing succeeded before: a full run
    }

    [Fact]
    public async Task A_nightly_run_decides_only_the_student_whose_choice_changed()
    {
        await FirstNightAsync();
        NextNight();
        Both(d => d.Student("1002", d.Helena, OptOut, recordedDaysAgo: 0));

        var run = await NightAsync();

        Assert.Equal(SyncScope.Changed, run.Scope);
        Assert.Equal(1, run.Totals.RemovedOptedOut);
        Assert.Equal(0, run.Totals.Unchanged); // the three others were not read at all
        Assert.Null(_nightly.Read(db => db.StatePhotos.SingleOrDefault(p => p.StateStudent!.StateStudentId == "1002")));
    }

    [Fact]
    public async Task A_new_photo_alone_marks_the_student_changed_and_reaches_the_state()
    {
        await FirstNightAsync();
        var versionBefore = _nightly.Read(db => db.Students.Single(s => s.StateStudentId == "1001").Version);
        NextNight();
        Both(d => d.Student("1001", d.Helena, OptIn, photoDaysOld: 1, recordedDaysAgo: 11, photoSeed: "picture day"));

        var run = await NightAsync();

        Assert.Equal(SyncScope.Changed, run.Scope);
        Assert.Equal(1, run.Totals.Replaced);
        Assert.Equal(0, run.Totals.Unchanged);
        // The photo is not an edit of the student's record: a clerk editing it meanwhile is not told it changed.
        Assert.Equal(versionBefore, _nightly.Read(db => db.Students.Single(s => s.StateStudentId == "1001").Version));
    }

    [Fact]
    public async Task A_brand_new_student_is_decided_the_night_after_it_is_added()
    {
        await FirstNightAsync();
        NextNight();
        Both(d => d.Student("2001", d.Missoula, OptIn, photoDaysOld: 5));

        var run = await NightAsync();

        Assert.Equal(1, run.Totals.Copied);
        Assert.Equal(OptIn, _nightly.Read(db => db.StateStudents.Single(s => s.StateStudentId == "2001").OptIn));
    }

    [Fact]
    public async Task A_state_photo_turning_two_years_old_is_purged_although_no_district_record_changed()
    {
        Both(d => d.Student("1001", d.Helena, OptIn, photoDaysOld: 2 * 365 - 3));
        await NightAsync();
        Assert.NotNull(_nightly.Read(db => db.StatePhotos.SingleOrDefault()));

        for (var night = 0; night < 4; night++)
        {
            NextNight();
            await NightAsync();
        }

        Assert.Null(_nightly.Read(db => db.StatePhotos.SingleOrDefault()));
        var runs = _nightly.Read(db => db.SyncRuns.AsNoTracking().OrderBy(r => r.Id).ToList());
        Assert.All(runs.Skip(1), r => Assert.Equal(SyncScope.Changed, r.Scope));
        Assert.Equal(1, runs.Sum(r => r.Totals.RemovedExpired));
    }

    [Fact]
    public async Task A_corrected_state_id_hands_the_old_id_back_to_the_other_district()
    {
        // Both districts know 3001; Helena's choice is the more recent one, so Helena supplies it.
        Both(d =>
        {
            d.Student("3001", d.Missoula, OptOut, recordedDaysAgo: 40);
            d.Student("3001", d.Helena, OptIn, photoDaysOld: 10, recordedDaysAgo: 5);
        });
        await NightAsync();
        Assert.Equal(OptIn, _nightly.Read(db => db.StateStudents.Single(s => s.StateStudentId == "3001").OptIn));

        // Helena's clerk finds the id was mistyped: the student is 3002. Only Missoula now speaks for 3001.
        NextNight();
        Both(d =>
        {
            using var db = d.NewContext();
            db.Students.Single(s => s.StateStudentId == "3001" && s.DistrictId == d.Helena).StateStudentId = "3002";
            db.SaveChanges();
        });
        var run = await NightAsync();

        Assert.Equal(SyncScope.Changed, run.Scope);
        Assert.Equal(OptOut, _nightly.Read(db => db.StateStudents.Single(s => s.StateStudentId == "3001").OptIn));
        Assert.Equal(OptIn, _nightly.Read(db => db.StateStudents.Single(s => s.StateStudentId == "3002").OptIn));
    }

    [Fact]
    public async Task After_a_failed_night_the_next_one_still_decides_what_changed_before_it()
    {
        await FirstNightAsync();
        NextNight();
        Both(d => d.Student("1001", d.Helena, OptOut, recordedDaysAgo: 0));
        await using (var db = _nightly.NewContext())
        {
            var crashing = _nightly.Job(db);
            crashing.CrashAfter = 0;
            await Assert.ThrowsAsync<InvalidOperationException>(() => crashing.RunAsync(SyncTrigger.Nightly, "crashing"));
        }

        NextNight();
        var run = await NightAsync();

        Assert.Equal(SyncScope.Changed, run.Scope);
        Assert.Equal(1, run.Totals.RemovedOptedOut);
    }

    [Fact]
    public async Task A_week_after_the_last_full_run_the_nightly_run_decides_everyone_again()
    {
        await FirstNightAsync();
        var scopes = new List<SyncScope>();
        for (var night = 1; night <= 8; night++)
        {
            NextNight();
            scopes.Add((await NightAsync()).Scope);
        }

        // Nights 1-6 are within a week of the first full run; night 7 is a week after it.
        Assert.Equal([.. Enumerable.Repeat(SyncScope.Changed, 6), SyncScope.Full, SyncScope.Changed], scopes);
    }

    [Fact]
    public async Task A_manual_run_by_state_staff_always_decides_everyone()
    {
        await FirstNightAsync();
        NextNight();
        var run = await RunAsync(_nightly, SyncTrigger.Manual);
        Assert.Equal(SyncScope.Full, run.Scope);
        Assert.Equal(4, run.Totals.Unchanged);
    }
}
