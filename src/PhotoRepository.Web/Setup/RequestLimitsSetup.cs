using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace PhotoRepository.Web.Setup;

public static class RateLimits
{
    /// <summary>The monthly list's Print button writes a disclosure record: a few per user per ten minutes.</summary>
    public const string MonthlyListPrint = "monthly-list-print";
    public const int PrintsPerWindow = 5;
    public static readonly TimeSpan PrintWindow = TimeSpan.FromMinutes(10);
}

/// <summary>ASP.NET Core's rate limiter for pages that write records on request, and the methods pages accept.</summary>
public static class RequestLimitsSetup
{
    public static IServiceCollection AddRequestLimits(this IServiceCollection services) => services.AddRateLimiter(options =>
    {
        options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        // Only the POST (the print) is limited; reading the list is not.
        options.AddPolicy(RateLimits.MonthlyListPrint, http => HttpMethods.IsPost(http.Request.Method)
            ? RateLimitPartition.GetFixedWindowLimiter(http.User.Identity?.Name ?? "", _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = RateLimits.PrintsPerWindow, Window = RateLimits.PrintWindow, QueueLimit = 0,
            })
            : RateLimitPartition.GetNoLimiter(""));
    });

    /// <summary>
    /// A page answers only the methods it has handlers for (GET and HEAD always, POST when it has a post handler):
    /// TRACE, PUT, DELETE or a POST to a read-only page get 405 with an Allow header, never a half-run page.
    /// </summary>
    public static IApplicationBuilder UseAllowedPageMethods(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var page = context.GetEndpoint()?.Metadata.GetMetadata<CompiledPageActionDescriptor>();
        if (page is not null)
        {
            var method = context.Request.Method;
            var hasPost = page.HandlerMethods.Any(h => string.Equals(h.HttpMethod, "POST", StringComparison.OrdinalIgnoreCase));
            var allowed = HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || (HttpMethods.IsPost(method) && hasPost);
            if (!allowed)
            {
                context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
                context.Response.Headers.Allow = hasPost ? "GET, HEAD, POST" : "GET, HEAD";
                return;
            }
        }
        await next();
    });
}
