using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PhotoRepository.Core.Data;

namespace PhotoRepository.Web.Tests.State;

/// <summary>
/// Production runs several app instances behind one database: a user's search limit must hold across
/// them, not per instance. Two apps here share one SQLite file (and one fake clock).
/// </summary>
public sealed class DojRateLimitAcrossInstancesTests : IDisposable
{
    private const int Limit = 4;
    private readonly FakeTimeProvider _time = new(AppFactory.Start);
    private readonly TotpLedger _codes;
    private readonly AppFactory _firstFactory = new();
    private readonly AppFactory _secondFactory = new();
    private readonly WebApplicationFactory<Program> _first;
    private readonly WebApplicationFactory<Program> _second;

    public DojRateLimitAcrossInstancesTests()
    {
        _codes = new TotpLedger(_time, _time.Advance);
        _firstFactory.Settings["Doj:SearchesPerMinute"] = Limit.ToString();
        _first = _firstFactory.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(_time)));
        // The first app migrates and seeds the database; the second only connects to the same file.
        _ = _first.Server;
        _secondFactory.Settings["Doj:SearchesPerMinute"] = Limit.ToString();
        _secondFactory.Settings["ConnectionStrings:PhotoRepository"] = $"Data Source={_firstFactory.DatabasePath}";
        _second = _secondFactory.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(_time)));
    }

    [Fact]
    public async Task Two_instances_together_never_let_one_user_exceed_the_per_minute_limit()
    {
        var onFirst = await DojOn(_first);
        var onSecond = await DojOn(_second);

        // Alternating between the instances: each alone has seen only half the limit when it is reached.
        for (var i = 0; i < Limit; i++)
        {
            var (ok, _) = await (i % 2 == 0 ? onFirst : onSecond).SearchAsync(new() { ["Input.Name"] = "anyone" + i });
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }
        foreach (var client in new[] { onFirst, onSecond })
        {
            var (refused, page) = await client.SearchAsync(new() { ["Input.Name"] = "one-more" });
            Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
            Assert.Contains("Wait a minute", page.QuerySelector("#rate-limited")!.TextContent);
        }
        Assert.Equal(Limit, Searches());

        // The window is the last minute: once it has passed, searching works again on either instance.
        _time.Advance(TimeSpan.FromSeconds(61));
        var (again, _) = await onSecond.SearchAsync(new() { ["Input.Name"] = "later" });
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(Limit + 1, Searches());
    }

    private async Task<HttpClient> DojOn(WebApplicationFactory<Program> app)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        // Both apps check authenticator codes against this shared clock: the codes come from it too, each used once.
        TotpLedger.Use(client, _codes);
        var signedIn = await client.SignInAsync(DemoData.DojStaff);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        await client.SetCaseAsync("CASE-TWO-APPS", "Helena Police Department");
        return client;
    }

    private int Searches()
    {
        using var scope = _first.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PhotoRepositoryDbContext>();
        return db.DisclosureRecords.Count(r => r.UserName == DemoData.DojStaff && r.Kind == DisclosureKind.Search);
    }

    public void Dispose()
    {
        _second.Dispose();
        _secondFactory.Dispose();
        _first.Dispose();
        _firstFactory.Dispose();
    }
}
