namespace PhotoRepository.Web.Infrastructure;

public static class NoStore
{
    /// <summary>
    /// Nothing personal is kept by a browser or a proxy. "no-cache" rides along because antiforgery (every page
    /// with a form) rewrites a Cache-Control without it and logs a warning for each such response, which under
    /// DOJ load was a contended console write per search.
    /// </summary>
    public static void DoNotStore(this HttpResponse response)
    {
        response.Headers.CacheControl = "no-cache, no-store";
        response.Headers.Pragma = "no-cache";
    }
}
