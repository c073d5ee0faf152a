using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PhotoRepository.Core.Data;
using PhotoRepository.Core.Entities;

namespace PhotoRepository.Web.Pages.Account;

/// <summary>
/// Password sign-in. Wrong passwords never lock an account (anyone could lock DOJ out at night); they are
/// throttled per account and per address instead (LoginThrottle). Known, unknown and locked accounts get the
/// same message after the same work (a password hash is always checked), so the answer tells nobody which
/// accounts exist.
/// </summary>
public class LoginModel(SignInManager<StaffUser> signIn, IPasswordHasher<StaffUser> hasher, LoginThrottle throttle, PhotoRepositoryDbContext db, TimeProvider time) : PageModel
{
    public const string WrongMessage = "The email or password is not right (or the account is locked: your administrator can tell).";
    private static string? _dummyHash;

    [BindProperty]
    public LoginInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public class LoginInput
    {
        [Required, EmailAddress, StringLength(256)]
        public string Email { get; set; } = "";

        [Required, DataType(DataType.Password), StringLength(200)]
        public string Password { get; set; } = "";
    }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid) return Page();
        var email = Input.Email.Trim();
        if (!throttle.TryAttempt(HttpContext, email))
        {
            await SignInRecord.WriteAsync(db, time, email, "SignInThrottled", HttpContext);
            ModelState.AddModelError(string.Empty, LoginThrottle.TooManyMessage);
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            return Page();
        }

        var user = await signIn.UserManager.FindByEmailAsync(email);
        Microsoft.AspNetCore.Identity.SignInResult result;
        if (user is null)
        {
            // The same hashing work as for a real account, so the time taken does not tell.
            _dummyHash ??= hasher.HashPassword(new StaffUser(), Guid.NewGuid().ToString());
            hasher.VerifyHashedPassword(new StaffUser(), _dummyHash, Input.Password);
            result = Microsoft.AspNetCore.Identity.SignInResult.Failed;
        }
        else if (await signIn.UserManager.IsLockedOutAsync(user))
        {
            await signIn.UserManager.CheckPasswordAsync(user, Input.Password);
            result = Microsoft.AspNetCore.Identity.SignInResult.LockedOut;
        }
        else
        {
            result = await signIn.PasswordSignInAsync(user, Input.Password, isPersistent: false, lockoutOnFailure: false);
        }
        await SignInRecord.WriteAsync(db, time, email,
            result.Succeeded ? "SignIn" : result.RequiresTwoFactor ? "SignInPasswordOk" : result.IsLockedOut ? "SignInLockedOut" : "SignInFailed", HttpContext);

        if (result.RequiresTwoFactor)
            return RedirectToPage("./LoginWith2fa", new { ReturnUrl });
        if (result.Succeeded)
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
        throttle.Failed(email);
        ModelState.AddModelError(string.Empty, WrongMessage);
        return Page();
    }
}
