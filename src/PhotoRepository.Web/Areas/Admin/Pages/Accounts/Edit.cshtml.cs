using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PhotoRepository.Core.Data;
using PhotoRepository.Core.Entities;

namespace PhotoRepository.Web.Areas.Admin.Pages.Accounts;

/// <summary>Lock, unlock, or reset the two-factor enrolment of an account. Each is audited.</summary>
public class EditModel(UserManager<StaffUser> users, PhotoRepositoryDbContext db, TimeProvider time) : PageModel
{
    public string Email { get; private set; } = "";
    public string? Role { get; private set; }
    public string? District { get; private set; }
    public bool TwoFactor { get; private set; }
    public DateTimeOffset? LockedUntil { get; private set; }

    public async Task<IActionResult> OnGetAsync(string id)
    {
        var user = await db.Users.Include(u => u.District).FirstOrDefaultAsync(u => u.Id == id);
        if (user is null) return NotFound();
        Email = user.Email ?? user.Id;
        Role = (await users.GetRolesAsync(user)).FirstOrDefault();
        District = user.District?.Name;
        TwoFactor = user.TwoFactorEnabled;
        LockedUntil = user.LockoutEnd > time.GetUtcNow() ? user.LockoutEnd : null;
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

    private async Task<IActionResult> ChangeAsync(string id, string action, Func<StaffUser, Task<IdentityResult>> change, string done)
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
        db.AuditEvents.Add(new AuditEvent { Action = action, Entity = "Account", EntityId = user.Email ?? id, UserName = User.Identity!.Name!, At = time.GetUtcNow().UtcDateTime, DistrictId = user.DistrictId });
        await db.SaveChangesAsync();
        TempData["Message"] = $"{user.Email}: {done}.";
        return RedirectToPage(new { id });
    }
}
