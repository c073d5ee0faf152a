using PhotoRepository.Web.Infrastructure;
using Hangfire;
using PhotoRepository.Core.Photos;
using PhotoRepository.Core.Rules;
using PhotoRepository.Core.Photos.Import;

namespace PhotoRepository.Web.Areas.District.Pages.Import.Photos;

/// <summary>Steps 2 and 3 of the wizard: the background check's progress, the preview with its commit button, then progress and the report.</summary>
public partial class BatchModel(PhotoRepositoryDbContext db, IBackgroundJobClient jobs, PhotoLimits limits, TimeProvider time, PhotoImportPlanner planner) : PageModel
{
    public PhotoImportBatch Batch { get; private set; } = null!;
    public List<PhotoImportItem> Items { get; private set; } = [];

    /// <summary>In the preview: what the commit would do with each matched photo, by the same rule it applies (StudentPhotos.Decide).</summary>
    public Dictionary<int, PhotoChange> Expected { get; private set; } = [];

    /// <summary>The processed photos are kept from the check until the commit finishes or the batch is cancelled.</summary>
    public bool ShowsThumbnails => Batch.Status is PhotoImportStatus.Previewed or PhotoImportStatus.Queued or PhotoImportStatus.Running or PhotoImportStatus.Failed;
    public int Done => Items.Count(i => i.Kind == PhotoImportEntryKind.Matched && i.Outcome != PhotoImportOutcome.Pending);
    public int Matched => Items.Count(i => i.Kind == PhotoImportEntryKind.Matched);
    public int RetentionHours => limits.PreviewRetentionHours;

    public async Task<IActionResult> OnGetAsync(int id) => await LoadAsync(id) ? Page() : NotFound();

    public async Task<IActionResult> OnPostCommitAsync(int id)
    {
        var batch = await db.PhotoImportBatches.AsNoTracking().FirstOrDefaultAsync(b => b.Id == id);
        if (batch is null) return NotFound();
        if (batch.Status is PhotoImportStatus.Checking or PhotoImportStatus.CheckFailed)
        {
            // Only a fully checked preview may be imported: the clerk has not yet seen which photos are invalid.
            TempData["Message"] = batch.Status == PhotoImportStatus.Checking
                ? "The photos are still being checked: you can import them once the preview is ready."
                : "The photos in this ZIP could not be checked, so they cannot be imported: upload the ZIP again.";
            return RedirectToPage(new { id });
        }
        // One conditional UPDATE: of two clerks (or two clicks) pressing Import at once, exactly one queues the job.
        var queued = await db.PhotoImportBatches.Where(b => b.Id == id && b.Status == PhotoImportStatus.Previewed)
            .ExecuteUpdateAsync(s => s.SetProperty(b => b.Status, PhotoImportStatus.Queued).SetProperty(b => b.CommittedBy, db.Actor));
        if (queued == 1)
            jobs.Enqueue<PhotoImportJob>(job => job.RunAsync(id, CancellationToken.None));
        else
            TempData["Message"] = await db.PhotoImportBatches.AnyAsync(b => b.Id == id)
                ? "This import was already started: its progress is shown below."
                : "This preview was removed (it was older than the retention): upload the ZIP again.";
        return RedirectToPage(new { id });
    }

