using System.Net;
using Microsoft.EntityFrameworkCore;
using PhotoRepository.Core.Entities;
using PhotoRepository.Web.Seeding;
using PhotoRepository.Web.Tests.Infrastructure;
using PhotoRepository.Web.Tests.Photos;
using Xunit.Abstractions;

namespace PhotoRepository.Web.Tests.Crash;

/// <summary>
/// kill -9 at seeded random moments during every long job, on the real process, then the same files started
/// again: the end state must equal a run that was never killed. Each round drives one clerk's day over HTTP:
/// a Photo Import Wizard upload (killed while the photos are checked), its commit (killed while importing), a
/// sync run by state staff (killed while running) and an opt-out (killed while it is saved and withdrawn).
/// CRASH_ROUNDS (default 5, so at least 20 kills) sets how many rounds; CRASH_SEED replays one.
/// </summary>
[Collection(CrashCollection.Name)]
public sealed class CrashHarnessTests(CrashFixture golden, ITestOutputHelper output)
{
    private const int PhotosInZip = 40;

    [Fact]
    public async Task Killing_the_app_at_random_moments_of_each_long_job_ends_exactly_like_a_run_never_killed()
    {
        var rounds = int.TryParse(Environment.GetEnvironmentVariable("CRASH_ROUNDS"), out var r) ? r : 5;
        var total = System.Diagnostics.Stopwatch.StartNew();
        var firstSeed = int.TryParse(Environment.GetEnvironmentVariable("CRASH_SEED"), out var s) ? s : 1300;

        var baseline = await RunRoundAsync(seed: 0, kill: false);
        output.WriteLine($"baseline: {baseline.Timings}");
        var kills = 0;
        var interrupted = 0;
        for (var round = 0; round < rounds; round++)
        {
            var seed = firstSeed + round;
            var result = await RunRoundAsync(seed, kill: true);
            kills += result.Kills;
            interrupted += result.Interrupted;
            output.WriteLine($"seed {seed}: {result.Kills} kills, {result.Interrupted} in the middle of a job");
            Assert.Equal(baseline.End.Photos, result.End.Photos);
            Assert.Equal(baseline.End.Contents, result.End.Contents);
            Assert.Equal(baseline.End.Report, result.End.Report);
            Assert.Equal(baseline.End.StatePhotos, result.End.StatePhotos);
            Assert.Equal(baseline.End.StateValues, result.End.StateValues);
            Assert.Equal(PhotoImportStatus.Finished, result.End.BatchStatus);
            Assert.Empty(result.End.Stuck);
            Assert.Empty(result.End.OptedOutAtState);
        }
        output.WriteLine($"{kills} kills, {interrupted} mid-job, in {total.Elapsed.TotalSeconds:0} s");
        Assert.True(kills >= rounds * 4, $"{kills} kills");
        // Most kills must land while a job is working, or the harness proves little.
        Assert.True(interrupted * 3 >= kills, $"only {interrupted} of {kills} kills interrupted a job");
    }

    private sealed record Timings(TimeSpan Check, TimeSpan Commit, TimeSpan Sync)
    {
        public override string ToString() => $"check {Check.TotalMilliseconds:0} ms, commit {Commit.TotalMilliseconds:0} ms, sync {Sync.TotalMilliseconds:0} ms";
    }

    private sealed record EndState(
        string Photos, string Contents, string Report, string StatePhotos, string StateValues,
        PhotoImportStatus BatchStatus, List<string> Stuck, List<string> OptedOutAtState);

    private sealed record RoundResult(EndState End, Timings Timings, int Kills, int Interrupted);

