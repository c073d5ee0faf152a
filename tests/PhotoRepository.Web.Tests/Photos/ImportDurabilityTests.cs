using System.Net;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using PhotoRepository.Core.Data;
using PhotoRepository.Core.Entities;
using PhotoRepository.Core.Photos;
using PhotoRepository.Core.Photos.Import;
using PhotoRepository.Web.Seeding;
using PhotoRepository.Web.Setup;
using PhotoRepository.Web.Tests.Infrastructure;

namespace PhotoRepository.Web.Tests.Photos;

/// <summary>
/// The wizard's commit never hangs, runs once however often it is asked for, and a failure leaves the clerk
/// Resume and Cancel; an opt-out's withdrawal is saved with it and recovered after a restart.
/// </summary>
public sealed class ImportDurabilityTests : IClassFixture<AppFactory>
{
    private readonly AppFactory _factory;

    public ImportDurabilityTests(AppFactory factory)
    {
        _factory = factory;
        factory.Settings["Photos:ImportFolder"] = Path.Combine(Path.GetDirectoryName(factory.DatabasePath)!, "imports");
    }

    private sealed record Pupil(int Id, string StateId, bool HasPhoto);

    private List<Pupil> District(string code) => _factory.WithDb(db => db.Students.Where(s => s.District!.Code == code).OrderBy(s => s.Id)
        .Select(s => new Pupil(s.Id, s.StateStudentId, s.Photo != null)).ToList());

    private PhotoImportBatch Batch(int id) => _factory.WithDb(db => db.PhotoImportBatches.AsNoTracking().Include(b => b.Items).First(b => b.Id == id));

    /// <summary>Uploaded and checked: a preview ready to commit.</summary>
    private async Task<(HttpClient Client, int Id)> PreviewAsync(string clerk, IEnumerable<Pupil> pupils, int seed)
    {
        var client = await _factory.SignedInClientAsync(clerk);
        var zip = PhotoCorpus.Zip(pupils.Select((p, i) => ($"{p.StateId}.jpg", PhotoCorpus.Jpeg(seed + i))).ToArray());
        var page = await client.GetPageAsync("/District/Import/Photos");
        var upload = await client.PostFileAsync(page, "/District/Import/Photos", "Input.Zip", "day.zip", zip,
            new Dictionary<string, string> { ["Input.IdentifierKind"] = "StateStudentId", ["Input.PhotoDate"] = "2026-09-10", ["Input.ReplaceExisting"] = "true" });
        Assert.Equal(HttpStatusCode.Redirect, upload.StatusCode);
        var id = int.Parse(upload.Headers.Location!.ToString().Split('/').Last());
        using var scope = _factory.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<PhotoImportChecks>().RunAttemptAsync(id, lastAttempt: true, CancellationToken.None);
        Assert.Equal(PhotoImportStatus.Previewed, Batch(id).Status);
        return (client, id);
    }

    private int EnqueuedImports(int batchId) => _factory.Services.GetRequiredService<JobStorage>().GetMonitoringApi()
        .EnqueuedJobs("default", 0, 10_000).Count(j => j.Value.Job?.Type == typeof(PhotoImportJob) && (int)j.Value.Job.Args[0] == batchId);

