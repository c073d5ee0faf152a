namespace PhotoRepository.Web.Setup;

/// <summary>
/// `dotnet PhotoRepository.Web.dll probe [url]`: asks a running instance's /health and exits 0 when it
/// answers healthy, 1 otherwise. The container health check uses it, as the runtime image has no curl.
/// Runs before the app is built, so a probe costs a process start and one request.
/// </summary>
public static class HealthProbe
{
    public static async Task<int> RunAsync(string[] args)
    {
        var url = args.Length > 1 ? args[1] : "http://localhost:8080/health";
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        try
        {
            using var response = await http.GetAsync(url);
            Console.WriteLine($"{url}: {(int)response.StatusCode}");
            return response.IsSuccessStatusCode ? 0 : 1;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            Console.Error.WriteLine($"{url}: {e.Message}");
            return 1;
        }
    }
}
