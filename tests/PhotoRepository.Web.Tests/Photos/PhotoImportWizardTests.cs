using AngleSharp.Html.Dom;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using PhotoRepository.Core.Photos.Import;
using PhotoRepository.Core.Security;
using PhotoRepository.Web.Setup;

namespace PhotoRepository.Web.Tests.Photos;

public partial class PhotoImportWizardTests : IClassFixture<AppFactory>
{
    private readonly AppFactory _factory;
    private readonly string _imports;

    public PhotoImportWizardTests(AppFactory factory)
    {
        _factory = factory;
        _imports = Path.Combine(Path.GetDirectoryName(factory.DatabasePath)!, "imports");
        factory.Settings["Photos:ImportFolder"] = _imports;
    }

    private sealed record Pupil(int Id, string StateId, string Local, bool HasPhoto);

    private List<Pupil> Helena() => _factory.WithDb(db => db.Students.Where(s => s.District!.Code == "0101").OrderBy(s => s.Id)
        .Select(s => new Pupil(s.Id, s.StateStudentId, s.LocalStudentNumber, s.Photo != null)).ToList());

    private async Task<HttpResponseMessage> UploadZipAsync(HttpClient client, byte[] zip, string kind = "StateStudentId", string date = "2026-09-10", string replace = "true")
    {
        var page = await client.GetPageAsync("/District/Import/Photos");
        return await client.PostFileAsync(page, "/District/Import/Photos", "Input.Zip", "picture-day.zip", zip,
            new Dictionary<string, string> { ["Input.IdentifierKind"] = kind, ["Input.PhotoDate"] = date, ["Input.ReplaceExisting"] = replace });
    }

