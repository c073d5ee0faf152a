using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using PhotoRepository.Core.Data;
using PhotoRepository.Core.Rules;
using PhotoRepository.Tests.Shared;

namespace PhotoRepository.Web.Tests.Infrastructure;

/// <summary>
/// The real app on its own SQLite file with the demo data seeded, so tests run against a real
/// database through the real pages. One per test class (IClassFixture): classes never share data.
/// </summary>
public class AppFactory : WebApplicationFactory<Program>
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "photorepo-tests", Guid.NewGuid().ToString("N"));

    /// <summary>
    /// Where every test app's clock starts (once per test run), kept an hour clear of midnight in Denver.
    /// The app reads only its TimeProvider, so a test that takes its dates from here agrees with the app
    /// at any hour of the machine's day; a test that needs time to pass moves its own app's clock.
    /// </summary>
    public static readonly DateTimeOffset Start = ClearOfMidnight(DateTimeOffset.UtcNow);

    /// <summary>Each reading of a test app's clock moves it on by this much: events keep their order, the day never changes.</summary>
    public static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(1);

    /// <summary>"Today" as the rules count it (America/Denver) on every test app's clock at <see cref="Start"/>.</summary>
    public static DateOnly StartToday => StateCalendar.Today(new FakeTimeProvider(Start));

    /// <summary>This app's clock: a FakeTimeProvider that moves only by <see cref="Tick"/> per reading and when a test advances it.</summary>
    public FakeTimeProvider Time { get; } = new(Start) { AutoAdvanceAmount = Tick };

    private static DateTimeOffset ClearOfMidnight(DateTimeOffset now)
    {
        var inDenver = TimeZoneInfo.ConvertTime(now, StateCalendar.Zone);
        return inDenver.Hour == 23 ? now - (inDenver.TimeOfDay - TimeSpan.FromHours(22)) : now;
    }

    public string DatabasePath => Path.Combine(_folder, "test.db");

    /// <summary>Extra configuration a test class needs (set before the first client is created).</summary>
    public Dictionary<string, string?> Settings { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        Directory.CreateDirectory(_folder);
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:PhotoRepository", $"Data Source={DatabasePath}");
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("Seed:DemoData", "true");
        // Hangfire's storage is process-wide; tests run jobs directly instead of through a server.
        builder.UseSetting("Jobs:RunServer", "false");
        foreach (var (key, value) in Settings) builder.UseSetting(key, value);
        // Every query any web test runs must also translate for SQL Server (see SqlServerTranslation).
        builder.ConfigureServices(services => services.ConfigureDbContext<PhotoRepositoryDbContext>(
            options => options.AddInterceptors(SqlServerTranslation.Instance)));
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Time));
    }

    /// <summary>A DbContext outside any request: sees every district (the system's view).</summary>
    public T WithDb<T>(Func<PhotoRepositoryDbContext, T> read)
    {
        using var scope = Services.CreateScope();
        return read(scope.ServiceProvider.GetRequiredService<PhotoRepositoryDbContext>());
    }

    public async Task<T> WithDbAsync<T>(Func<PhotoRepositoryDbContext, Task<T>> work)
    {
        using var scope = Services.CreateScope();
        return await work(scope.ServiceProvider.GetRequiredService<PhotoRepositoryDbContext>());
    }

    /// <summary>The authenticator steps used per account in this app's database (codes work once).</summary>
    public TotpLedger Codes => _codes ??= new TotpLedger(Time, Time.Advance);

    private TotpLedger? _codes;

    public HttpClient NewClient()
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        TotpLedger.Use(client, Codes);
        return client;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}
