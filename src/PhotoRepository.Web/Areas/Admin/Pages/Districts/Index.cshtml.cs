using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PhotoRepository.Core.Data;
using PhotoRepository.Core.Entities;

namespace PhotoRepository.Web.Areas.Admin.Pages.Districts;

public class IndexModel(PhotoRepositoryDbContext db) : PageModel
{
    public List<Core.Entities.District> Districts { get; private set; } = [];

    [BindProperty]
    public DistrictInput NewDistrict { get; set; } = new();

    [BindProperty]
    public SchoolInput NewSchool { get; set; } = new();

    public class DistrictInput
    {
        [Required, StringLength(16), RegularExpression(@"^[A-Za-z0-9\-]+$", ErrorMessage = "Letters, digits and dashes only.")]
        public string Code { get; set; } = "";

        [Required, StringLength(200)]
        public string Name { get; set; } = "";
    }

    public class SchoolInput
    {
        public int DistrictId { get; set; }

        [Required, StringLength(16), RegularExpression(@"^[A-Za-z0-9\-]+$", ErrorMessage = "Letters, digits and dashes only.")]
        public string Code { get; set; } = "";

        [Required, StringLength(200)]
        public string Name { get; set; } = "";
    }

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostDistrictAsync()
    {
        // Two forms on one page: validate only the one submitted.
        ModelState.Clear();
        TryValidateModel(NewDistrict, nameof(NewDistrict));
        var code = NewDistrict.Code?.Trim() ?? "";
        if (ModelState.IsValid && await db.Districts.AnyAsync(d => d.Code == code))
            ModelState.AddModelError("NewDistrict.Code", $"District code {code} is already used.");
        if (!ModelState.IsValid)
        {
            await LoadAsync();
            return Page();
        }
        db.Districts.Add(new Core.Entities.District { Code = code, Name = NewDistrict.Name.Trim() });
        await db.SaveChangesAsync();
        TempData["Message"] = $"District {code} added.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostSchoolAsync()
    {
        ModelState.Clear();
        TryValidateModel(NewSchool, nameof(NewSchool));
        var code = NewSchool.Code?.Trim() ?? "";
        if (!await db.Districts.AnyAsync(d => d.Id == NewSchool.DistrictId))
            ModelState.AddModelError("NewSchool.DistrictId", "Choose a district.");
        else if (ModelState.IsValid && await db.Schools.AnyAsync(s => s.DistrictId == NewSchool.DistrictId && s.Code == code))
            ModelState.AddModelError("NewSchool.Code", $"School code {code} is already used in that district.");
        if (!ModelState.IsValid)
        {
            await LoadAsync();
            return Page();
        }
        db.Schools.Add(new School { DistrictId = NewSchool.DistrictId, Code = code, Name = NewSchool.Name.Trim() });
        await db.SaveChangesAsync();
        TempData["Message"] = $"School {code} added.";
        return RedirectToPage();
    }

    private async Task LoadAsync() =>
        Districts = await db.Districts.AsNoTracking().Include(d => d.Schools).OrderBy(d => d.Code).ToListAsync();
}
