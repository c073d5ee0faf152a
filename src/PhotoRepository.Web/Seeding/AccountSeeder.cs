using Microsoft.AspNetCore.Identity;
using PhotoRepository.Core.Entities;
using PhotoRepository.Core.Security;

namespace PhotoRepository.Web.Seeding;

public static class AccountSeeder
{
    public static async Task EnsureRolesAsync(IServiceProvider services)
    {
        var roles = services.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in Roles.All)
            if (!await roles.RoleExistsAsync(role))
                await roles.CreateAsync(new IdentityRole(role));
    }

    /// <summary>Turns on two-factor sign-in with a known authenticator key (demo accounts only).</summary>
    public static async Task EnableDemoTwoFactorAsync(IServiceProvider services, StaffUser user, string base32Key)
    {
        var users = services.GetRequiredService<UserManager<StaffUser>>();
        var store = (IUserAuthenticatorKeyStore<StaffUser>)services.GetRequiredService<IUserStore<StaffUser>>();
        await store.SetAuthenticatorKeyAsync(user, base32Key, CancellationToken.None);
        await users.UpdateAsync(user);
        await users.SetTwoFactorEnabledAsync(user, true);
    }

    /// <summary>Creates (or returns) an account with one role. Errors are returned, never swallowed.</summary>
    public static async Task<(StaffUser? User, string[] Errors)> CreateAsync(
        IServiceProvider services, string email, string password, string role, string displayName, int? districtId = null)
    {
        var users = services.GetRequiredService<UserManager<StaffUser>>();
        var existing = await users.FindByEmailAsync(email);
        if (existing is not null) return (existing, []);
        var user = new StaffUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = displayName, DistrictId = districtId };
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded) return (null, created.Errors.Select(e => e.Description).ToArray());
        var added = await users.AddToRoleAsync(user, role);
        return added.Succeeded ? (user, []) : (null, added.Errors.Select(e => e.Description).ToArray());
    }
}
