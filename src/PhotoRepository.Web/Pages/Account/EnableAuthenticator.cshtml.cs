using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PhotoRepository.Core.Entities;
using PhotoRepository.Core.Security;
using PhotoRepository.Web.Setup;

namespace PhotoRepository.Web.Pages.Account;

public class EnableAuthenticatorModel(UserManager<StaffUser> users, SignInManager<StaffUser> signIn) : PageModel
{
    [BindProperty]
    public CodeInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string SharedKey { get; private set; } = "";
    public string AuthenticatorUri { get; private set; } = "";
    public string[] RecoveryCodes { get; private set; } = [];
    public bool Required => User.IsInRole(Roles.DojStaff) || User.IsInRole(Roles.Administrator);

    public class CodeInput
    {
        [Required, StringLength(7, MinimumLength = 6), RegularExpression(@"^\d{3} ?\d{3}$", ErrorMessage = "The code is 6 digits.")]
        public string Code { get; set; } = "";
    }

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return RedirectToPage("./Login");
        await LoadKeyAsync(user);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return RedirectToPage("./Login");
        if (!ModelState.IsValid)
        {
            await LoadKeyAsync(user);
            return Page();
        }
        var valid = await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, Input.Code.Replace(" ", ""));
        if (!valid)
        {
            ModelState.AddModelError("Input.Code", "That code is not right. Check the key was entered exactly and enter the code showing now.");
            await LoadKeyAsync(user);
            return Page();
        }
        await users.SetTwoFactorEnabledAsync(user, true);
        RecoveryCodes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10))?.ToArray() ?? [];
        // They just proved the second factor: this session counts as a two-factor sign-in.
        await signIn.SignInWithClaimsAsync(user, isPersistent: false, [new Claim(TwoFactor.MfaClaimType, TwoFactor.MfaClaimValue)]);
        return Page();
    }

    private async Task LoadKeyAsync(StaffUser user)
    {
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
