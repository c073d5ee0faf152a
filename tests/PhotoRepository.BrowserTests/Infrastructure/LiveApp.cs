using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace PhotoRepository.BrowserTests.Infrastructure;

/// <summary>
/// The real app on Kestrel (loopback, a free port) with its own seeded SQLite file, and Debian's
/// Chromium driven by Playwright. Without Chromium the tests skip with a reason, unless
/// REQUIRE_BROWSER=1 (CI), where a missing browser fails them.
/// </summary>
public sealed class LiveApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "photorepo-browser", Guid.NewGuid().ToString("N"));
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;
    public string BaseUrl { get; private set; } = "";

    public static string? MissingBrowserReason =>
        File.Exists(ChromiumPath) ? null : $"Chromium is not installed at {ChromiumPath} (apt-get install chromium).";

    public static bool BrowserRequired => Environment.GetEnvironmentVariable("REQUIRE_BROWSER") == "1";

    /// <summary>Where screenshots go: the test output folder.</summary>
    public static string ScreenshotFolder => Path.Combine(AppContext.BaseDirectory, "screenshots");

    public LiveApp() => UseKestrel(0);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        Directory.CreateDirectory(_folder);
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:PhotoRepository", $"Data Source={Path.Combine(_folder, "browser.db")}");
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("Seed:DemoData", "true");
    }

    public async Task InitializeAsync()
    {
        if (MissingBrowserReason is not null) return;
        StartServer();
        BaseUrl = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()
            .Replace("[::]", "127.0.0.1").Replace("0.0.0.0", "127.0.0.1");
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        Directory.CreateDirectory(Path.Combine(ScreenshotFolder, "pages"));
    }

    private readonly Web.Tests.Infrastructure.TotpLedger _codes = new();

    public async Task<IPage> SignedInPageAsync(string email, string password = Web.Seeding.DemoData.Password)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = BaseUrl, AcceptDownloads = true });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/Account/Login");
        await page.FillAsync("#Input_Email", email);
        await page.FillAsync("#Input_Password", password);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        if (page.Url.Contains("/Account/LoginWith2fa"))
        {
            // The demo DOJ and administrator accounts use an authenticator app: type what it would show. Codes work
            // once, so a second sign-in of the same account waits for the next code, as a person would.
            for (var attempt = 0; attempt < 3 && page.Url.Contains("/Account/LoginWith2fa"); attempt++)
            {
                await page.FillAsync("#Input_Code", await _codes.NextCodeAsync(email, Web.Seeding.DemoData.AuthenticatorKey));
                await page.ClickAsync("button[type=submit]");
                await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            }
        }
        return page;
    }

    /// <summary>The code the demo authenticator app shows now for this account (each code works once).</summary>
    public Task<string> AuthenticatorCodeAsync(string email) => _codes.NextCodeAsync(email, Web.Seeding.DemoData.AuthenticatorKey);

    /// <summary>A DbContext outside any request: sees every district.</summary>
    public T WithDb<T>(Func<Core.Data.PhotoRepositoryDbContext, T> read)
    {
        using var scope = Services.CreateScope();
        return read(scope.ServiceProvider.GetRequiredService<Core.Data.PhotoRepositoryDbContext>());
    }

    /// <summary>Today as the app counts it (its own clock, in America/Denver): what a clerk's date fields mean.</summary>
    public DateOnly Today => Core.Rules.StateCalendar.Today(Services.GetRequiredService<TimeProvider>());

    public static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, name + ".png"), FullPage = true });

    async Task IAsyncLifetime.DisposeAsync()
    {
        if (_playwright is not null)
        {
            await Browser.CloseAsync();
            _playwright.Dispose();
        }
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}

/// <summary>A browser test: skipped with a reason when Chromium is missing, failed instead under REQUIRE_BROWSER=1.</summary>
public sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute()
    {
        if (LiveApp.MissingBrowserReason is { } reason && !LiveApp.BrowserRequired)
            Skip = reason;
        Timeout = 120_000;
    }
}
