using System.Security.Claims;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using PhotoRepository.Core.Data;
using PhotoRepository.Core.Entities;
using PhotoRepository.Core.Security;

namespace PhotoRepository.Web.Setup;

public static class AccountsSetup
{
    public static IServiceCollection AddAccounts(this IServiceCollection services, IConfiguration config)
    {
        services.AddIdentity<StaffUser, IdentityRole>(options =>
            {
                options.Password.RequiredLength = 12;
                options.Password.RequireNonAlphanumeric = true;
                options.Password.RequireUppercase = true;
                options.Password.RequireLowercase = true;
                options.Password.RequireDigit = true;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                options.Lockout.AllowedForNewUsers = true;
                options.User.RequireUniqueEmail = true;
                options.SignIn.RequireConfirmedAccount = false;
            })
            .AddEntityFrameworkStores<PhotoRepositoryDbContext>()
            .AddDefaultTokenProviders()
            .AddClaimsPrincipalFactory<StaffClaimsFactory>();

        services.ConfigureApplicationCookie(options =>
        {
            options.LoginPath = "/Account/Login";
            options.LogoutPath = "/Account/Logout";
            options.AccessDeniedPath = "/Account/AccessDenied";
            options.Cookie.Name = "PhotoRepository.Auth";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.ExpireTimeSpan = TimeSpan.FromHours(8);
            options.SlidingExpiration = true;
        });

        // Keys in the database so several app instances share sign-in cookies and antiforgery tokens.
        var keys = services.AddDataProtection()
            .SetApplicationName("PhotoRepository")
            .PersistKeysToDbContext<PhotoRepositoryDbContext>();
        // In production the keys are encrypted at rest with a certificate every instance has, so a copy
        // of the database (a backup) is not enough to forge a sign-in cookie.
        if (config["DataProtection:CertificatePath"] is { Length: > 0 } certificate)
            keys.ProtectKeysWithCertificate(System.Security.Cryptography.X509Certificates.X509CertificateLoader
                .LoadPkcs12FromFile(certificate, config["DataProtection:CertificatePassword"]));

        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.DistrictClerk, p => p.RequireRole(Roles.DistrictClerk).RequireClaim(Roles.DistrictClaim))
            .AddPolicy(Policies.StateStaff, p => p.RequireRole(Roles.StateStaff))
            .AddPolicy(Policies.DojStaff, p => p.RequireRole(Roles.DojStaff).RequireTwoFactor())
            .AddPolicy(Policies.Administrator, p => p.RequireRole(Roles.Administrator).RequireTwoFactor())
            .AddPolicy(Policies.MissingChildrenList, p => p.RequireAssertion(c =>
                c.User.IsInRole(Roles.DistrictClerk) || c.User.IsInRole(Roles.StateStaff)
                || (c.User.IsInRole(Roles.DojStaff) && c.User.SignedInWithTwoFactor())))
            // Any page not covered by a convention still needs a signed-in user.
            .SetFallbackPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        return services;
    }
}

public static class Policies
{
    public const string DistrictClerk = "DistrictClerk";
    public const string StateStaff = "StateStaff";
    public const string DojStaff = "DojStaff";
    public const string Administrator = "Administrator";
    public const string MissingChildrenList = "MissingChildrenList";
}

/// <summary>Adds the clerk's district to the sign-in cookie, so every request knows its district scope.</summary>
public sealed class StaffClaimsFactory(UserManager<StaffUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<StaffUser, IdentityRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(StaffUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        if (user.DistrictId is { } districtId)
            identity.AddClaim(new Claim(Roles.DistrictClaim, districtId.ToString()));
        if (!string.IsNullOrEmpty(user.DisplayName))
            identity.AddClaim(new Claim("display_name", user.DisplayName));
        return identity;
    }
}
