using System.ComponentModel.DataAnnotations;
using Hangfire;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PhotoRepository.Core.Data;
using PhotoRepository.Core.Entities;
using PhotoRepository.Core.Photos;
using PhotoRepository.Core.Photos.Import;
using PhotoRepository.Core.Rules;
using PhotoRepository.Web.Infrastructure;
using PhotoRepository.Web.Setup;

namespace PhotoRepository.Web.Areas.District.Pages.Import.Photos;

/// <summary>Step 1 of the Photo Import Wizard: the ZIP and the clerk's choices. Only this page takes a 1 GB body.</summary>
[RequestSizeLimit(WizardBodyLimit)]
[RequestFormLimits(MultipartBodyLengthLimit = WizardBodyLimit)]
public class IndexModel(PhotoRepositoryDbContext db, PhotoImportPlanner planner, IBackgroundJobClient jobs, PhotoLimits limits, TimeProvider time) : PageModel
{
    private const long WizardBodyLimit = 1024L * 1024 * 1024 + 1024 * 1024;

    public sealed class WizardInput
    {
        [Display(Name = "ZIP of photos")]
        public IFormFile? Zip { get; set; }

        [Display(Name = "File names carry the")]
        public PhotoIdentifierKind IdentifierKind { get; set; } = PhotoIdentifierKind.StateStudentId;

        [Display(Name = "Photo date (picture day)"), DataType(DataType.Date)]
        public DateOnly? PhotoDate { get; set; }

        [Display(Name = "When a student already has a photo")]
        public bool ReplaceExisting { get; set; } = true;
    }

    [BindProperty]
    public WizardInput Input { get; set; } = new();

    public List<PhotoImportBatch> Recent { get; private set; } = [];

    public async Task OnGetAsync() => await LoadRecentAsync();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await LoadRecentAsync();
        if (!ModelState.IsValid) return Page();
        if (!Enum.IsDefined(Input.IdentifierKind)) ModelState.AddModelError("Input.IdentifierKind", "Choose state student ID or local student number.");
        if (Input.PhotoDate is { } day && day > StateCalendar.Today(time)) ModelState.AddModelError("Input.PhotoDate", $"The photo date {day:yyyy-MM-dd} is in the future.");
        if (Input.Zip is null || Input.Zip.Length == 0) ModelState.AddModelError("Input.Zip", Input.Zip is null ? "Choose a ZIP file of photos." : "The ZIP file is empty.");
        else if (Input.Zip.Length > limits.MaxZipBytes)
            ModelState.AddModelError("Input.Zip", $"The ZIP is {Input.Zip.Length / 1024.0 / 1024:0} MB; the limit is {limits.MaxZipBytes / 1024 / 1024:N0} MB.");
        if (!ModelState.IsValid) return Page();

        // Streamed to our own file name in the import folder; the clerk's file name is only a label.
        Directory.CreateDirectory(Path.GetFullPath(limits.ImportFolder));
        var stored = PhotoImportFiles.NewName();
        var path = PhotoImportFiles.PathOf(limits, stored);
        await using (var target = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
        await using (var source = Input.Zip!.OpenReadStream())
            await source.CopyToAsync(target, ct);

        var districtId = User.DistrictId();
        var students = await CandidatesAsync(db, ct);
        // Only the ZIP's directory is read here; decoding the matched photos is the background check's work.
        // A PSPA index is matched by its header's ID column, else by names and grade: the preview offers its other columns.
        ImportPlan plan;
        await using (var zip = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16))
            plan = planner.Plan(zip, Input.IdentifierKind, students, ct);
        if (plan.Error is not null)
        {
            PhotoImportFiles.Delete(limits, stored);
            ModelState.AddModelError("Input.Zip", plan.Error);
            return Page();
        }

        var batch = new PhotoImportBatch
        {
            DistrictId = districtId,
            ZipFileName = Path.GetFileName(Input.Zip.FileName) is { Length: <= 260 } n ? n : "upload.zip",
            StoredFile = stored,
            ZipBytes = Input.Zip.Length,
            IdentifierKind = Input.IdentifierKind,
            PhotoDate = Input.PhotoDate,
            ReplaceExisting = Input.ReplaceExisting,
            IndexFile = plan.Index?.Path,
            IndexIdColumn = plan.Index?.NamedIdColumn,
            Status = PhotoImportStatus.Checking,
            CheckTotal = plan.Items.Count(i => i.Kind == PhotoImportEntryKind.Matched),
            CreatedAt = time.GetUtcNow().UtcDateTime,
            CreatedBy = User.Identity?.Name ?? "",
        };
        var id = await db.InTransactionAsync(async cancel =>
        {
            batch.Id = 0; // a retry starts again
            db.PhotoImportBatches.Add(batch);
            await db.SaveChangesAsync(cancel);
            foreach (var item in plan.Items) (item.DistrictId, item.BatchId) = (districtId, batch.Id);
            await PhotoImportItemSlices.AddAsync(db, plan.Items, cancel);
            return batch.Id;
        }, ct);
        // Hangfire passes its own PerformContext in place of null!.
        jobs.Enqueue<PhotoImportChecks>(job => job.RunAsync(id, null!, CancellationToken.None));
        return RedirectToPage("Batch", new { id });
    }

    /// <summary>The clerk's district's students, as the wizard matches them (the district filter scopes the query).</summary>
    public static Task<List<ImportCandidate>> CandidatesAsync(PhotoRepositoryDbContext db, CancellationToken ct) =>
        db.Students.AsNoTracking()
            .Select(s => new ImportCandidate(s.Id, s.StateStudentId, s.LocalStudentNumber, s.FirstName + " " + s.LastName)
                { LastName = s.LastName, FirstName = s.FirstName, Grade = s.Grade })
            .ToListAsync(ct);

    private async Task LoadRecentAsync() =>
        Recent = await db.PhotoImportBatches.AsNoTracking().OrderByDescending(b => b.CreatedAt).Take(10).ToListAsync();
}
