using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PhotoRepository.Core.Data;
using PhotoRepository.Core.Entities;

namespace PhotoRepository.Web.Areas.State.Pages.Doj.Cases;

public class EditCaseInput
{
    [Required(ErrorMessage = "Enter the agency handling the case."), StringLength(200, ErrorMessage = "The agency is at most 200 characters.")]
    public string Agency { get; set; } = "";

    [StringLength(20, ErrorMessage = "An NCIC number is at most 20 characters.")]
    public string? NcicNumber { get; set; }

    public CaseDescriptionInput Description { get; set; } = new();
}

/// <summary>
/// An open case's details as the investigation learns them: the agency, its phone, the NCIC number and the
/// child's description for the flyer. The case number and the child stay as opened; a closed case is kept as it was.
/// </summary>
public class EditModel(PhotoRepositoryDbContext db, TimeProvider time) : PageModel
{
    [BindProperty]
    public EditCaseInput Input { get; set; } = new();

    public MissingChildCase Case { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int id)
    {
        if (await FindOpenAsync(id) is not { } found) return NotFound();
        Case = found;
        Input = new EditCaseInput { Agency = found.Agency, NcicNumber = found.NcicNumber, Description = CaseDescriptionInput.From(found) };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id)
    {
        if (await FindOpenAsync(id) is not { } found) return NotFound();
        Case = found;
        Input.Description.Check(ModelState, "Input.Description", time);
        if (!ModelState.IsValid) return Page();
        found.Agency = Input.Agency.Trim();
        found.NcicNumber = Input.NcicNumber?.Trim() ?? "";
        Input.Description.ApplyTo(found);
        await db.SaveChangesAsync();
        TempData["Message"] = $"Case {found.CaseNumber} saved.";
        return RedirectToPage("/Doj/Cases/Index", new { area = "State" });
    }

    private Task<MissingChildCase?> FindOpenAsync(int id) =>
        db.MissingChildCases.Include(c => c.ChildDistrict).FirstOrDefaultAsync(c => c.Id == id && c.ClosedAt == null);
}