    /// <summary>A failed import goes on with the photos still waiting; those already stored are not touched again.</summary>
    public async Task<IActionResult> OnPostResumeAsync(int id)
    {
        var resumed = await db.PhotoImportBatches.Where(b => b.Id == id && b.Status == PhotoImportStatus.Failed)
            .ExecuteUpdateAsync(s => s.SetProperty(b => b.Status, PhotoImportStatus.Queued).SetProperty(b => b.ImportError, (string?)null));
        if (resumed == 1) jobs.Enqueue<PhotoImportJob>(job => job.RunAsync(id, CancellationToken.None));
        else if (!await db.PhotoImportBatches.AnyAsync(b => b.Id == id)) return NotFound();
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostCancelAsync(int id)
    {
        var batch = await db.PhotoImportBatches.FirstOrDefaultAsync(b => b.Id == id);
        if (batch is null) return NotFound();
        if (batch.Status == PhotoImportStatus.Failed)
        {
            // The photos already imported stay; the rest are reported as not imported.
            var cancelled = await db.InTransactionAsync(async ct =>
            {
                var rows = await db.PhotoImportBatches.Where(b => b.Id == id && b.Status == PhotoImportStatus.Failed)
                    .ExecuteUpdateAsync(s => s.SetProperty(b => b.Status, PhotoImportStatus.Cancelled), ct);
                if (rows == 1)
                {
                    await db.PhotoImportItems.Where(i => i.BatchId == id && i.Outcome == PhotoImportOutcome.Pending)
                        .ExecuteUpdateAsync(s => s.SetProperty(i => i.Outcome, PhotoImportOutcome.NotImported)
                            .SetProperty(i => i.Message, "Not imported: the import was cancelled after it stopped."), ct);
                    await db.PhotoImportContents.Where(c => c.BatchId == id).ExecuteDeleteAsync(ct);
                }
                return rows;
            });
            if (cancelled == 1) PhotoImportFiles.Delete(limits, batch.StoredFile);
            return RedirectToPage(new { id });
        }
        // Conditional, like the commit: a preview someone is importing at this instant stays imported.
        // A running check sees the status at its next save and stops.
        // The photos the check kept go with the status, in one transaction: a check saving at this instant either
        // lands before (and its photos are removed here) or sees Cancelled and keeps nothing.
        var stopped = await db.InTransactionAsync(async ct =>
        {
            var rows = await db.PhotoImportBatches.Where(b => b.Id == id && (b.Status == PhotoImportStatus.Previewed || b.Status == PhotoImportStatus.Checking))
                .ExecuteUpdateAsync(s => s.SetProperty(b => b.Status, PhotoImportStatus.Cancelled), ct);
            if (rows == 1) await db.PhotoImportContents.Where(c => c.BatchId == id).ExecuteDeleteAsync(ct);
            return rows;
        });
        if (stopped == 1) PhotoImportFiles.Delete(limits, batch.StoredFile);
        else if (batch.Status is PhotoImportStatus.Queued or PhotoImportStatus.Running)
        {
            TempData["Message"] = "This import is already running and cannot be cancelled now.";
            return RedirectToPage(new { id });
        }
        return RedirectToPage("Index");
    }

    /// <summary>Polled by wwwroot/js/photo-import.js for the progress bar.</summary>
    public async Task<IActionResult> OnGetStatusAsync(int id)
    {
        var batch = await db.PhotoImportBatches.AsNoTracking().FirstOrDefaultAsync(b => b.Id == id);
        if (batch is null) return NotFound();
        Response.DoNotStore();
        if (batch.Status == PhotoImportStatus.Checking)
            return new JsonResult(new
            {
                status = batch.Status.ToString(),
                total = batch.CheckTotal,
                done = batch.CheckedCount,
                text = CheckingText(batch),
                finished = false,
            });
        var counts = await db.PhotoImportItems.AsNoTracking().Where(i => i.BatchId == id && i.Kind == PhotoImportEntryKind.Matched)
            .GroupBy(i => i.Outcome == PhotoImportOutcome.Pending).Select(g => new { Pending = g.Key, Count = g.Count() }).ToListAsync();
        var total = counts.Sum(c => c.Count);
        var done = counts.Where(c => !c.Pending).Sum(c => c.Count);
        return new JsonResult(new
        {
            status = batch.Status.ToString(),
            total,
            done,
            text = $"{done} of {total} photos processed.",
            // Anything but a running step: the page reloads to show the preview, the report or the failure.
            finished = batch.Status is not (PhotoImportStatus.Queued or PhotoImportStatus.Running),
        });
    }

    public async Task<IActionResult> OnGetCsvAsync(int id)
    {
        if (!await LoadAsync(id)) return NotFound();
        // File names come from the clerk's ZIP: CsvFile quotes them and never lets one become a spreadsheet formula.
        var csv = CsvFile.Write(["File", "Identifier", "Student", "Preview", "Result", "Message", "Index line"],
            Items.Select(i => new[] { i.EntryName, i.Identifier, i.StudentName, i.Kind.ToString(), OutcomeLabel(i.Outcome), i.Message, i.IndexRow?.ToString() ?? "" }));
        Response.DoNotStore();
        return File(csv, CsvFile.ContentType, $"photo-import-{id}.csv");
    }

    public static string CheckingText(PhotoImportBatch batch) => $"Checking {batch.CheckedCount} of {batch.CheckTotal} photos.";

    public static string OutcomeLabel(PhotoImportOutcome outcome) => outcome switch
    {
        PhotoImportOutcome.Pending => "waiting",
        PhotoImportOutcome.Added => "added",
        PhotoImportOutcome.Replaced => "replaced",
        PhotoImportOutcome.Unchanged => "unchanged",
        PhotoImportOutcome.KeptExisting => "kept existing",
        PhotoImportOutcome.Rejected => "rejected",
        _ => "not imported",
    };

    private async Task<bool> LoadAsync(int id)
    {
        var batch = await db.PhotoImportBatches.AsNoTracking().FirstOrDefaultAsync(b => b.Id == id);
        if (batch is null) return false;
        Batch = batch;
        Items = await db.PhotoImportItems.AsNoTracking().Where(i => i.BatchId == id).OrderBy(i => i.EntryIndex).ToListAsync();
        if (batch.Status == PhotoImportStatus.Previewed)
        {
            await ExpectAsync();
            ReadIndexColumns();
        }
        return true;
    }

    private async Task ExpectAsync()
    {
        var matched = Items.Where(i => i.Kind == PhotoImportEntryKind.Matched && i.StudentId is not null && i.Sha256 is not null).ToList();
        var ids = matched.Select(i => i.StudentId!.Value).ToList();
        var current = await db.DistrictPhotos.AsNoTracking().Where(p => ids.Contains(p.StudentId)).ToDictionaryAsync(p => p.StudentId);
        var today = StateCalendar.Today(time);
        foreach (var item in matched)
        {
            var date = PhotoDateRule.Decide(Batch.PhotoDate, item.CaptureDate, today).Date;
            Expected[item.Id] = StudentPhotos.Decide(current.GetValueOrDefault(item.StudentId!.Value), item.Sha256!, date, Batch.ReplaceExisting);
        }
    }

    /// <summary>The preview's answer for one row, in the clerk's words: what the commit will do, or why the file is not imported.</summary>
    public string WhatWillHappen(PhotoImportItem item) => item.Kind != PhotoImportEntryKind.Matched
        ? $"Not imported: {item.Kind.Label().ToLowerInvariant()}"
        : Expected.TryGetValue(item.Id, out var change) ? ExpectedLabel(change) : "Will be imported";

    public static string ExpectedLabel(PhotoChange change) => change switch
    {
        PhotoChange.Added => "New photo",
        PhotoChange.Replaced => "Replaces the current photo",
        PhotoChange.Unchanged => "Unchanged: the same photo is already stored",
        _ => "Keeps the current photo, as chosen",
    };
}
