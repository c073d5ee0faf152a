using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PhotoRepository.Core.Data;
using PhotoRepository.Core.Demographics;
using PhotoRepository.Core.Entities;
using PhotoRepository.Core.Rules;
using PhotoRepository.Core.Sync;
using PhotoRepository.Web.Infrastructure;

namespace PhotoRepository.Web.Areas.District.Pages.Import.Demographics;

/// <summary>
/// Step 1's preview and step 2's commit of a stored upload. The commit re-reads and re-checks the
/// stored file, so nothing from the browser but the upload id and the confirmation is trusted.
/// </summary>
public class PreviewModel(PhotoRepositoryDbContext db, TimeProvider time, IStateSyncQueue syncQueue) : PageModel
{
    public class InputModel
    {
        /// <summary>The clerk confirms that explicit choices may become Unknown.</summary>
        public bool ConfirmToUnknown { get; set; }
    }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public DemographicsUpload Upload { get; private set; } = null!;
    public string? FileError { get; private set; }
    public DemographicsPlan? Plan { get; private set; }
    public DateTime? SameFileCommittedAt { get; private set; }

    /// <summary>Who the commit just added and updated (names, at most <see cref="NamesShown"/> of each), carried over the redirect.</summary>
    public CommitResult? Result { get; private set; }
    public const int NamesShown = 50;
    public sealed record CommitResult(int AddedCount, List<string> Added, int UpdatedCount, List<string> Updated);

    public async Task<IActionResult> OnGetAsync(int id)
    {
        if (!await Prepare(id, tracked: false)) return NotFound();
        if (TempData["Result"] is string json) Result = System.Text.Json.JsonSerializer.Deserialize<CommitResult>(json);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id)
    {
        if (!await Prepare(id, tracked: true)) return NotFound();
        if (FileError is not null || Plan is null) return Page();
        if (Plan.ToUnknown.Any() && !Input.ConfirmToUnknown)
        {
            ModelState.AddModelError("Input.ConfirmToUnknown",
                $"{Plan.ToUnknown.Count()} students would go from Opt In or Opt Out to Unknown. Tick the confirmation to apply that, or correct the file and upload it again.");
            return Page();
        }

        var now = time.GetUtcNow().UtcDateTime;
        var today = StateCalendar.Today(time);
        var optedOut = Plan.Rows.Where(r => r.ChangesOptIn && r.Row.OptIn == OptInChoice.OptOut).Select(r => r.Row.StateStudentId).ToList();
        var summary = $"{Plan.NewCount} new, {Plan.UpdatedCount} updated, {Plan.UnchangedCount} unchanged, {Plan.RejectedLineCount} rejected";

        // The whole file in one transaction: every accepted row lands, or none. A retried attempt (a transient
        // fault on SQL Server) starts from a clean change tracker, so it reloads the upload and the students.
        var attempt = 0;
        try
        {
            await db.InTransactionAsync(async cancel =>
            {
                if (attempt++ > 0) await Prepare(id, tracked: true);
                Upload.CommittedAt = now;
                Upload.CommittedBy = db.Actor;
                Upload.Summary = summary;
                await DemographicsCommit.SaveAsync(db, Plan!, Upload.DistrictId, Upload.FileName, db.Actor, now, today, cancel);
                // In the same transaction as the opt-outs: a crash after the commit still withdraws their photos.
                foreach (var stateId in optedOut) StateSyncOutbox.Stage(db, stateId, now);
                await db.SaveChangesAsync(cancel);
            });
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            await Prepare(id, tracked: false);
            ModelState.AddModelError("", "Some of these students were changed by someone else while you were reviewing. Nothing was saved: review the refreshed preview and commit again.");
            return Page();
        }
        // Opt-outs must reach the state within a minute.
        foreach (var stateId in optedOut) syncQueue.SyncStudentSoon(stateId);
        TempData["Saved"] = $"Committed {Upload.FileName}: {summary}.";
        TempData["Result"] = System.Text.Json.JsonSerializer.Serialize(new CommitResult(
            Plan.NewCount, Names(RowOutcome.New), Plan.UpdatedCount, Names(RowOutcome.Updated)));
        return RedirectToPage("./Preview", new { id });
    }

    private List<string> Names(RowOutcome outcome) => Plan!.Rows.Where(r => r.Outcome == outcome).Take(NamesShown)
        .Select(r => $"{r.Row.LastName}, {r.Row.FirstName} ({r.Row.StateStudentId})").ToList();

    private async Task<bool> Prepare(int id, bool tracked)
    {
        var uploads = tracked ? db.DemographicsUploads : db.DemographicsUploads.AsNoTracking();
        var upload = await uploads.FirstOrDefaultAsync(u => u.Id == id);
        if (upload is null) return false;
        Upload = upload;
        SameFileCommittedAt = await db.DemographicsUploads.AsNoTracking()
            .Where(u => u.Sha256 == upload.Sha256 && u.Id != id && u.CommittedAt != null)
            .OrderByDescending(u => u.CommittedAt).Select(u => u.CommittedAt).FirstOrDefaultAsync();

        var file = DemographicsFile.Parse(upload.Content);
        if (file.FileError is not null)
        {
            FileError = file.FileError;
            return true;
        }
        var districtId = User.DistrictId();
        var schools = await db.Schools.AsNoTracking().Where(s => s.DistrictId == districtId).ToDictionaryAsync(s => s.Code, s => s.Id, StringComparer.OrdinalIgnoreCase);
        // One query for the district's students, looked up by state ID in memory: no per-row queries.
        var students = tracked ? db.Students : db.Students.AsNoTracking();
        var existing = await students.ToDictionaryAsync(s => s.StateStudentId, StringComparer.OrdinalIgnoreCase);
        var newIds = file.Rows.Select(r => r.StateStudentId).Where(id => !existing.ContainsKey(id)).ToList();
        var known = await KnownChildren.ForAsync(db, districtId, newIds);
        Plan = DemographicsPlan.Build(file, existing, schools, known, StateCalendar.Today(time));
        return true;
    }
}