    private async Task<RoundResult> RunRoundAsync(int seed, bool kill)
    {
        var random = new Random(seed);
        var folder = Path.Combine(golden.Root, kill ? $"round-{seed}" : "baseline");
        AppProcess.CopyFolder(golden.Folder, folder);
        using var app = new AppProcess(folder);
        await app.StartAsync();
        var kills = 0;
        var interrupted = 0;

        async Task<bool> KillAsync(string phase, Func<Task<bool>> stillWorking)
        {
            app.Kill();
            kills++;
            var mid = await stillWorking();
            if (mid) interrupted++;
            var started = System.Diagnostics.Stopwatch.StartNew();
            await app.StartAsync();
            output.WriteLine($"  seed {seed}: killed during {phase} ({(mid ? "mid-job" : "job already done")}), restarted in {started.ElapsedMilliseconds} ms");
            return mid;
        }

        TimeSpan Jitter() => TimeSpan.FromMilliseconds(random.Next(0, 150));

        // 1. Upload: the check runs in the background.
        var clerk = await SignInAsync(app, DemoData.HelenaClerk);
        var page = await clerk.GetPageAsync("/District/Import/Photos");
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var upload = await clerk.PostFileAsync(page, "/District/Import/Photos", "Input.Zip", "picture-day.zip", golden.Zip,
            new Dictionary<string, string> { ["Input.IdentifierKind"] = "StateStudentId", ["Input.PhotoDate"] = "2026-09-10", ["Input.ReplaceExisting"] = "true" });
        Assert.Equal(HttpStatusCode.Redirect, upload.StatusCode);
        var batchId = int.Parse(upload.Headers.Location!.ToString().Split('/').Last());
        if (kill)
        {
            // At a seeded point of the check's progress (it saves every 20 photos), plus a seeded jitter.
            var target = random.Next(0, PhotosInZip / Core.Photos.Import.PhotoImportCheckJob.SaveEvery) * Core.Photos.Import.PhotoImportCheckJob.SaveEvery;
            await UntilAsync(async () =>
            {
                await using var db = app.Db();
                return await db.PhotoImportBatches.AnyAsync(b => b.Id == batchId && (b.CheckedCount >= target || b.Status != PhotoImportStatus.Checking));
            });
            await Task.Delay(Jitter());
            await KillAsync("the check", async () => await StatusAsync(app, batchId) == PhotoImportStatus.Checking);
            clerk = await SignInAsync(app, DemoData.HelenaClerk);
        }
        await WaitAsync(async () => await StatusAsync(app, batchId) == PhotoImportStatus.Previewed, "the check to finish");
        var check = clock.Elapsed;

        // 2. Commit: the import runs in the background, photo by photo.
        var batchPage = await clerk.GetPageAsync($"/District/Import/Photos/Batch/{batchId}");
        clock.Restart();
        Assert.Equal(HttpStatusCode.Redirect, (await clerk.SubmitAsync(batchPage, "#import-commit-form", new Dictionary<string, string>(), "#import-commit")).StatusCode);
        if (kill)
        {
            // Once or twice: a resumed import is killed again.
            for (var k = 0; k < 1 + random.Next(2); k++)
            {
                // After a seeded number of photos are stored, plus a seeded jitter.
                var target = random.Next(1, PhotosInZip);
                await UntilAsync(async () =>
                {
                    await using var db = app.Db();
                    return await db.PhotoImportItems.CountAsync(i => i.BatchId == batchId && i.Kind == PhotoImportEntryKind.Matched && i.Outcome != PhotoImportOutcome.Pending) >= target
                           || await StatusAsync(app, batchId) == PhotoImportStatus.Finished;
                });
                await Task.Delay(Jitter());
                await KillAsync("the import", async () => await StatusAsync(app, batchId) is PhotoImportStatus.Queued or PhotoImportStatus.Running);
            }
        }
        await WaitAsync(async () => await StatusAsync(app, batchId) == PhotoImportStatus.Finished, "the import to finish");
        var commit = clock.Elapsed;

        // 3. A sync run by state staff copies the new photos to the state.
        var aim = await SignInAsync(app, DemoData.StateStaff);
        var runs = await aim.GetPageAsync("/State/Aim/SyncRuns");
        var before = await LastRunIdAsync(app);
        clock.Restart();
        Assert.Equal(HttpStatusCode.Redirect, (await aim.SubmitAsync(runs, "form[action*='RunNow']", new Dictionary<string, string>())).StatusCode);
        if (kill)
        {
            // Once the run has begun, plus a seeded jitter.
            await UntilAsync(async () =>
            {
                await using var db = app.Db();
                return await db.SyncRuns.AnyAsync(r => r.Id > before);
            });
            await Task.Delay(Jitter());
            var started = true;
            await KillAsync("the sync run", async () =>
            {
                await using var db = app.Db();
                started = await db.SyncRuns.AnyAsync(r => r.Id > before);
                return await db.SyncRuns.AnyAsync(r => r.Id > before && r.Outcome == SyncOutcome.Running);
            });
            if (!started)
            {
                // Killed before the run began: the Sync runs page shows no new run, and staff press the button again.
                aim = await SignInAsync(app, DemoData.StateStaff);
                runs = await aim.GetPageAsync("/State/Aim/SyncRuns");
                Assert.Equal(HttpStatusCode.Redirect, (await aim.SubmitAsync(runs, "form[action*='RunNow']", new Dictionary<string, string>())).StatusCode);
            }
        }
        await WaitAsync(async () =>
        {
            await using var db = app.Db();
            return await db.SyncRuns.AnyAsync(r => r.Id > before && r.Outcome == SyncOutcome.Succeeded)
                   && !await db.SyncRuns.AnyAsync(r => r.Outcome == SyncOutcome.Running);
        }, "the sync run to succeed");
        var sync = clock.Elapsed;

        // 4. An opt-out of an imported, opted-in student: the state photo goes at once.
        clerk = await SignInAsync(app, DemoData.HelenaClerk);
        var optIn = await clerk.GetPageAsync($"/District/Students/OptIn/{golden.OptOutStudentId}");
        var fields = new Dictionary<string, string> { ["Input.NewValue"] = "OptOut", ["Input.Source"] = "WrittenRequest" };
        var saving = clerk.SubmitAsync(optIn, "#opt-in-form", fields);
        if (kill)
        {
            // Once the opt-out is saved (or the page answered), plus a short seeded jitter: the withdrawal is in flight.
            await UntilAsync(async () =>
            {
                if (saving.IsCompleted) return true;
                await using var db = app.Db();
                return await OptedOutAsync(db);
            });
            await Task.Delay(TimeSpan.FromMilliseconds(random.Next(0, 30)));
            var saved = false;
            await KillAsync("the opt-out", async () =>
            {
                await using var db = app.Db();
                saved = await OptedOutAsync(db);
                // Saved but the photo still at the state: the withdrawal was in flight.
                return saved && await db.StatePhotos.AnyAsync(p => p.StateStudent!.StateStudentId == golden.OptOutStateId);
            });
            try { await saving; } catch (HttpRequestException) { } catch (TaskCanceledException) { }
            if (!saved)
            {
                // The clerk never saw "Saved": they do it again.
                clerk = await SignInAsync(app, DemoData.HelenaClerk);
                optIn = await clerk.GetPageAsync($"/District/Students/OptIn/{golden.OptOutStudentId}");
                Assert.Equal(HttpStatusCode.Redirect, (await clerk.SubmitAsync(optIn, "#opt-in-form", fields)).StatusCode);
            }
        }
        else Assert.Equal(HttpStatusCode.Redirect, (await saving).StatusCode);
        await WaitAsync(async () =>
        {
            await using var db = app.Db();
            return !await db.StatePhotos.AnyAsync(p => p.StateStudent!.StateStudentId == golden.OptOutStateId)
                   && !await db.StateSyncRequests.AnyAsync();
        }, "the opt-out to withdraw the state photo");

        var end = await EndStateAsync(app, batchId);
        app.Kill();
        return new RoundResult(end, new Timings(check, commit, sync), kills, interrupted);
    }