    [Fact]
    public async Task Two_simultaneous_commits_queue_one_import_and_the_report_counts_every_replacement()
    {
        var pupils = District("0101").Where(p => p.HasPhoto).Take(10).ToList();
        var (client, id) = await PreviewAsync(DemoData.HelenaClerk, pupils, 7100);
        var other = await _factory.SignedInClientAsync(DemoData.HelenaClerk);
        var pages = await Task.WhenAll(client.GetPageAsync($"/District/Import/Photos/Batch/{id}"), other.GetPageAsync($"/District/Import/Photos/Batch/{id}"));

        var answers = await Task.WhenAll(
            client.SubmitAsync(pages[0], "#import-commit-form", new Dictionary<string, string>(), "#import-commit"),
            other.SubmitAsync(pages[1], "#import-commit-form", new Dictionary<string, string>(), "#import-commit"));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Redirect, a.StatusCode));
        Assert.Equal(1, EnqueuedImports(id));
        var told = await Task.WhenAll(client.GetPageAsync($"/District/Import/Photos/Batch/{id}"), other.GetPageAsync($"/District/Import/Photos/Batch/{id}"));
        Assert.Single(told, page => page.QuerySelector(".flash")?.TextContent.Contains("already started") == true);

        // Even two runs of the job at once (a retry racing recovery) import each photo once.
        var runs = await Task.WhenAll(Enumerable.Range(0, 2).Select(async _ =>
        {
            using var scope = _factory.Services.CreateScope();
            return await scope.ServiceProvider.GetRequiredService<PhotoImportJob>().RunAsync(id);
        }));
        Assert.Single(runs, ran => ran);
        var batch = Batch(id);
        Assert.Equal(PhotoImportStatus.Finished, batch.Status);
        Assert.Equal(10, batch.Items.Count(i => i.Outcome == PhotoImportOutcome.Replaced));
        var report = await client.GetPageAsync($"/District/Import/Photos/Batch/{id}");
        Assert.Contains("10 replaced", report.QuerySelectorAll("#import-report .card").Select(c => string.Join(' ', c.TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))));
    }

    [Fact]
    public async Task An_import_whose_workers_fail_stops_at_once_with_a_message_and_the_clerk_resumes_it()
    {
        var pupils = District("0202").Where(p => !p.HasPhoto).Take(12).ToList();
        var (client, id) = await PreviewAsync(DemoData.MissoulaClerk, pupils, 7200);
        var page = await client.GetPageAsync($"/District/Import/Photos/Batch/{id}");
        await client.SubmitAsync(page, "#import-commit-form", new Dictionary<string, string>(), "#import-commit");

        // Every save of a photo fails (a full disk, say): the reader must not wait for ever on its full queue.
        var failing = FailingScopes(failSaves: int.MaxValue);
        var job = new PhotoImportJob(failing, _factory.Services.GetRequiredService<PhotoLimits>(), TimeProvider.System);
        await Assert.ThrowsAnyAsync<Exception>(() => job.RunAsync(id).WaitAsync(TimeSpan.FromSeconds(60)));

        var failed = Batch(id);
        Assert.Equal(PhotoImportStatus.Failed, failed.Status);
        Assert.Equal(PhotoImportJob.FailedMessage, failed.ImportError);
        var stopped = await client.GetPageAsync($"/District/Import/Photos/Batch/{id}");
        Assert.Contains("stopped", stopped.QuerySelector("#import-error")!.TextContent);
        Assert.NotNull(stopped.QuerySelector("#import-resume"));

        var queuedBefore = EnqueuedImports(id); // the commit's own job is still in the (server-less) storage
        var resume = await client.SubmitAsync(stopped, "#import-resume-form", new Dictionary<string, string>(), "#import-resume");
        Assert.Equal(HttpStatusCode.Redirect, resume.StatusCode);
        Assert.Equal(queuedBefore + 1, EnqueuedImports(id));
        using (var scope = _factory.Services.CreateScope())
            Assert.True(await scope.ServiceProvider.GetRequiredService<PhotoImportJob>().RunAsync(id));
        var done = Batch(id);
        Assert.Equal(PhotoImportStatus.Finished, done.Status);
        Assert.Equal(12, done.Items.Count(i => i.Outcome == PhotoImportOutcome.Added));
        Assert.Equal(12, _factory.WithDb(db => db.DistrictPhotos.Count(p => pupils.Select(x => x.Id).Contains(p.StudentId))));
    }

    [Fact]
    public async Task A_failed_import_cancelled_by_the_clerk_keeps_what_was_imported_and_reports_the_rest()
    {
        var pupils = District("0303").Where(p => !p.HasPhoto).Take(8).ToList();
        var (client, id) = await PreviewAsync(DemoData.BigSkyClerk, pupils, 7300);
        var page = await client.GetPageAsync($"/District/Import/Photos/Batch/{id}");
        await client.SubmitAsync(page, "#import-commit-form", new Dictionary<string, string>(), "#import-commit");
        // The first chunk of three photos is stored, then saves fail.
        var job = new PhotoImportJob(FailingScopes(failSaves: int.MaxValue, after: 1), new PhotoLimits { ImportChunkSize = 3 }, TimeProvider.System);
        await Assert.ThrowsAnyAsync<Exception>(() => job.RunAsync(id).WaitAsync(TimeSpan.FromSeconds(60)));
        var stopped = await client.GetPageAsync($"/District/Import/Photos/Batch/{id}");

        Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitAsync(stopped, "#import-resume-form", new Dictionary<string, string>(), "#import-cancel")).StatusCode);

        var batch = Batch(id);
        Assert.Equal(PhotoImportStatus.Cancelled, batch.Status);
        var added = batch.Items.Count(i => i.Outcome == PhotoImportOutcome.Added);
        Assert.Equal(3, added);
        Assert.Equal(8 - added, batch.Items.Count(i => i.Outcome == PhotoImportOutcome.NotImported));
        Assert.Equal(added, _factory.WithDb(db => db.DistrictPhotos.Count(p => pupils.Select(x => x.Id).Contains(p.StudentId))));
        // The photos the check kept for the rest are gone with the cancellation.
        Assert.Equal(0, _factory.WithDb(db => db.PhotoImportContents.IgnoreQueryFilters().Count(c => c.BatchId == id)));
        Assert.Contains("cancelled", (await client.GetPageAsync($"/District/Import/Photos/Batch/{id}")).QuerySelector("#import-items")!.TextContent);
    }

    [Fact]
    public async Task The_commit_stores_exactly_the_photos_the_check_kept_without_decoding_again_and_then_lets_them_go()
    {
        var pupils = District("0101").Where(p => !p.HasPhoto).Take(6).ToList();
        var client = await _factory.SignedInClientAsync(DemoData.HelenaClerk);
        // The last two students get the same picture: kept once, stored once, pointed at twice.
        var zip = PhotoCorpus.Zip(pupils.Select((p, i) => ($"{p.StateId}.jpg", PhotoCorpus.Jpeg(7400 + Math.Min(i, 4)))).ToArray());
        var page = await client.GetPageAsync("/District/Import/Photos");
        var upload = await client.PostFileAsync(page, "/District/Import/Photos", "Input.Zip", "day.zip", zip,
            new Dictionary<string, string> { ["Input.IdentifierKind"] = "StateStudentId", ["Input.ReplaceExisting"] = "true" });
        var id = int.Parse(upload.Headers.Location!.ToString().Split('/').Last());
        using (var scope = _factory.Services.CreateScope())
            await scope.ServiceProvider.GetRequiredService<PhotoImportChecks>().RunAttemptAsync(id, lastAttempt: true, CancellationToken.None);
        var checkedItems = Batch(id).Items;
        Assert.All(checkedItems, i => Assert.NotNull(i.Sha256));
        Assert.Equal(5, _factory.WithDb(db => db.PhotoImportContents.IgnoreQueryFilters().Count(c => c.BatchId == id)));
        // Nothing is stored before the commit.
        Assert.Equal(0, _factory.WithDb(db => db.DistrictPhotos.Count(p => pupils.Select(x => x.Id).Contains(p.StudentId))));

        // The ZIP is gone (a full disk cleaned by an operator, say): the commit no longer needs it.
        PhotoImportFiles.Delete(_factory.Services.GetRequiredService<PhotoLimits>(), Batch(id).StoredFile);
        var preview = await client.GetPageAsync($"/District/Import/Photos/Batch/{id}");
        await client.SubmitAsync(preview, "#import-commit-form", new Dictionary<string, string>(), "#import-commit");
        using (var scope = _factory.Services.CreateScope())
            Assert.True(await scope.ServiceProvider.GetRequiredService<PhotoImportJob>().RunAsync(id));

        var done = Batch(id);
        Assert.Equal(PhotoImportStatus.Finished, done.Status);
        Assert.Equal(6, done.Items.Count(i => i.Outcome == PhotoImportOutcome.Added));
        var stored = _factory.WithDb(db => db.DistrictPhotos.Where(p => pupils.Select(x => x.Id).Contains(p.StudentId)).ToDictionary(p => p.StudentId, p => p.Sha256));
        Assert.Equal(6, stored.Count);
        foreach (var item in done.Items) Assert.Equal(item.Sha256, stored[item.StudentId!.Value]);
        var shas = stored.Values.Distinct().ToList();
        Assert.Equal(5, shas.Count);
        Assert.Equal(5, _factory.WithDb(db => db.PhotoContents.Count(c => shas.Contains(c.Sha256))));
        Assert.Equal(0, _factory.WithDb(db => db.PhotoImportContents.IgnoreQueryFilters().Count(c => c.BatchId == id)));

        // A rerun (a duplicate enqueue) finds nothing to claim and stores nothing twice.
        using (var scope = _factory.Services.CreateScope())
            Assert.False(await scope.ServiceProvider.GetRequiredService<PhotoImportJob>().RunAsync(id));
        Assert.Equal(6, _factory.WithDb(db => db.DistrictPhotos.Count(p => pupils.Select(x => x.Id).Contains(p.StudentId))));
    }

    [Fact]
    public async Task A_cancelled_preview_keeps_no_photo()
    {
        var pupils = District("0303").Where(p => !p.HasPhoto).Skip(10).Take(3).ToList();
        var (client, id) = await PreviewAsync(DemoData.BigSkyClerk, pupils, 7500);
        Assert.Equal(3, _factory.WithDb(db => db.PhotoImportContents.IgnoreQueryFilters().Count(c => c.BatchId == id)));
        var page = await client.GetPageAsync($"/District/Import/Photos/Batch/{id}");
        Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitAsync(page, "#import-commit-form", new Dictionary<string, string>(), "#import-commit-form button.secondary")).StatusCode);

        Assert.Equal(PhotoImportStatus.Cancelled, Batch(id).Status);
        Assert.Equal(0, _factory.WithDb(db => db.PhotoImportContents.IgnoreQueryFilters().Count(c => c.BatchId == id)));
        Assert.Equal(0, _factory.WithDb(db => db.DistrictPhotos.Count(p => pupils.Select(x => x.Id).Contains(p.StudentId))));
    }

    [Fact]
    public async Task An_opt_out_saves_its_withdrawal_with_it_and_recovery_after_a_restart_removes_the_state_photo()
    {
        var (studentId, stateId) = _factory.WithDb(db => db.Students.Where(s => s.District!.Code == "0101" && s.OptIn == OptInChoice.OptIn
                && db.StatePhotos.Any(p => p.StateStudent!.StateStudentId == s.StateStudentId))
            .Select(s => new { s.Id, s.StateStudentId }).First()) is var x ? (x.Id, x.StateStudentId) : default;
        var client = await _factory.SignedInClientAsync(DemoData.HelenaClerk);
        var page = await client.GetPageAsync($"/District/Students/OptIn/{studentId}");
        var saved = await client.SubmitAsync(page, "#opt-in-form", new Dictionary<string, string> { ["Input.NewValue"] = "OptOut", ["Input.Source"] = "WrittenRequest" });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        // Saved with the opt-out; no job has run (no Hangfire server here): as if the process died right now.
        Assert.Equal(1, _factory.WithDb(db => db.StateSyncRequests.Count(r => r.StateStudentId == stateId)));
        Assert.True(_factory.WithDb(db => db.StatePhotos.Any(p => p.StateStudent!.StateStudentId == stateId)));

        using (var scope = _factory.Services.CreateScope())
            Assert.True(await scope.ServiceProvider.GetRequiredService<JobRecovery>().AfterRestartAsync() >= 1);
        var withdrawals = _factory.Services.GetRequiredService<JobStorage>().GetMonitoringApi().EnqueuedJobs("default", 0, 10_000)
            .Where(j => j.Value.Job?.Type == typeof(OptOutWithdrawals) && (string)j.Value.Job.Args[0] == stateId).ToList();
        Assert.NotEmpty(withdrawals);
        using (var scope = _factory.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<OptOutWithdrawals>().ProcessAsync(stateId);
            // Run again (a duplicate enqueue): nothing left to do, nothing breaks.
            await scope.ServiceProvider.GetRequiredService<OptOutWithdrawals>().ProcessAsync(stateId);
        }

        Assert.False(_factory.WithDb(db => db.StatePhotos.Any(p => p.StateStudent!.StateStudentId == stateId)));
        Assert.Equal(0, _factory.WithDb(db => db.StateSyncRequests.Count(r => r.StateStudentId == stateId)));
    }

    /// <summary>Scopes whose DbContext refuses to save photo import items after the first <paramref name="after"/> saves.</summary>
    private IServiceScopeFactory FailingScopes(int failSaves, int after = 0)
    {
        var failure = new FailingItemSaves(failSaves, after);
        var services = new ServiceCollection();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(_factory.Services.GetRequiredService<RecordKeepingInterceptor>());
        services.AddDbContext<PhotoRepositoryDbContext>((sp, options) =>
        {
            DatabaseSetup.Configure(options, DatabaseProvider.Sqlite, $"Data Source={_factory.DatabasePath}");
            options.AddInterceptors(sp.GetRequiredService<RecordKeepingInterceptor>(), failure);
        });
        return services.BuildServiceProvider().GetRequiredService<IServiceScopeFactory>();
    }

    private sealed class FailingItemSaves(int failures, int after) : SaveChangesInterceptor
    {
        private int _saves;
        private int _failed;

        public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken ct = default)
        {
            var importing = eventData.Context!.ChangeTracker.Entries<PhotoImportItem>().Any(e => e.State == EntityState.Modified);
            if (importing && Interlocked.Increment(ref _saves) > after && Interlocked.Increment(ref _failed) <= failures)
                throw new IOException("disk full (test)");
            return base.SavingChangesAsync(eventData, result, ct);
        }
    }
}
