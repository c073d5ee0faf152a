using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PhotoRepository.Core.Data;
using PhotoRepository.Core.Entities;

namespace PhotoRepository.Web.Pages.Account;

public class LoginModel(SignInManager<StaffUser> signIn, PhotoRepositoryDbContext db, TimeProvider time) : PageModel
{
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
        var result = await signIn.PasswordSignInAsync(Input.Email, Input.Password, isPersistent: false, lockoutOnFailure: true);
        await SignInRecord.WriteAsync(db, time, Input.Email,
            result.Succeeded ? "SignIn" : result.RequiresTwoFactor ? "SignInPasswordOk" : result.IsLockedOut ? "SignInLockedOut" : "SignInFailed", HttpContext);

        if (result.RequiresTwoFactor)
            return RedirectToPage("./LoginWith2fa", new { ReturnUrl });
        if (result.Succeeded)
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
        ModelState.AddModelError(string.Empty, result.IsLockedOut
            ? "This account is locked after repeated failed sign-ins. Try again in 15 minutes or ask your administrator."
            : "The email or password is not right.");
        return Page();
    }
}
