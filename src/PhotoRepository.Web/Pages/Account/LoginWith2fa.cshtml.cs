using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PhotoRepository.Core.Data;
using PhotoRepository.Core.Entities;

namespace PhotoRepository.Web.Pages.Account;

/// <summary>The authenticator code step. Codes work once (SingleUseAuthenticatorTokenProvider); every wrong one is counted.</summary>
public class LoginWith2faModel(SignInManager<StaffUser> signIn, LoginThrottle throttle, PhotoRepositoryDbContext db, TimeProvider time) : PageModel
{
    [BindProperty]
    public CodeInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public class CodeInput
    {
        [Required, StringLength(7, MinimumLength = 6), RegularExpression(@"^\d{3} ?\d{3}$", ErrorMessage = "The code is 6 digits.")]
        public string Code { get; set; } = "";
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
            await SignInRecord.WriteAsync(db, time, user.UserName!, "SignIn2faThrottled", HttpContext);
            ModelState.AddModelError(string.Empty, LoginThrottle.TooManyMessage);
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            return Page();
        }

        var result = await signIn.TwoFactorAuthenticatorSignInAsync(Input.Code.Replace(" ", ""), isPersistent: false, rememberClient: false);
        await SignInRecord.WriteAsync(db, time, user.UserName!, result.Succeeded ? "SignIn2fa" : "SignIn2faFailed", HttpContext);
        if (result.Succeeded) return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
        throttle.Failed(user.UserName!);
        ModelState.AddModelError(string.Empty, "That code is not right or was already used. Codes change every 30 seconds: enter the one showing now (wait for a new one if you just used it).");
        return Page();
    }
}
