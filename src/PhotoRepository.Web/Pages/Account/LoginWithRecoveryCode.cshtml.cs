using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PhotoRepository.Core.Data;
using PhotoRepository.Core.Entities;

namespace PhotoRepository.Web.Pages.Account;

/// <summary>A recovery code instead of the authenticator: every wrong one is counted like a wrong password.</summary>
public class LoginWithRecoveryCodeModel(SignInManager<StaffUser> signIn, LoginThrottle throttle, PhotoRepositoryDbContext db, TimeProvider time) : PageModel
{
    [BindProperty]
    public RecoveryInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public class RecoveryInput
    {
        [Required, StringLength(40)]
        public string RecoveryCode { get; set; } = "";
    }

    public async Task<IActionResult> OnGetAsync() =>
        await signIn.GetTwoFactorAuthenticationUserAsync() is null ? RedirectToPage("./Login") : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null) return RedirectToPage("./Login");
        if (!ModelState.IsValid) return Page();
        if (!throttle.TryAttempt(HttpContext, user.UserName!))
        {
            await SignInRecord.WriteAsync(db, time, user.UserName!, "SignInRecoveryCodeThrottled", HttpContext);
            ModelState.AddModelError(string.Empty, LoginThrottle.TooManyMessage);
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            return Page();
        }

        var result = await signIn.TwoFactorRecoveryCodeSignInAsync(Input.RecoveryCode.Replace(" ", ""));
        await SignInRecord.WriteAsync(db, time, user.UserName!, result.Succeeded ? "SignInRecoveryCode" : "SignInRecoveryCodeFailed", HttpContext);
        if (result.Succeeded) return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
        throttle.Failed(user.UserName!);
        ModelState.AddModelError(string.Empty, "That recovery code is not valid or was already used.");
        return Page();
    }
}
