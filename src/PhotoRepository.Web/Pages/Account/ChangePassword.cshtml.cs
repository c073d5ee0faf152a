using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PhotoRepository.Core.Data;
using PhotoRepository.Core.Entities;

namespace PhotoRepository.Web.Pages.Account;

/// <summary>Anyone signed in changes their own password here (12+ characters, not a common one); their other sessions end.</summary>
public class ChangePasswordModel(UserManager<StaffUser> users, SignInManager<StaffUser> signIn, LoginThrottle throttle, PhotoRepositoryDbContext db, TimeProvider time) : PageModel
{
    [BindProperty]
    public ChangeInput Input { get; set; } = new();

    public bool Forced => User.HasClaim(PasswordChange.ClaimType, "true");

    [TempData]
    public string? Message { get; set; }

    public class ChangeInput
    {
        [Required(ErrorMessage = "Enter your current password."), DataType(DataType.Password), StringLength(200)]
        public string CurrentPassword { get; set; } = "";

        [Required(ErrorMessage = "Enter a new password."), DataType(DataType.Password), StringLength(200, MinimumLength = 12, ErrorMessage = "The new password must be at least 12 characters.")]
        public string NewPassword { get; set; } = "";

        [Required(ErrorMessage = "Enter the new password again."), DataType(DataType.Password), Compare(nameof(NewPassword), ErrorMessage = "The two new passwords are not the same.")]
        public string ConfirmPassword { get; set; } = "";
    }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return RedirectToPage("./Login");
        if (!ModelState.IsValid) return Page();
        if (!throttle.TryAttempt(HttpContext, user.UserName!))
        {
            ModelState.AddModelError("", LoginThrottle.TooManyMessage);
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            return Page();
        }
        if (Input.NewPassword == Input.CurrentPassword)
        {
            ModelState.AddModelError("Input.NewPassword", "The new password must differ from the current one.");
            return Page();
        }
        var result = await users.ChangePasswordAsync(user, Input.CurrentPassword, Input.NewPassword);
        if (!result.Succeeded)
        {
            if (result.Errors.Any(e => e.Code == "PasswordMismatch")) throttle.Failed(user.UserName!);
            foreach (var error in result.Errors)
                ModelState.AddModelError(error.Code == "PasswordMismatch" ? "Input.CurrentPassword" : "Input.NewPassword",
                    error.Code == "PasswordMismatch" ? "Your current password is not right." : error.Description);
            await SignInRecord.WriteAsync(db, time, user.UserName!, "PasswordChangeRefused", HttpContext);
            return Page();
        }
        // ChangePasswordAsync gave the account a new security stamp: its other sessions end within a minute.
        await PasswordChange.DoneAsync(users, user);
        await signIn.RefreshSignInAsync(user);
        await SignInRecord.WriteAsync(db, time, user.UserName!, "PasswordChanged", HttpContext);
        Message = "Your password was changed. Your other sessions have ended.";
        return RedirectToPage("/Index");
    }
}
