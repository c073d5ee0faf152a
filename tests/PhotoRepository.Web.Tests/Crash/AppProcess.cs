using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.EntityFrameworkCore;
using PhotoRepository.Core.Data;
using PhotoRepository.Web.Setup;

namespace PhotoRepository.Web.Tests.Crash;

/// <summary>
/// The real app as its own process (`dotnet PhotoRepository.Web.dll`, the build next to this test's), on
/// Kestrel, with its SQLite file and import folder in <see cref="Folder"/>: what an operator runs. Killed
/// with SIGKILL (<see cref="Process.Kill()"/>) and started again on the same files.
/// </summary>
public sealed class AppProcess(string folder) : IDisposable
{
    private Process? _process;
    private int _port;

    public string Folder { get; } = folder;
    public string DatabasePath => Path.Combine(Folder, "app.db");
    public int Starts { get; private set; }
    public Uri BaseAddress => new($"http://127.0.0.1:{_port}");

    private const int StartTimeoutSeconds = 300;

    /// <summary>The web project's build output, in the configuration this test was built in.</summary>
    public static string WebDll
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            var configuration = dir.Parent!.Name; // bin/<Configuration>/<tfm>/
            var framework = dir.Name;
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "PhotoRepository.sln"))) dir = dir.Parent;
            if (dir is null) throw new InvalidOperationException("PhotoRepository.sln not found above " + AppContext.BaseDirectory);
            return Path.Combine(dir.FullName, "src", "PhotoRepository.Web", "bin", configuration, framework, "PhotoRepository.Web.dll");
        }
    }

    public static string ContentRoot => Path.GetFullPath(Path.Combine(Path.GetDirectoryName(WebDll)!, "..", "..", ".."));

    public async Task StartAsync(bool seed = false)
    {
        if (_process is { HasExited: false }) throw new InvalidOperationException("Already running.");
        _port = FreePort();
        var start = new ProcessStartInfo("dotnet", [WebDll, "--contentRoot", ContentRoot])
        {
            WorkingDirectory = Folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        start.Environment["ASPNETCORE_URLS"] = BaseAddress.ToString();
        start.Environment["ConnectionStrings__PhotoRepository"] = $"Data Source={DatabasePath}";
        start.Environment["Database__Provider"] = "Sqlite";
        start.Environment["Seed__DemoData"] = seed ? "true" : "false";
        start.Environment["Photos__ImportFolder"] = Path.Combine(Folder, "imports");
        // Small commit chunks, so kills land between chunks and inside one (40 photos would otherwise be one transaction).
        start.Environment["Photos__ImportChunkSize"] = "5";
        // Recovery's periodic pass every 5 s, so a dropped withdrawal shows within the test's patience.
        start.Environment["Jobs__RecoverySeconds"] = "5";
        start.Environment["Serilog__MinimumLevel__Default"] = "Warning";
        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        Starts++;

        using var probe = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        // Generous: the first start seeds the demo data, and a shared CI machine under a full test run is slow.
        var deadline = DateTime.UtcNow.AddSeconds(StartTimeoutSeconds);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited) throw new InvalidOperationException($"The app exited with {_process.ExitCode} while starting.");
            try
            {
                if ((await probe.GetAsync("/health")).StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(50);
        }
        throw new TimeoutException($"The app did not answer /health within {StartTimeoutSeconds} s.");
    }

    /// <summary>SIGKILL: no shutdown hook, no flush, no goodbye.</summary>
    public void Kill()
    {
        if (_process is null) return;
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException) { }
        _process.WaitForExit(10_000);
        _process.Dispose();
        _process = null;
    }

    public HttpClient NewClient() =>
        new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() })
        {
            BaseAddress = BaseAddress,
            Timeout = TimeSpan.FromSeconds(60),
        };

    /// <summary>A context on the app's file from outside the app (no pooling, so the files can be copied afterwards).</summary>
    public PhotoRepositoryDbContext Db()
    {
        var options = new DbContextOptionsBuilder<PhotoRepositoryDbContext>();
        DatabaseSetup.Configure(options, DatabaseProvider.Sqlite, $"Data Source={DatabasePath};Pooling=False");
        return new PhotoRepositoryDbContext(options.Options);
    }

    public void Dispose() => Kill();

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static void CopyFolder(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target, overwrite: true);
        }
    }
}
