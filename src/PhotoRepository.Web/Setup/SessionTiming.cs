using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace PhotoRepository.Web.Setup;

/// <summary>
/// When the signed-in session ends, so the page can warn two minutes before; and a sign-in page
/// that says why the user is there: the session expired, and a change they sent was not saved.
/// </summary>
public static class SessionTiming
{
    /// <summary>The query the sign-in page reads: the session expired (1), and a form was posted with it (lost).</summary>
    public const string ExpiredQuery = "expired";

    public static IServiceCollection AddSessionTiming(this IServiceCollection services)
    {
        services.PostConfigure<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme, options =>
        {
            var redirect = options.Events.OnRedirectToLogin;
            options.Events.OnRedirectToLogin = context =>
            {
                // A sign-in cookie that no longer works is a session that ended; a POST carried a change.
                if (context.Request.Cookies.ContainsKey(options.Cookie.Name!))
                    context.RedirectUri = QueryHelpers.AddQueryString(context.RedirectUri, ExpiredQuery,
                        HttpMethods.IsPost(context.Request.Method) ? "lost" : "1");
                return redirect(context);
            };
        });
        return services;
    }

    /// <summary>
    /// The end of the current session, as the cookie handler will set it: a sliding session past half
    /// its time is renewed by this very request.
    /// </summary>
    public static async Task<DateTimeOffset?> EndsAtAsync(HttpContext context)
    {
        if (context.User.Identity?.IsAuthenticated != true) return null;
        var result = await context.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        if (result.Properties?.ExpiresUtc is not { } expires) return null;
        var options = context.RequestServices.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>()
            .Get(IdentityConstants.ApplicationScheme);
        var now = context.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
        if (options.SlidingExpiration && result.Properties.IssuedUtc is { } issued && now - issued > (expires - issued) / 2)
            return now + options.ExpireTimeSpan;
        return expires;
    }

    /// <summary>"Stay signed in": a request that renews the sliding session and says when it now ends.</summary>
    public static void MapSession(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/session", async (HttpContext context) =>
        {
            context.Response.Headers.CacheControl = "no-store";
            return Results.Json(new { endsAt = await EndsAtAsync(context) });
        }).RequireAuthorization();
}