    /// <summary>The upload alone: the batch is saved in Checking and its check job enqueued, nothing decoded yet.</summary>
    private async Task<int> UploadAsync(HttpClient client, byte[] zip, string kind = "StateStudentId", string replace = "true")
    {
        var response = await UploadZipAsync(client, zip, kind, replace: replace);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"upload gave {(int)response.StatusCode}: " + (await Browser.ParseAsync(response)).QuerySelector(".errors")?.TextContent);
        var id = int.Parse(response.Headers.Location!.ToString().Split('/').Last());
        Assert.Equal(PhotoImportStatus.Checking, Batch(id).Status);
        Assert.Contains(id, EnqueuedChecks());
        return id;
    }

    /// <summary>Upload, then the background check run the way the Hangfire server would: the preview is ready.</summary>
    private async Task<int> PreviewAsync(HttpClient client, byte[] zip, string kind = "StateStudentId", string replace = "true")
    {
        var id = await UploadAsync(client, zip, kind, replace);
        await RunCheckAsync(id);
        Assert.Equal(PhotoImportStatus.Previewed, Batch(id).Status);
        return id;
    }

    private async Task RunCheckAsync(int batch, bool lastAttempt = true)
    {
        using var scope = _factory.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<PhotoImportChecks>().RunAttemptAsync(batch, lastAttempt, CancellationToken.None);
    }

    /// <summary>Batch ids of the check jobs waiting in this app's Hangfire storage (no server runs them in tests).</summary>
    private List<int> EnqueuedChecks()
    {
        var monitoring = _factory.Services.GetRequiredService<JobStorage>().GetMonitoringApi();
        return monitoring.EnqueuedJobs("default", 0, 1000)
            .Where(j => j.Value.Job?.Type == typeof(PhotoImportChecks))
            .Select(j => (int)j.Value.Job.Args[0])
            .ToList();
    }

    private async Task CommitAndRunAsync(HttpClient client, int batch)
    {
        var page = await client.GetPageAsync($"/District/Import/Photos/Batch/{batch}");
        var commit = await client.SubmitAsync(page, "#import-commit-form", new Dictionary<string, string>(), "#import-commit");
        Assert.Equal(HttpStatusCode.Redirect, commit.StatusCode);
        Assert.Equal(PhotoImportStatus.Queued, Batch(batch).Status);
        // No Hangfire server in these tests: run the job the way the server would.
        using var scope = _factory.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<PhotoImportJob>().RunAsync(batch);
    }

    private PhotoImportBatch Batch(int id) => _factory.WithDb(db => db.PhotoImportBatches.AsNoTracking().Include(b => b.Items).First(b => b.Id == id));

    private Dictionary<int, string> Shas() => _factory.WithDb(db => db.DistrictPhotos.AsNoTracking().ToDictionary(p => p.StudentId, p => p.Sha256));

    [Fact]
    public async Task A_clerk_previews_commits_and_reimports_a_zip_and_the_second_run_changes_nothing()
    {
        var pupils = Helena();
        var withPhoto = pupils.First(p => p.HasPhoto);
        var without = pupils.Where(p => !p.HasPhoto).Take(3).ToList();
        var zip = PhotoCorpus.Zip(
            ($"2026/grade1/{withPhoto.StateId}.jpg", PhotoCorpus.Jpeg(201)),
            ($"{without[0].StateId}.JPG", PhotoCorpus.Jpeg(202)),
            ($"a/{without[1].StateId}.jpg", PhotoCorpus.Jpeg(203)),
            ($"b/{without[1].StateId}.jpeg", PhotoCorpus.Jpeg(204)),
            ($"{without[2].StateId}.jpg", PhotoCorpus.Truncated()),
            ("9999999999.jpg", PhotoCorpus.Jpeg(205)),
            ($"{without[0].StateId}.png", PhotoCorpus.Png()),
            ("__MACOSX/._x.jpg", [1, 2, 3]),
            (".DS_Store", [0]),
            ("notes.txt", "hello"u8.ToArray()),
            ("more.zip", PhotoCorpus.Zip(("1.jpg", PhotoCorpus.Jpeg(1)))),
            ("../../evil.jpg", PhotoCorpus.Jpeg(206)),
            ("folder/", []));
        var client = await _factory.SignedInClientAsync(DemoData.HelenaClerk);
        var before = Shas();

        var id = await UploadAsync(client, zip);
        // The upload request only read the ZIP's directory: the page shows the check's progress, no preview or commit yet.
        var checking = await client.GetPageAsync($"/District/Import/Photos/Batch/{id}");
        Assert.Equal("Checking 0 of 3 photos.", checking.QuerySelector("#import-progress-text")!.TextContent.Trim());
        Assert.Null(checking.QuerySelector("#import-commit"));
        Assert.Null(checking.QuerySelector("#import-items"));
        Assert.Equal(PhotoImportEntryKind.Matched, Batch(id).Items.Single(i => i.StudentId == without[2].Id).Kind);

        await RunCheckAsync(id);

        Assert.Equal((PhotoImportStatus.Previewed, 3, 3), (Batch(id).Status, Batch(id).CheckedCount, Batch(id).CheckTotal));
        var preview = await client.GetPageAsync($"/District/Import/Photos/Batch/{id}");
        Assert.Equal(2, preview.QuerySelectorAll("tr.import-matched").Length);
        Assert.Equal(2, preview.QuerySelectorAll("tr.import-duplicate").Length);
        Assert.Single(preview.QuerySelectorAll("tr.import-unmatched"));
        Assert.Equal(2, preview.QuerySelectorAll("tr.import-invalid").Length);
        // The truncated JPEG is decoded at preview, not first found out at commit.
        var truncated = preview.QuerySelectorAll("tr.import-invalid").Single(r => r.TextContent.Contains(without[2].StateId + ".jpg"));
        Assert.Contains("damaged or incomplete", truncated.TextContent);
        Assert.Equal(6, preview.QuerySelectorAll("tr.import-ignored").Length);
        Assert.Contains("Unsafe path", preview.QuerySelectorAll("tr.import-ignored").Select(r => r.TextContent).Single(t => t.Contains("evil")));
        Assert.Contains("Archive inside the archive", preview.QuerySelectorAll("tr.import-ignored").Select(r => r.TextContent).Single(t => t.Contains("more.zip")));
        Assert.Equal(before, Shas()); // nothing stored by the preview
        var zipFile = Path.Combine(_imports, Batch(id).StoredFile); // other tests in this class may leave their own
        Assert.True(File.Exists(zipFile));

        await CommitAndRunAsync(client, id);

        var batch = Batch(id);
        Assert.Equal(PhotoImportStatus.Finished, batch.Status);
        var outcome = batch.Items.Where(i => i.StudentId != null).ToLookup(i => i.StudentId!.Value, i => i.Outcome);
        Assert.Equal([PhotoImportOutcome.Replaced], outcome[withPhoto.Id]);
        Assert.Equal([PhotoImportOutcome.Added], outcome[without[0].Id]);
        Assert.Equal([PhotoImportOutcome.NotImported, PhotoImportOutcome.NotImported], outcome[without[1].Id]);
        Assert.Equal([PhotoImportOutcome.NotImported], outcome[without[2].Id]);
        Assert.Contains("damaged or incomplete", batch.Items.Single(i => i.StudentId == without[2].Id).Message);
        var after = Shas();
        Assert.NotEqual(before[withPhoto.Id], after[withPhoto.Id]);
        Assert.True(after.ContainsKey(without[0].Id));
        Assert.False(after.ContainsKey(without[1].Id));
        Assert.False(after.ContainsKey(without[2].Id));
        var stored = _factory.WithDb(db => db.DistrictPhotos.AsNoTracking().First(p => p.StudentId == without[0].Id));
        Assert.Equal((new DateOnly(2026, 9, 10), PhotoDateSource.Entered, DemoData.HelenaClerk), (stored.PhotoDate, stored.PhotoDateSource, stored.UploadedBy));
        Assert.False(File.Exists(zipFile)); // the ZIP is deleted when the batch finishes

        var report = await client.GetPageAsync($"/District/Import/Photos/Batch/{id}");
        Assert.NotNull(report.QuerySelector("#import-report"));
        var csv = await client.GetAsync($"/District/Import/Photos/Batch/{id}?handler=Csv");
        var lines = (await CsvDownload.ReadForExcelAsync(csv)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(14, lines.Length);
        Assert.Contains(lines, l => l.Contains(without[0].StateId) && l.Contains(",added,"));

        // The same ZIP again: same content hashes, nothing changes.
        var audits = _factory.WithDb(db => db.AuditEvents.Count());
        var again = await PreviewAsync(client, zip);
        await CommitAndRunAsync(client, again);
        var second = Batch(again).Items.Where(i => i.Kind == PhotoImportEntryKind.Matched).ToList();
        Assert.All(second.Where(i => i.StudentId != without[2].Id), i => Assert.Equal(PhotoImportOutcome.Unchanged, i.Outcome));
        Assert.Equal(after, Shas());
        Assert.Equal(audits, _factory.WithDb(db => db.AuditEvents.Count()));
    }

    [Fact]
    public async Task The_audit_trail_names_the_clerk_who_committed_the_batch_not_the_system()
    {
        // A colleague commits what the first clerk previewed: the photos are theirs, and the audit says so.
        const string colleague = "clerk2.helena@demo.example";
        await _factory.WithDbAsync(async db =>
        {
            using var scope = _factory.Services.CreateScope();
            var district = await db.Districts.Where(d => d.Code == "0101").Select(d => d.Id).FirstAsync();
            var (user, errors) = await AccountSeeder.CreateAsync(scope.ServiceProvider, colleague, DemoData.Password, Roles.DistrictClerk, "Second Helena clerk", district);
            Assert.Empty(errors);
            await AccountSeeder.EnableDemoTwoFactorAsync(scope.ServiceProvider, user!, DemoData.AuthenticatorKey);
            return 0;
        });
        var fresh = Helena().Where(p => !p.HasPhoto).TakeLast(2).ToList();
        var zip = PhotoCorpus.Zip(($"{fresh[0].StateId}.jpg", PhotoCorpus.Jpeg(501)), ($"{fresh[1].StateId}.jpg", PhotoCorpus.Jpeg(502)));
        var previewer = await _factory.SignedInClientAsync(DemoData.HelenaClerk);
        var committer = await _factory.SignedInClientAsync(colleague);

        var id = await PreviewAsync(previewer, zip);
        await CommitAndRunAsync(committer, id);

        Assert.Equal(colleague, Batch(id).CommittedBy);
        var students = fresh.Select(p => p.Id.ToString()).ToList();
        var audits = _factory.WithDb(db => db.AuditEvents.AsNoTracking().Where(a => a.Entity == "DistrictPhoto" && students.Contains(a.EntityId)).ToList());
        Assert.Equal(2, audits.Count);
        Assert.All(audits, a => Assert.Equal(("PhotoAdded", colleague), (a.Action, a.UserName)));
        var ids = fresh.Select(p => p.Id).ToList();
        Assert.All(_factory.WithDb(db => db.DistrictPhotos.AsNoTracking().Where(p => ids.Contains(p.StudentId)).Select(p => p.UploadedBy).ToList()),
            by => Assert.Equal(colleague, by));
    }

    [Fact]
    public async Task The_status_handler_reports_the_checks_progress_and_then_that_the_preview_is_ready()
    {
        var fresh = Helena().Where(p => !p.HasPhoto).Take(2).ToList();
        var client = await _factory.SignedInClientAsync(DemoData.HelenaClerk);
        var id = await UploadAsync(client, PhotoCorpus.Zip(($"{fresh[0].StateId}.jpg", PhotoCorpus.Jpeg(601)), ($"{fresh[1].StateId}.jpg", PhotoCorpus.Jpeg(602))));

        var status = await client.GetStringAsync($"/District/Import/Photos/Batch/{id}?handler=Status");
        Assert.Contains("\"status\":\"Checking\"", status);
        Assert.Contains("\"total\":2", status);
        Assert.Contains("\"done\":0", status);
        Assert.Contains("\"finished\":false", status);

        await RunCheckAsync(id);

        status = await client.GetStringAsync($"/District/Import/Photos/Batch/{id}?handler=Status");
        Assert.Contains("\"status\":\"Previewed\"", status);
        Assert.Contains("\"finished\":true", status); // the page's script reloads to show the preview
        Assert.NotNull((await client.GetPageAsync($"/District/Import/Photos/Batch/{id}")).QuerySelector("#import-commit"));
    }

    [Fact]
    public async Task Commit_is_refused_with_a_message_while_the_photos_are_being_checked()
    {
        var fresh = Helena().Where(p => !p.HasPhoto).Take(1).ToList();
        var client = await _factory.SignedInClientAsync(DemoData.HelenaClerk);
        var id = await UploadAsync(client, PhotoCorpus.Zip(($"{fresh[0].StateId}.jpg", PhotoCorpus.Jpeg(701))));
        var page = await client.GetPageAsync($"/District/Import/Photos/Batch/{id}");

        // A stale tab or a hand-made post: the commit handler itself refuses, the page does not merely hide the button.
        var commit = await client.PostAsync($"/District/Import/Photos/Batch/{id}?handler=Commit",
            new FormUrlEncodedContent([new("__RequestVerificationToken", Browser.Token(page))]));

        Assert.Equal(HttpStatusCode.Redirect, commit.StatusCode);
        Assert.Equal(PhotoImportStatus.Checking, Batch(id).Status);
        var after = await client.GetPageAsync(commit.Headers.Location!.ToString());
        Assert.Contains("still being checked", after.QuerySelector(".flash")!.TextContent);
        Assert.Null(_factory.WithDb(db => db.DistrictPhotos.AsNoTracking().FirstOrDefault(p => p.StudentId == fresh[0].Id)));
    }

    [Fact]
    public async Task A_clerk_can_cancel_while_the_photos_are_being_checked_and_the_check_then_does_nothing()
    {
        var fresh = Helena().Where(p => !p.HasPhoto).Take(1).ToList();
        var client = await _factory.SignedInClientAsync(DemoData.HelenaClerk);
        var id = await UploadAsync(client, PhotoCorpus.Zip(($"{fresh[0].StateId}.jpg", PhotoCorpus.Truncated())));
        var stored = Batch(id).StoredFile;
        Assert.True(File.Exists(Path.Combine(_imports, stored)));

        var page = await client.GetPageAsync($"/District/Import/Photos/Batch/{id}");
        var cancel = await client.SubmitAsync(page, "#import-cancel-form", new Dictionary<string, string>(), "#import-cancel");

        Assert.Equal(HttpStatusCode.Redirect, cancel.StatusCode);
        Assert.Equal(PhotoImportStatus.Cancelled, Batch(id).Status);
        Assert.False(File.Exists(Path.Combine(_imports, stored)));
        // The job Hangfire still holds runs later and leaves the cancelled batch alone.
        await RunCheckAsync(id);
        var batch = Batch(id);
        Assert.Equal((PhotoImportStatus.Cancelled, 0), (batch.Status, batch.CheckedCount));
        Assert.Equal(PhotoImportEntryKind.Matched, batch.Items.Single().Kind);
    }

    [Fact]
    public async Task A_check_that_fails_for_good_leaves_the_batch_failed_with_a_message_not_checking()
    {
        var fresh = Helena().Where(p => !p.HasPhoto).Take(1).ToList();
        var client = await _factory.SignedInClientAsync(DemoData.HelenaClerk);
        var id = await UploadAsync(client, PhotoCorpus.Zip(($"{fresh[0].StateId}.jpg", PhotoCorpus.Jpeg(801))));
        // The ZIP on disk damaged after the upload (a failing disk, say): the check job throws.
        var path = Path.Combine(_imports, Batch(id).StoredFile);
        await File.WriteAllBytesAsync(path, PhotoCorpus.CorruptZip());

        // An attempt that Hangfire will retry leaves the batch checking; the last one gives up with a message.
        await Assert.ThrowsAnyAsync<Exception>(() => RunCheckAsync(id, lastAttempt: false));
        Assert.Equal(PhotoImportStatus.Checking, Batch(id).Status);
        await Assert.ThrowsAnyAsync<Exception>(() => RunCheckAsync(id, lastAttempt: true));

        var batch = Batch(id);
        Assert.Equal(PhotoImportStatus.CheckFailed, batch.Status);
        Assert.Equal(PhotoImportChecks.FailedMessage, batch.CheckError);
        Assert.False(File.Exists(path));
        var page = await client.GetPageAsync($"/District/Import/Photos/Batch/{id}");
        Assert.Contains("could not be checked", page.QuerySelector("#import-check-error")!.TextContent);
        Assert.Null(page.QuerySelector("#import-commit"));
        var status = await client.GetStringAsync($"/District/Import/Photos/Batch/{id}?handler=Status");
        Assert.Contains("\"finished\":true", status);
    }
}
