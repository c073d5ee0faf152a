using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using PhotoRepository.Core.Security;

namespace PhotoRepository.Web.Setup;

/// <summary>
/// DOJ staff and administrators reach their pages only after signing in with an authenticator app
/// (the "amr=mfa" claim Identity adds on a two-factor sign-in). DOJ sessions also end after a
/// short idle time, since a DOJ session can open any opted-in child's photo.
/// </summary>
public static class TwoFactor
{
    public const string MfaClaimType = "amr";
    public const string MfaClaimValue = "mfa";
    public const string SetUpPath = "/Account/EnableAuthenticator";
    private const string LastSeenKey = ".photorepo.lastseen";
    private const string SignedInKey = ".photorepo.signedin";

    /// <summary>Every session ends this long after its sign-in, however active (besides the idle limits).</summary>
    public static readonly TimeSpan AbsoluteLimit = TimeSpan.FromHours(12);

    public static bool SignedInWithTwoFactor(this ClaimsPrincipal user) => user.HasClaim(MfaClaimType, MfaClaimValue);

    public static AuthorizationPolicyBuilder RequireTwoFactor(this AuthorizationPolicyBuilder policy) =>
        policy.RequireClaim(MfaClaimType, MfaClaimValue);

    public static IServiceCollection AddTwoFactorRules(this IServiceCollection services, IConfiguration config)
    {
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, SendToTwoFactorSetUp>();
        // The periodic security-stamp check rebuilds the principal; keep the two-factor mark on it.
        services.Configure<Microsoft.AspNetCore.Identity.SecurityStampValidatorOptions>(options => options.OnRefreshingPrincipal = context =>
        {
            if (context.CurrentPrincipal?.SignedInWithTwoFactor() == true && context.NewPrincipal?.Identity is ClaimsIdentity identity
                && !identity.HasClaim(MfaClaimType, MfaClaimValue))
                identity.AddClaim(new Claim(MfaClaimType, MfaClaimValue));
            return Task.CompletedTask;
        });
        services.PostConfigure<CookieAuthenticationOptions>(Microsoft.AspNetCore.Identity.IdentityConstants.ApplicationScheme, options =>
        {
            var signingIn = options.Events.OnSigningIn;
            options.Events.OnSigningIn = async context =>
            {
                await signingIn(context);
                // Kept across renewals and security-stamp refreshes (they reuse the properties), so it is the first sign-in.
                if (!context.Properties.Items.ContainsKey(SignedInKey))
                    context.Properties.Items[SignedInKey] = context.HttpContext.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow().ToString("O");
            };
            var previous = options.Events.OnValidatePrincipal;
            options.Events.OnValidatePrincipal = async context =>
            {
                await previous(context);
                if (context.Principal is null) return;
                var time = context.HttpContext.RequestServices.GetRequiredService<TimeProvider>();
                var idle = TimeSpan.FromMinutes(context.HttpContext.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<DojOptions>>().Value.IdleMinutes);
                var now = time.GetUtcNow();
                if (!context.Properties.Items.TryGetValue(SignedInKey, out var signedIn)
                    || !DateTimeOffset.TryParse(signedIn, out var since) || now - since > AbsoluteLimit)
                {
                    context.RejectPrincipal();
                    await context.HttpContext.SignOutAsync(Microsoft.AspNetCore.Identity.IdentityConstants.ApplicationScheme);
                    return;
                }
                if (context.Principal.IsInRole(Roles.DojStaff) != true) return;
                if (context.Properties.Items.TryGetValue(LastSeenKey, out var seen)
                    && DateTimeOffset.TryParse(seen, out var lastSeen) && now - lastSeen > idle)
                {
                    context.RejectPrincipal();
                    await context.HttpContext.SignOutAsync(Microsoft.AspNetCore.Identity.IdentityConstants.ApplicationScheme);
                    return;
                }
                // Re-issuing the cookie costs every request an encryption and a Set-Cookie; a last-seen mark
                // at most a minute old is precise enough for a 15-minute idle limit (it can only end early).
                if (seen is null || !DateTimeOffset.TryParse(seen, out var marked) || now - marked >= TimeSpan.FromMinutes(1))
                {
                    context.Properties.Items[LastSeenKey] = now.ToString("O");
                    context.ShouldRenew = true;
                }
            };
        });
        return services;
    }

    /// <summary>A DOJ or admin user refused only for lack of two-factor is sent to set it up, not to "access denied".</summary>
    private sealed class SendToTwoFactorSetUp : IAuthorizationMiddlewareResultHandler
    {
        private readonly AuthorizationMiddlewareResultHandler _default = new();

        public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult result)
        {
            var user = context.User;
            var missingTwoFactor = result.Forbidden
                && (user.IsInRole(Roles.DojStaff) || user.IsInRole(Roles.Administrator)) && !user.SignedInWithTwoFactor();
            if (!missingTwoFactor) return _default.HandleAsync(next, context, policy, result);
            context.Response.Redirect($"{SetUpPath}?returnUrl={Uri.EscapeDataString(context.Request.Path + context.Request.QueryString)}");
            return Task.CompletedTask;
        }
    }
}
