using Hangfire;
using PhotoRepository.Core.Photos;
using PhotoRepository.Core.Photos.Import;

namespace PhotoRepository.Web.Areas.District.Pages.Import.Photos;

/// <summary>Steps 2 and 3 of the wizard: the background check's progress, the preview with its commit button, then progress and the report.</summary>
public class BatchModel(PhotoRepositoryDbContext db, IBackgroundJobClient jobs, PhotoLimits limits) : PageModel
{
    public PhotoImportBatch Batch { get; private set; } = null!;
    public List<PhotoImportItem> Items { get; private set; } = [];
    public int Done => Items.Count(i => i.Kind == PhotoImportEntryKind.Matched && i.Outcome != PhotoImportOutcome.Pending);
    public int Matched => Items.Count(i => i.Kind == PhotoImportEntryKind.Matched);
    public int RetentionHours => limits.PreviewRetentionHours;

    public async Task<IActionResult> OnGetAsync(int id) => await LoadAsync(id) ? Page() : NotFound();

    public async Task<IActionResult> OnPostCommitAsync(int id)
    {
        var batch = await db.PhotoImportBatches.FirstOrDefaultAsync(b => b.Id == id);
        if (batch is null) return NotFound();
        if (batch.Status is PhotoImportStatus.Checking or PhotoImportStatus.CheckFailed)
        {
            // Only a fully checked preview may be imported: the clerk has not yet seen which photos are invalid.
            TempData["Message"] = batch.Status == PhotoImportStatus.Checking
                ? "The photos are still being checked: you can import them once the preview is ready."
                : "The photos in this ZIP could not be checked, so they cannot be imported: upload the ZIP again.";
            return RedirectToPage(new { id });
        }
        if (batch.Status == PhotoImportStatus.Previewed)
        {
            batch.Status = PhotoImportStatus.Queued;
            batch.CommittedBy = db.Actor;
            try
            {
                await db.SaveChangesAsync();
            }
            catch (DbUpdateConcurrencyException)
            {
                // The clean-up removed this stale preview a moment ago: there is nothing left to commit.
                return NotFound();
            }
            jobs.Enqueue<PhotoImportJob>(job => job.RunAsync(id, CancellationToken.None));
        }
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostCancelAsync(int id)
    {
        var batch = await db.PhotoImportBatches.FirstOrDefaultAsync(b => b.Id == id);
        if (batch is null) return NotFound();
        if (batch.Status is PhotoImportStatus.Previewed or PhotoImportStatus.Checking)
        {
            // A running check sees the status at its next save and stops.
            batch.Status = PhotoImportStatus.Cancelled;
            try
            {
                await db.SaveChangesAsync();
            }
            catch (DbUpdateConcurrencyException)
            {
                // The clean-up removed this stale preview a moment ago: there is nothing left to cancel.
                return RedirectToPage("Index");
            }
            PhotoImportFiles.Delete(limits, batch.StoredFile);
        }
        return RedirectToPage("Index");
    }

    /// <summary>Polled by wwwroot/js/photo-import.js for the progress bar.</summary>
    public async Task<IActionResult> OnGetStatusAsync(int id)
    {
        var batch = await db.PhotoImportBatches.AsNoTracking().FirstOrDefaultAsync(b => b.Id == id);
        if (batch is null) return NotFound();
        Response.Headers.CacheControl = "no-store";
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
        var csv = CsvFile.Write(["File", "Identifier", "Student", "Preview", "Result", "Message"],
            Items.Select(i => new[] { i.EntryName, i.Identifier, i.StudentName, i.Kind.ToString(), OutcomeLabel(i.Outcome), i.Message }));
        Response.Headers.CacheControl = "no-store";
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
        return true;
    }
}