    private async Task<bool> OptedOutAsync(Core.Data.PhotoRepositoryDbContext db) =>
        await db.OptInChanges.AnyAsync(c => c.StudentId == golden.OptOutStudentId && c.NewValue == OptInChoice.OptOut);

    private static async Task<EndState> EndStateAsync(AppProcess app, int batchId)
    {
        await using var db = app.Db();
        var photos = await db.DistrictPhotos.AsNoTracking().OrderBy(p => p.StudentId).Select(p => p.StudentId + ":" + p.Sha256 + ":" + p.PhotoDate).ToListAsync();
        var contents = await db.PhotoContents.AsNoTracking().OrderBy(c => c.Sha256).Select(c => c.Sha256).ToListAsync();
        var items = await db.PhotoImportItems.AsNoTracking().Where(i => i.BatchId == batchId).OrderBy(i => i.EntryIndex)
            .Select(i => i.EntryIndex + ":" + i.Kind + ":" + i.Outcome + ":" + i.Message).ToListAsync();
        var state = await db.StatePhotos.AsNoTracking().OrderBy(p => p.StateStudent!.StateStudentId).Select(p => p.StateStudent!.StateStudentId + ":" + p.Sha256).ToListAsync();
        var values = await db.StateStudents.AsNoTracking().OrderBy(s => s.StateStudentId).Select(s => s.StateStudentId + ":" + s.OptIn).ToListAsync();
        var batch = await db.PhotoImportBatches.AsNoTracking().FirstAsync(b => b.Id == batchId);
        var stuck = await db.PhotoImportBatches.AsNoTracking()
            .Where(b => b.Status == PhotoImportStatus.Checking || b.Status == PhotoImportStatus.Queued || b.Status == PhotoImportStatus.Running || b.Status == PhotoImportStatus.Failed)
            .Select(b => b.Id + " " + b.Status).ToListAsync();
        stuck.AddRange(await db.SyncRuns.AsNoTracking().Where(r => r.Outcome == SyncOutcome.Running).Select(r => "sync run " + r.Id).ToListAsync());
        var optedOut = await db.StatePhotos.AsNoTracking().Where(p => p.StateStudent!.OptIn == OptInChoice.OptOut).Select(p => p.StateStudent!.StateStudentId).ToListAsync();
        return new EndState(string.Join("\n", photos), string.Join("\n", contents), string.Join("\n", items), string.Join("\n", state),
            string.Join("\n", values), batch.Status, stuck, optedOut);
    }

