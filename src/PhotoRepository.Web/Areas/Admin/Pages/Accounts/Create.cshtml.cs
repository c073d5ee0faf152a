using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using PhotoRepository.Core.Data;
using PhotoRepository.Core.Entities;
using PhotoRepository.Core.Security;
using PhotoRepository.Web.Seeding;

namespace PhotoRepository.Web.Areas.Admin.Pages.Accounts;

public class CreateModel(PhotoRepositoryDbContext db, IServiceProvider services, TimeProvider time) : PageModel
{
    [BindProperty]
    public AccountInput Input { get; set; } = new();

    public List<SelectListItem> RoleOptions { get; } = Roles.All.Select(r => new SelectListItem(Labels.RoleLabel(r), r)).ToList();
    public List<SelectListItem> DistrictOptions { get; private set; } = [];

    public class AccountInput
    {
        [Required, EmailAddress, StringLength(256)]
        public string Email { get; set; } = "";

        [Required, StringLength(200)]
        public string DisplayName { get; set; } = "";

        [Required]
        public string Role { get; set; } = Roles.DistrictClerk;

        public int? DistrictId { get; set; }

        [Required, DataType(DataType.Password), StringLength(200)]
        public string Password { get; set; } = "";
    }

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        if (AccountRole.Problem(Input.Role, Input.DistrictId) is { } problem)
            ModelState.AddModelError(Roles.All.Contains(Input.Role) ? "Input.DistrictId" : "Input.Role", problem);
        if (Input.DistrictId is { } id && !await db.Districts.AnyAsync(d => d.Id == id))
            ModelState.AddModelError("Input.DistrictId", "No such district.");
        if (!ModelState.IsValid)
        {
            await LoadAsync();
            return Page();
        }
        var (user, errors) = await AccountSeeder.CreateAsync(services, Input.Email.Trim(), Input.Password, Input.Role, Input.DisplayName.Trim(), Input.DistrictId);
        if (user is null || errors.Length > 0)
        {
            foreach (var e in errors) ModelState.AddModelError(string.Empty, e);
            await LoadAsync();
            return Page();
        }
        // The administrator chose this password: the person must choose their own at the first sign-in.
        await PhotoRepository.Web.Pages.Account.PasswordChange.RequireAsync(services.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<StaffUser>>(), user);
        db.AuditEvents.Add(new AuditEvent { Action = "RoleGranted", Entity = "Account", EntityId = user.Email!, UserName = User.Identity!.Name!, At = time.GetUtcNow().UtcDateTime, DistrictId = user.DistrictId, Details = Input.Role });
        await db.SaveChangesAsync();
        TempData["Message"] = $"Account {user.Email} created as {Labels.RoleLabel(Input.Role)}.";
        return RedirectToPage("/Index");
    }

    private async Task LoadAsync() =>
        DistrictOptions = await db.Districts.OrderBy(d => d.Name).Select(d => new SelectListItem($"{d.Name} ({d.Code})", d.Id.ToString())).ToListAsync();
}
