using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PhotoRepository.Core.Data;
using PhotoRepository.Core.Entities;
using PhotoRepository.Core.Security;
using PhotoRepository.Web.Setup;

namespace PhotoRepository.Web.Pages.Account;

/// <summary>
/// Enrolment in two-factor sign-in. The key is shown only while enrolling; once enrolled it is never shown
/// again, and starting over (a new key and new recovery codes) needs the account's password.
/// </summary>
public class EnableAuthenticatorModel(UserManager<StaffUser> users, SignInManager<StaffUser> signIn, LoginThrottle throttle, PhotoRepositoryDbContext db, TimeProvider time) : PageModel
{
    [BindProperty]
    public CodeInput Input { get; set; } = new();

    [BindProperty]
    public ResetInput Reset { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string SharedKey { get; private set; } = "";
    public string AuthenticatorUri { get; private set; } = "";
    public string[] RecoveryCodes { get; private set; } = [];
    public bool Enrolled { get; private set; }
    public bool Required => User.IsInRole(Roles.DojStaff) || User.IsInRole(Roles.Administrator);

    public class CodeInput
    {
        [Required, StringLength(7, MinimumLength = 6), RegularExpression(@"^\d{3} ?\d{3}$", ErrorMessage = "The code is 6 digits.")]
        public string Code { get; set; } = "";
    }

    public class ResetInput
    {
        [DataType(DataType.Password), StringLength(200)]
        public string? Password { get; set; }
    }

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return RedirectToPage("./Login");
        await LoadAsync(user);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return RedirectToPage("./Login");
        ModelState.Remove("Reset.Password");
        if (user.TwoFactorEnabled)
        {
            // Enrolled already: this form must not hand out new recovery codes without the password.
            ModelState.AddModelError("", "Two-factor sign-in is already set up for this account. To start again, use \"Set up a new authenticator\" with your password.");
            await LoadAsync(user);
            return Page();
        }
        if (!ModelState.IsValid)
        {
            await LoadAsync(user);
            return Page();
        }
        var valid = await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, Input.Code.Replace(" ", ""));
        if (!valid)
        {
            throttle.Failed(user.UserName!);
            await SignInRecord.WriteAsync(db, time, user.UserName!, "TwoFactorEnrolFailed", HttpContext);
            ModelState.AddModelError("Input.Code", "That code is not right. Check the key was entered exactly and enter the code showing now.");
            await LoadAsync(user);
            return Page();
        }
        await users.SetTwoFactorEnabledAsync(user, true);
        RecoveryCodes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10))?.ToArray() ?? [];
        await SignInRecord.WriteAsync(db, time, user.UserName!, "TwoFactorEnrolled", HttpContext);
        // They just proved the second factor: this session counts as a two-factor sign-in.
        await signIn.SignInWithClaimsAsync(user, isPersistent: false, [new Claim(TwoFactor.MfaClaimType, TwoFactor.MfaClaimValue)]);
        return Page();
    }

    /// <summary>Starts over with a new key: needs the password; ends the account's other sessions.</summary>
    public async Task<IActionResult> OnPostResetAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return RedirectToPage("./Login");
        ModelState.Clear();
        if (!throttle.TryAttempt(HttpContext, user.UserName!))
        {
            ModelState.AddModelError("", LoginThrottle.TooManyMessage);
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
        }
        else if (string.IsNullOrEmpty(Reset.Password) || !await users.CheckPasswordAsync(user, Reset.Password))
        {
            throttle.Failed(user.UserName!);
            await SignInRecord.WriteAsync(db, time, user.UserName!, "TwoFactorResetRefused", HttpContext);
            ModelState.AddModelError("Reset.Password", "That password is not right. The authenticator was not changed.");
        }
        else
        {
            await users.SetTwoFactorEnabledAsync(user, false);
            await users.ResetAuthenticatorKeyAsync(user);
            await users.UpdateSecurityStampAsync(user);
            await SignInRecord.WriteAsync(db, time, user.UserName!, "TwoFactorResetBySelf", HttpContext);
            // This session goes on without the two-factor mark until the new authenticator is proved.
            await signIn.SignInAsync(user, isPersistent: false);
            return RedirectToPage(new { ReturnUrl });
        }
        await LoadAsync(user);
        return Page();
    }

    private async Task LoadAsync(StaffUser user)
    {
        Enrolled = user.TwoFactorEnabled;
        if (Enrolled) return;
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            await users.ResetAuthenticatorKeyAsync(user);
            key = await users.GetAuthenticatorKeyAsync(user);
        }
        SharedKey = Format(key!);
        AuthenticatorUri = $"otpauth://totp/{Uri.EscapeDataString("Missing Child Photo Repository")}:{Uri.EscapeDataString(user.Email!)}?secret={key}&issuer={Uri.EscapeDataString("Missing Child Photo Repository")}&digits=6";
    }

    private static string Format(string key)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < key.Length; i += 4)
            sb.Append(key.AsSpan(i, Math.Min(4, key.Length - i))).Append(' ');
        return sb.ToString().TrimEnd().ToLowerInvariant();
    }
}