    private static async Task<HttpClient> SignInAsync(AppProcess app, string email)
    {
        var client = app.NewClient();
        Assert.Equal(HttpStatusCode.Redirect, (await client.SignInAsync(email)).StatusCode);
        return client;
    }

    private static async Task<PhotoImportStatus> StatusAsync(AppProcess app, int batchId)
    {
        await using var db = app.Db();
        return await db.PhotoImportBatches.AsNoTracking().Where(b => b.Id == batchId).Select(b => b.Status).FirstAsync();
    }

    private static async Task<long> LastRunIdAsync(AppProcess app)
    {
        await using var db = app.Db();
        return await db.SyncRuns.AsNoTracking().MaxAsync(r => (long?)r.Id) ?? 0;
    }

    /// <summary>Polls fast, to catch a job at the moment chosen; gives up quietly (the kill then lands late).</summary>
    private static async Task UntilAsync(Func<Task<bool>> reached)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline && !await reached()) await Task.Delay(10);
    }

    private static async Task WaitAsync(Func<Task<bool>> done, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!await done())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Waited 60 s for {what}.");
            await Task.Delay(100);
        }
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class CrashCollection : ICollectionFixture<CrashFixture>
{
    public const string Name = "crash harness";
}

/// <summary>One seeded database (the demo data), copied for every round, and the ZIP each round uploads.</summary>
public sealed class CrashFixture : IAsyncLifetime
{
    public string Root { get; } = Path.Combine(Path.GetTempPath(), "photorepo-crash", Guid.NewGuid().ToString("N"));
    public string Folder => Path.Combine(Root, "golden");
    public byte[] Zip { get; private set; } = [];
    public int OptOutStudentId { get; private set; }
    public string OptOutStateId { get; private set; } = "";

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Folder);
        using var app = new AppProcess(Folder);
        await app.StartAsync(seed: true);
        app.Kill();
        await using var db = app.Db();
        // Half already have a photo (replaced), half have none (added); the opt-out student is opted in.
        var helena = await db.Students.AsNoTracking().Where(s => s.District!.Code == "0101").OrderBy(s => s.Id)
            .Select(s => new { s.Id, s.StateStudentId, HasPhoto = s.Photo != null, s.OptIn }).ToListAsync();
        var chosen = helena.Where(s => s.HasPhoto).Take(PhotosInZip / 2).Concat(helena.Where(s => !s.HasPhoto).Take(PhotosInZip / 2)).ToList();
        Zip = PhotoCorpus.Zip(chosen.Select((s, i) => ($"{s.StateStudentId}.jpg", PhotoCorpus.Jpeg(5000 + i, 900, 1200))).ToArray());
        var target = chosen.First(s => s.OptIn == OptInChoice.OptIn);
        (OptOutStudentId, OptOutStateId) = (target.Id, target.StateStudentId);
    }

    private const int PhotosInZip = 40;

    public Task DisposeAsync()
    {
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { }
        return Task.CompletedTask;
    }
}
