using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PhotoRepository.Core.Entities;
using PhotoRepository.Web.Disclosure;

namespace PhotoRepository.Web.Pages.Account;

public class LogoutModel(SignInManager<StaffUser> signIn, CaseContextStore cases) : PageModel
{
    public IActionResult OnGet() => RedirectToPage("/Index");

    /// <summary>
    /// A new security stamp ends every session of this account, on every instance, at the next check (at most a
    /// minute): a copy of the cookie saved before signing out stops working.
    /// </summary>
    public async Task<IActionResult> OnPostAsync()
    {
        if (await signIn.UserManager.GetUserAsync(User) is { } user)
            await signIn.UserManager.UpdateSecurityStampAsync(user);
        await signIn.SignOutAsync();
        cases.Clear(HttpContext);
        return RedirectToPage("./Login");
    }
}
