using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PhotoRepository.Core.Data;
using PhotoRepository.Core.Entities;
using PhotoRepository.Core.Rules;
using PhotoRepository.Web.Disclosure;

namespace PhotoRepository.Web.Areas.State.Pages.Doj.Cases;

public class OpenCaseInput
{
    [Required(ErrorMessage = "Enter the case number."), StringLength(40, ErrorMessage = "The case number is at most 40 characters.")]
    public string CaseNumber { get; set; } = "";

    [Required(ErrorMessage = "Enter the agency handling the case."), StringLength(200, ErrorMessage = "The agency is at most 200 characters.")]
    public string Agency { get; set; } = "";

    [Required(ErrorMessage = "Enter the date the child was reported missing.")]
    public DateOnly? ReportedOn { get; set; }

    [StringLength(20, ErrorMessage = "An NCIC number is at most 20 characters.")]
    public string? NcicNumber { get; set; }

    /// <summary>The photo found in the repository (from a search result); optional.</summary>
    public Guid? PhotoKey { get; set; }
}

/// <summary>
/// Opening a case is one form, pre-filled from a search result; it becomes the session's case context
/// and goes straight to the child's photo, so a report to a photo takes a few clicks.
/// </summary>
public class OpenModel(PhotoRepositoryDbContext db, CaseContextStore cases, TimeProvider time) : PageModel
{
    [BindProperty]
    public OpenCaseInput Input { get; set; } = new();

    public StateStudent? Child { get; private set; }

    public async Task OnGetAsync(Guid? key)
    {
        var today = StateCalendar.Today(time);
        Input.ReportedOn = today;
        if (cases.Read(HttpContext) is { } current) { Input.CaseNumber = current.CaseNumber; Input.Agency = current.Agency; }
        if (key is { } k && await AvailablePhotos.FindAsync(db, k, today) is { } photo)
        {
            Input.PhotoKey = k;
            Child = photo.StateStudent;
        }
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var today = StateCalendar.Today(time);
        StatePhoto? photo = null;
        if (Input.PhotoKey is { } k)
        {
            photo = await AvailablePhotos.FindAsync(db, k, today);
            if (photo is null) ModelState.AddModelError("", "No photo in the repository for this child any more; open the case without one.");
            Child = photo?.StateStudent;
        }
        if (Input.ReportedOn > today) ModelState.AddModelError("Input.ReportedOn", "The date reported cannot be in the future.");
        if (!ModelState.IsValid) return Page();

        var caseNumber = Input.CaseNumber.Trim();
        var agency = Input.Agency.Trim();
        if (await db.MissingChildCases.AnyAsync(c => c.CaseNumber == caseNumber && c.ClosedAt == null && c.StateStudentId == (photo == null ? null : photo.StateStudentId)))
        {
            ModelState.AddModelError("Input.CaseNumber", "This case is already open for this child.");
            return Page();
        }
        db.MissingChildCases.Add(new MissingChildCase
        {
            CaseNumber = caseNumber,
            Agency = agency,
            ReportedOn = Input.ReportedOn!.Value,
            NcicNumber = Input.NcicNumber?.Trim() ?? "",
            StateStudentId = photo?.StateStudentId,
            OpenedBy = User.Identity!.Name!,
            OpenedAt = time.GetUtcNow().UtcDateTime,
        });
        await db.SaveChangesAsync();
        cases.Write(HttpContext, new CaseContext(caseNumber, agency, LegalBasis.MissingChildReport));
        return photo is null
            ? RedirectToPage("/Doj/Cases/Index", new { area = "State" })
            : RedirectToPage("/Doj/Photo", new { area = "State", key = photo.AccessKey });
    }
}
