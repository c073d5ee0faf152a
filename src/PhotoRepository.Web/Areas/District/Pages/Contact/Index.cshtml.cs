using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PhotoRepository.Core.Data;
using PhotoRepository.Web.Infrastructure;

namespace PhotoRepository.Web.Areas.District.Pages.Contact;

/// <summary>The district's AIM contact person: who the state sends parents to.</summary>
public class IndexModel(PhotoRepositoryDbContext db) : PageModel
{
    public class InputModel
    {
        [Required(ErrorMessage = "Enter the contact person's name."), StringLength(100, ErrorMessage = "At most 100 characters.")]
        public string? Name { get; set; }

        [Required(ErrorMessage = "Enter an email address."), EmailAddress(ErrorMessage = "Enter a valid email address."), StringLength(200, ErrorMessage = "At most 200 characters.")]
        public string? Email { get; set; }

        [Required(ErrorMessage = "Enter a phone number."), StringLength(40, ErrorMessage = "At most 40 characters.")]
        [RegularExpression(@"^[0-9()+.\- x]{7,40}$", ErrorMessage = "Enter a phone number such as 406-555-0100.")]
        public string? Phone { get; set; }
    }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public string DistrictName { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync()
    {
        var district = await db.Districts.AsNoTracking().FirstOrDefaultAsync(d => d.Id == User.DistrictId());
        if (district is null) return NotFound();
        DistrictName = district.Name;
        Input = new InputModel { Name = district.ContactName, Email = district.ContactEmail, Phone = district.ContactPhone };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var district = await db.Districts.FirstOrDefaultAsync(d => d.Id == User.DistrictId());
        if (district is null) return NotFound();
        DistrictName = district.Name;
        if (!ModelState.IsValid) return Page();
        district.ContactName = Input.Name!.Trim();
        district.ContactEmail = Input.Email!.Trim();
        district.ContactPhone = Input.Phone!.Trim();
        await db.SaveChangesAsync();
        TempData["Saved"] = "AIM contact saved. State staff now see these details.";
        return RedirectToPage();
    }
}
