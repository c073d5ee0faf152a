using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
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

    // The child as reported; taken from the state record instead when the case starts from a photo.
    [StringLength(100, ErrorMessage = "The first name is at most 100 characters.")]
    public string? ChildFirstName { get; set; }

    [StringLength(100, ErrorMessage = "The last name is at most 100 characters.")]
    public string? ChildLastName { get; set; }

    public DateOnly? ChildBirthDate { get; set; }

    public int? ChildDistrictId { get; set; }

    /// <summary>The photo found in the repository (from a search result); optional.</summary>
    public Guid? PhotoKey { get; set; }

    public CaseDescriptionInput Description { get; set; } = new();
}

/// <summary>
/// Opening a case: one form, for a child in the repository (pre-filled from a search result, then straight to the
/// photo) or not (name, birth date and district typed in). Showing a child from a photo key needs a case context:
/// without one the key is ignored and nothing about the child is shown.
/// </summary>
public class OpenModel(PhotoRepositoryDbContext db, CaseContextStore cases, TimeProvider time) : PageModel
{
    [BindProperty]
    public OpenCaseInput Input { get; set; } = new();

    public StateStudent? Child { get; private set; }
    public List<SelectListItem> Districts { get; private set; } = [];

    public async Task OnGetAsync(Guid? key)
    {
        var today = StateCalendar.Today(time);
        Input.ReportedOn = today;
        await LoadDistrictsAsync();
        if (cases.Read(HttpContext) is not { } current) return;
        Input.CaseNumber = current.CaseNumber;
        Input.Agency = current.Agency;
        if (key is { } k && await AvailablePhotos.FindAsync(db, k, today) is { } photo)
        {
            Input.PhotoKey = k;
            Child = photo.StateStudent;
        }
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var today = StateCalendar.Today(time);
        await LoadDistrictsAsync();
        StatePhoto? photo = null;
        if (Input.PhotoKey is { } k)
        {
            photo = await AvailablePhotos.FindAsync(db, k, today);
            if (photo is null) ModelState.AddModelError("", "No photo in the repository for this child any more; open the case without one.");
            Child = photo?.StateStudent;
        }
        else
        {
            if (string.IsNullOrWhiteSpace(Input.ChildFirstName)) ModelState.AddModelError("Input.ChildFirstName", "Enter the child's first name.");
            if (string.IsNullOrWhiteSpace(Input.ChildLastName)) ModelState.AddModelError("Input.ChildLastName", "Enter the child's last name.");
            if (Input.ChildBirthDate is null) ModelState.AddModelError("Input.ChildBirthDate", "Enter the child's birth date.");
            else if (Input.ChildBirthDate > today) ModelState.AddModelError("Input.ChildBirthDate", "The birth date cannot be in the future.");
            if (Input.ChildDistrictId is null) ModelState.AddModelError("Input.ChildDistrictId", "Choose the child's school district.");
            else if (!await db.Districts.AnyAsync(d => d.Id == Input.ChildDistrictId)) ModelState.AddModelError("Input.ChildDistrictId", "Choose one of the listed districts.");
        }
        if (Input.ReportedOn > today) ModelState.AddModelError("Input.ReportedOn", "The date reported cannot be in the future.");
        Input.Description.Check(ModelState, "Input.Description", time);
        if (!ModelState.IsValid) return Page();

        var caseNumber = Input.CaseNumber.Trim();
        var agency = Input.Agency.Trim();
        if (await db.MissingChildCases.AnyAsync(c => c.CaseNumber == caseNumber && c.ClosedAt == null && c.StateStudentId == (photo == null ? null : photo.StateStudentId)
                                                     && (photo != null || (c.ChildLastName == Input.ChildLastName!.Trim() && c.ChildBirthDate == Input.ChildBirthDate))))
        {
            ModelState.AddModelError("Input.CaseNumber", "This case is already open for this child.");
            return Page();
        }
        var child = photo?.StateStudent;
        var opened = new MissingChildCase
        {
            CaseNumber = caseNumber,
            Agency = agency,
            ReportedOn = Input.ReportedOn!.Value,
            NcicNumber = Input.NcicNumber?.Trim() ?? "",
            StateStudentId = photo?.StateStudentId,
            ChildFirstName = child?.FirstName ?? Input.ChildFirstName!.Trim(),
            ChildLastName = child?.LastName ?? Input.ChildLastName!.Trim(),
            ChildBirthDate = child?.BirthDate ?? Input.ChildBirthDate,
            ChildDistrictId = child is null ? Input.ChildDistrictId : child.DistrictId,
            OpenedBy = User.Identity!.Name!,
            OpenedAt = time.GetUtcNow().UtcDateTime,
        };
        Input.Description.ApplyTo(opened);
        db.MissingChildCases.Add(opened);
        await db.SaveChangesAsync();
        cases.Write(HttpContext, new CaseContext(caseNumber, agency, LegalBasis.MissingChildReport));
        // Shown once, by the layout's flash on the next page.
        TempData["Message"] = $"Case {caseNumber} opened for {child?.FullName ?? (Input.ChildFirstName!.Trim() + " " + Input.ChildLastName!.Trim())}: the child is on the monthly list, and it is now the case you are working on.";
        return photo is null
            ? RedirectToPage("/Doj/Cases/Index", new { area = "State" })
            : RedirectToPage("/Doj/Photo", new { area = "State", key = photo.AccessKey });
    }

    private async Task LoadDistrictsAsync() =>
        Districts = await db.Districts.AsNoTracking().OrderBy(d => d.Name)
            .Select(d => new SelectListItem(d.Name + " (" + d.Code + ")", d.Id.ToString())).ToListAsync();
}
