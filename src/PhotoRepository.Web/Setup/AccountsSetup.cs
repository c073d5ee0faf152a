using System.Security.Claims;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using PhotoRepository.Core.Data;
using PhotoRepository.Core.Entities;
using PhotoRepository.Core.Security;
using PhotoRepository.Web.Pages.Account;

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
                // Wrong passwords and codes never lock an account (anyone could lock DOJ out at 3 a.m.): they are
                // throttled per account and address (LoginThrottle). Lockout stays on for administrators' locks.
                options.Lockout.MaxFailedAccessAttempts = int.MaxValue;
                options.Lockout.AllowedForNewUsers = true;
                options.Tokens.AuthenticatorTokenProvider = SingleUseAuthenticatorTokenProvider.Name;
                options.User.RequireUniqueEmail = true;
                options.SignIn.RequireConfirmedAccount = false;
            })
            .AddEntityFrameworkStores<PhotoRepositoryDbContext>()
            .AddDefaultTokenProviders()
            .AddTokenProvider<SingleUseAuthenticatorTokenProvider>(SingleUseAuthenticatorTokenProvider.Name)
            .AddPasswordValidator<CommonPasswordValidator>()
            .AddClaimsPrincipalFactory<StaffClaimsFactory>();
        services.AddSingleton<LoginThrottle>();

        // Sessions end within a minute of a new security stamp (sign-out, lock, password change, two-factor
        // reset, role change), on every instance: each cookie is checked against the database once a minute.
        services.AddOptions<SecurityStampValidatorOptions>().Configure<TimeProvider>((options, time) =>
        {
            options.ValidationInterval = TimeSpan.FromMinutes(1);
            options.TimeProvider = time;
        });

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
        services.AddOptions<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme)
            .Configure<TimeProvider>((options, time) => options.TimeProvider = time);

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
            // The list's photos: never state AIM staff (the endpoint then checks the clerk's district or DOJ's case).
            .AddPolicy(Policies.MissingChildrenPhotos, p => p.RequireAssertion(c =>
                (c.User.IsInRole(Roles.DistrictClerk) && c.User.HasClaim(x => x.Type == Roles.DistrictClaim))
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
    public const string MissingChildrenPhotos = "MissingChildrenPhotos";
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
        if (await PasswordChange.IsRequiredAsync(UserManager, user))
            identity.AddClaim(new Claim(PasswordChange.ClaimType, "true"));
        return identity;
    }
}
