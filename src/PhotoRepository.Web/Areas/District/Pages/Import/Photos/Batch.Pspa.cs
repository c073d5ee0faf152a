using Hangfire;
using PhotoRepository.Core.Photos.Import;
using PhotoRepository.Web.Setup;

namespace PhotoRepository.Web.Areas.District.Pages.Import.Photos;

/// <summary>
/// The preview's choice of a PSPA index's student ID column (docs/pspa-discs.md): a column no header names is
/// offered with its first values; the clerk picks it (or names and grade) and the preview is matched again.
/// Photos the check already processed are kept and reused: only entries newly matched are checked.
/// </summary>
public partial class BatchModel
{
    public sealed class RematchInput
    {
        /// <summary>The index's column (1-based) of student IDs; null to match by last name, first name and grade.</summary>
        public int? IdColumn { get; set; }

        public PhotoIdentifierKind IdentifierKind { get; set; } = PhotoIdentifierKind.StateStudentId;
    }

    [BindProperty]
    public RematchInput Rematch { get; set; } = new();

    /// <summary>The index's columns no header names as an ID, after the standard's thirteen, with the first few values of each.</summary>
    public List<(int Column, string? Header, List<string> Samples)> IndexColumns { get; private set; } = [];

    private void ReadIndexColumns()
    {
        if (Batch.IndexFile is null) return;
        var path = PhotoImportFiles.PathOf(limits, Batch.StoredFile);
        if (!System.IO.File.Exists(path)) return;
        PspaIndex? index;
        using (var zip = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 1 << 16))
            index = planner.ReadIndex(zip);
        if (index is null || (index.NamedIdColumn is not null && index.NamedIdColumn == Batch.IndexIdColumn)) return;
        IndexColumns = index.ExtraColumns.Select(c => (c, index.Header is { } h && c - 1 < h.Count ? h[c - 1] : null,
            index.Rows.Select(r => c - 1 < r.Fields.Count ? r.Fields[c - 1] : "").Where(v => v.Length > 0).Take(3).ToList())).ToList();
    }

    public async Task<IActionResult> OnPostRematchAsync(int id, CancellationToken ct)
    {
        var batch = await db.PhotoImportBatches.AsNoTracking().FirstOrDefaultAsync(b => b.Id == id, ct);
        if (batch is null) return NotFound();
        if (batch.Status != PhotoImportStatus.Previewed || batch.IndexFile is null || !Enum.IsDefined(Rematch.IdentifierKind))
        {
            TempData["Message"] = "The index can be matched again only while its preview waits for you.";
            return RedirectToPage(new { id });
        }
        var path = PhotoImportFiles.PathOf(limits, batch.StoredFile);
        if (!System.IO.File.Exists(path))
        {
            TempData["Message"] = "The uploaded ZIP is no longer available: upload it again.";
            return RedirectToPage(new { id });
        }
        var students = await IndexModel.CandidatesAsync(db, ct);
        ImportPlan plan;
        await using (var zip = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 1 << 16))
            plan = planner.Plan(zip, Rematch.IdentifierKind, students, ct, Rematch.IdColumn);
        if (plan.Error is not null || plan.Index is null)
        {
            TempData["Message"] = plan.Error ?? "The ZIP no longer holds a PSPA index.";
            return RedirectToPage(new { id });
        }

        // What the check found out about an entry depends on its bytes alone: keep it for the entries still matched.
        var before = await db.PhotoImportItems.AsNoTracking().Where(i => i.BatchId == id && i.EntryIndex >= 0).ToDictionaryAsync(i => i.EntryIndex, ct);
        foreach (var item in plan.Items)
        {
            item.DistrictId = batch.DistrictId;
            item.BatchId = id;
            if (item.Kind != PhotoImportEntryKind.Matched || !before.TryGetValue(item.EntryIndex, out var old)) continue;
            if (old.Sha256 is not null) (item.Sha256, item.CaptureDate) = (old.Sha256, old.CaptureDate);
            else if (old.Kind == PhotoImportEntryKind.Invalid) (item.Kind, item.Outcome, item.Message) = (old.Kind, old.Outcome, old.Message);
        }
        var toCheck = plan.Items.Count(i => i.Kind == PhotoImportEntryKind.Matched && i.Sha256 is null);
        var matched = plan.Items.Count(i => i.Kind == PhotoImportEntryKind.Matched);
        var status = toCheck > 0 ? PhotoImportStatus.Checking : PhotoImportStatus.Previewed;
        var done = await db.InTransactionAsync(async cancel =>
        {
            // Only a preview still waiting: a commit or cancel pressed at this instant wins.
            var moved = await db.PhotoImportBatches.Where(b => b.Id == id && b.Status == PhotoImportStatus.Previewed)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(b => b.Status, status)
                    .SetProperty(b => b.IdentifierKind, Rematch.IdentifierKind)
                    .SetProperty(b => b.IndexIdColumn, Rematch.IdColumn)
                    .SetProperty(b => b.CheckTotal, matched)
                    .SetProperty(b => b.CheckedCount, matched - toCheck), cancel);
            if (moved == 0) return false;
            await db.PhotoImportItems.Where(i => i.BatchId == id).ExecuteDeleteAsync(cancel);
            await PhotoImportItemSlices.AddAsync(db, plan.Items, cancel);
            return true;
        }, ct);
        if (!done) TempData["Message"] = "This preview was imported, cancelled or removed meanwhile: nothing was matched again.";
        else if (status == PhotoImportStatus.Checking) jobs.Enqueue<PhotoImportChecks>(job => job.RunAsync(id, null!, CancellationToken.None));
        return RedirectToPage(new { id });
    }
}
