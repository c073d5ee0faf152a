using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using PhotoRepository.Core.Data;
using PhotoRepository.Core.Entities;
using PhotoRepository.Core.Security;

namespace PhotoRepository.Web.Areas.Admin.Pages.Accounts;

/// <summary>Lock, unlock, reset the two-factor enrolment or the password, or change the role of an account. Each is audited and ends the person's sessions.</summary>
public class EditModel(UserManager<StaffUser> users, PhotoRepositoryDbContext db, TimeProvider time) : PageModel
{
    public string Email { get; private set; } = "";
    public string? Role { get; private set; }
    public string? District { get; private set; }
    public bool TwoFactor { get; private set; }
    public DateTimeOffset? LockedUntil { get; private set; }
    public List<SelectListItem> RoleOptions { get; } = Roles.All.Select(r => new SelectListItem(Labels.RoleLabel(r), r)).ToList();
    public List<SelectListItem> DistrictOptions { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string id)
    {
        var user = await db.Users.Include(u => u.District).FirstOrDefaultAsync(u => u.Id == id);
        if (user is null) return NotFound();
        Email = user.Email ?? user.Id;
        Role = (await users.GetRolesAsync(user)).FirstOrDefault();
        District = user.District?.Name;
        TwoFactor = user.TwoFactorEnabled;
        LockedUntil = user.LockoutEnd > time.GetUtcNow() ? user.LockoutEnd : null;
        DistrictOptions = await db.Districts.OrderBy(d => d.Name)
            .Select(d => new SelectListItem($"{d.Name} ({d.Code})", d.Id.ToString(), d.Id == user.DistrictId)).ToListAsync();
        return Page();
    }

    public Task<IActionResult> OnPostLockAsync(string id) =>
        ChangeAsync(id, "AccountLocked", u => users.SetLockoutEndDateAsync(u, DateTimeOffset.MaxValue), "locked");

    public Task<IActionResult> OnPostUnlockAsync(string id) =>
        ChangeAsync(id, "AccountUnlocked", async u =>
        {
            await users.ResetAccessFailedCountAsync(u);
            return await users.SetLockoutEndDateAsync(u, null);
        }, "unlocked");

    public Task<IActionResult> OnPostResetTwoFactorAsync(string id) =>
        ChangeAsync(id, "TwoFactorReset", async u =>
        {
            await users.SetTwoFactorEnabledAsync(u, false);
            return await users.ResetAuthenticatorKeyAsync(u);
        }, "reset: they enrol a new authenticator at their next sign-in");

    /// <summary>A new password chosen by the administrator (a forgotten one): it must be changed at the next sign-in.</summary>
    public Task<IActionResult> OnPostResetPasswordAsync(string id, [FromForm(Name = "NewPassword")] string? newPassword) =>
        ChangeAsync(id, "PasswordReset", async u =>
        {
            if (string.IsNullOrEmpty(newPassword))
                return IdentityResult.Failed(new IdentityError { Code = "Required", Description = "Enter the new password." });
            var reset = await users.ResetPasswordAsync(u, await users.GeneratePasswordResetTokenAsync(u), newPassword);
            return reset.Succeeded ? await PhotoRepository.Web.Pages.Account.PasswordChange.RequireAsync(users, u) : reset;
        }, "password set: they must choose their own at their next sign-in");

    /// <summary>A new role (and, for a clerk, a district): the old sessions end, so no page keeps the old rights.</summary>
    public Task<IActionResult> OnPostChangeRoleAsync(string id, [FromForm(Name = "NewRole")] string? newRole, [FromForm(Name = "NewDistrictId")] int? newDistrictId) =>
        ChangeAsync(id, "RoleChanged", async u =>
        {
            // Nobody changes their own role: the last administrator could otherwise leave the state without one.
            var problem = (u.UserName == User.Identity?.Name ? "Another administrator must change your own role." : null) ??
                          AccountRole.Problem(newRole, newDistrictId) ??
                          (newDistrictId is { } d && !await db.Districts.AnyAsync(x => x.Id == d) ? "No such district." : null);
            if (problem is not null) return IdentityResult.Failed(new IdentityError { Code = "Role", Description = problem });
            var removed = await users.RemoveFromRolesAsync(u, await users.GetRolesAsync(u));
            if (!removed.Succeeded) return removed;
            u.DistrictId = newDistrictId;
            var updated = await users.UpdateAsync(u);
            return updated.Succeeded ? await users.AddToRoleAsync(u, newRole!) : updated;
        }, $"role changed to {Labels.RoleLabel(newRole)}; their open sessions end within a minute", newRole);

    private async Task<IActionResult> ChangeAsync(string id, string action, Func<StaffUser, Task<IdentityResult>> change, string done, string? details = null)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null) return NotFound();
        var result = await change(user);
        if (!result.Succeeded)
        {
            TempData["Message"] = "Nothing changed: " + string.Join(" ", result.Errors.Select(e => e.Description));
            return RedirectToPage(new { id });
        }
        // A changed security stamp signs the person out everywhere.
        await users.UpdateSecurityStampAsync(user);
        db.AuditEvents.Add(new AuditEvent { Action = action, Entity = "Account", EntityId = user.Email ?? id, UserName = User.Identity!.Name!, At = time.GetUtcNow().UtcDateTime, DistrictId = user.DistrictId, Details = details ?? "" });
        await db.SaveChangesAsync();
        TempData["Message"] = $"{user.Email}: {done}.";
        return RedirectToPage(new { id });
    }
}
