using Microsoft.AspNetCore.Identity;
using PhotoRepository.Core.Entities;

namespace PhotoRepository.Web.Pages.Account;

/// <summary>
/// A password an administrator chose (a new account, a reset) must be changed at the next sign-in: the mark is
/// kept with the account's tokens, copied into the sign-in as a claim, and until it is gone every page sends the
/// person to /Account/ChangePassword.
/// </summary>
public static class PasswordChange
{
    public const string ClaimType = "must_change_password";
    public const string Path = "/Account/ChangePassword";
    private const string LoginProvider = "[PhotoRepository]";
    private const string TokenName = "MustChangePassword";

    public static Task<IdentityResult> RequireAsync(UserManager<StaffUser> users, StaffUser user) =>
        users.SetAuthenticationTokenAsync(user, LoginProvider, TokenName, "true");

    public static Task<IdentityResult> DoneAsync(UserManager<StaffUser> users, StaffUser user) =>
        users.RemoveAuthenticationTokenAsync(user, LoginProvider, TokenName);

    public static async Task<bool> IsRequiredAsync(UserManager<StaffUser> users, StaffUser user) =>
        await users.GetAuthenticationTokenAsync(user, LoginProvider, TokenName) is not null;

    /// <summary>Sends a signed-in person who must change their password to the change page, whatever they ask for.</summary>
    public static IApplicationBuilder UseForcedPasswordChange(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var path = context.Request.Path;
        if (context.User.HasClaim(ClaimType, "true")
            && !path.StartsWithSegments(Path) && !path.StartsWithSegments("/Account/Logout") && !path.StartsWithSegments("/Error")
            && !path.StartsWithSegments("/css") && !path.StartsWithSegments("/js") && !path.StartsWithSegments("/health"))
        {
            context.Response.Redirect(Path);
            return;
        }
        await next();
    });
}
