using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PhotoRepository.Core.Entities;
using PhotoRepository.Core.Security;
using PhotoRepository.Web.Seeding;
using PhotoRepository.Web.Setup;
using PhotoRepository.Web.Tests.Infrastructure;

namespace PhotoRepository.Benchmarks;

/// <summary>
/// DOJ search and photo download under load, served by the real app on Kestrel (the built
/// PhotoRepository.Web.dll as a child process on loopback) over the sync benchmark's generated state.
/// `doj [scale] [--db file] [--seconds N] [--users N] [--think ms] [--warmup N] [--plans-only]`: with --db the generated (and synced) database is
/// kept and reused by later runs, since generating 150,000 students and 100,000 photos takes minutes.
/// Every DOJ user signs in through the real forms (password, then the authenticator code), sets a case
/// context, then loops: one search, then one photo download taken from search results. The baseline is
/// GET /health at the same concurrency, measured in the same run against the same process.
/// --think (default 0: a saturation test) makes each user pause a random 0.5-1.5 x that many milliseconds
/// after each request, as an officer reading the results would, in both phases.
/// --warmup (default 40 s) is the unrecorded load before the DOJ phase. The app's JIT keeps compiling (tier 1, with
/// profile-guided optimization) for about 40 s of saturated load: 2-3.6 s of JIT a 5 s interval until then, then
/// nearly none (dotnet-counters, 1 Dec). A shorter warm-up measured start-up, not a server that has been running.
/// </summary>
public static partial class DojBenchmark
{
    internal const string Password = "Bench-Passw0rd!";

    public static async Task RunAsync(string[] args)
    {
        var scale = args.Length > 0 && !args[0].StartsWith("--") ? double.Parse(args[0], CultureInfo.InvariantCulture) : 1.0;
        var keep = Option(args, "--db");
        var seconds = int.Parse(Option(args, "--seconds") ?? "60", CultureInfo.InvariantCulture);
        var userCount = int.Parse(Option(args, "--users") ?? "20", CultureInfo.InvariantCulture);
        _think = int.Parse(Option(args, "--think") ?? "0", CultureInfo.InvariantCulture);
        var file = keep is not null ? Path.GetFullPath(keep) : Path.Combine(Path.GetTempPath(), $"doj-bench-{Guid.NewGuid():N}.db");
        var connection = $"Data Source={file}";
        try
        {
            if (!File.Exists(file))
            {
                var students = (int)(150_000 * scale);
                var photos = (int)(100_000 * scale);
                Console.WriteLine($"Generating {students:N0} students, {photos:N0} photos into {file}");
                await using (var db = SyncBenchmark.NewContext(connection)) await db.Database.MigrateAsync();
                await Measure.RunAsync("generate (setup)", () => StateGenerator.GenerateAsync(connection, students, photos, 40 * 1024));
                await Measure.RunAsync("first sync (setup)", () => SyncBenchmark.SyncAsync(connection));
            }
            else Console.WriteLine($"Reusing {file} (the app applies any newer migration at start-up)");

            var users = await CreateUsersAsync(connection, userCount);
            var criteria = await SampleCriteriaAsync(connection);
            var port = FreePort();
            using var app = StartApp(file, port);
            try
            {
                var baseAddress = new Uri($"http://127.0.0.1:{port}");
                await WaitForHealthAsync(baseAddress, app);
                // After the app's start-up: its migrations and its statistics (ANALYZE) are what the planner sees.
                await PrintPlansAsync(connection, criteria);
                if (args.Contains("--plans-only")) return;
                var clients = await Task.WhenAll(users.Select((u, i) => DojClient.SignInAsync(baseAddress, u.Email, u.Key, $"BENCH-{i + 1:000}")));
                Console.WriteLine($"{clients.Length} DOJ users signed in with two factors and hold a case context; {criteria.Count:N0} search criteria sampled");

                // Warm-up (JIT, SQLite page cache), not recorded.
                Task DojLoop(DojClient c, Random r, List<Sample> s) => DojLoopAsync(c, r, s, criteria);
                // In the same run: the app idle, then loaded; the baseline phase below is the bare floor.
                var warmup = int.Parse(Option(args, "--warmup") ?? "40", CultureInfo.InvariantCulture);
                Console.WriteLine($"warm-up: {warmup} s of the same load, not recorded");
                await RunLoadAsync(clients, TimeSpan.FromSeconds(warmup), DojLoop);
                // The machine is shared: its load average says how much else was running (this run adds about 1 to 2).
                Console.WriteLine($"load average before: {LoadAverage()}");
                var dojCpu = CpuMeter.Start(app);
                var dojSamples = await RunLoadAsync(clients, TimeSpan.FromSeconds(seconds), DojLoop);
                var dojCost = dojCpu.Stop(dojSamples.Count);
                Console.WriteLine($"load average after the DOJ phase: {LoadAverage()}");
                var healthCpu = CpuMeter.Start(app);
                var healthSamples = await RunLoadAsync(clients, TimeSpan.FromSeconds(seconds), HealthLoopAsync);
                var healthCost = healthCpu.Stop(healthSamples.Count);
                Console.WriteLine($"load average after the baseline phase: {LoadAverage()}");
                Report(dojSamples.Concat(healthSamples).ToList(), userCount, seconds);
                CpuMeter.Report(dojCost, healthCost, userCount, saturated: _think <= 0);
            }
            finally
            {
                if (!app.HasExited) app.Kill(entireProcessTree: true);
                await app.WaitForExitAsync();
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            if (keep is null)
                foreach (var f in new[] { file, file + "-wal", file + "-shm" })
                    if (File.Exists(f)) File.Delete(f);
        }
    }

    private sealed record Sample(string Kind, double Ms, bool Ok, string? Shape = null);

    /// <summary>One search as an investigator types it, and which criteria shape it is (reported separately).</summary>
    internal sealed record Criteria(string Shape, Dictionary<string, string> Fields);

    private static int _think;

    private static Task ThinkAsync(Random random) =>
        _think <= 0 ? Task.CompletedTask : Task.Delay((int)(_think * (0.5 + random.NextDouble())));

    private static async Task<List<Sample>> RunLoadAsync(DojClient[] clients, TimeSpan duration, Func<DojClient, Random, List<Sample>, Task> step)
    {
        var until = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var perUser = await Task.WhenAll(clients.Select((client, i) => Task.Run(async () =>
        {
            var random = new Random(1000 + i);
            var samples = new List<Sample>();
            // At a human pace, officers do not all click at the same instant: each starts within one pause of
            // the phase's start (without it, 20 searches arrived together at every phase's start and made the tail).
            if (_think > 0) await Task.Delay(random.Next(0, _think * 3 / 2));
            while (Stopwatch.GetTimestamp() < until) await step(client, random, samples);
            return samples;
        })));
        return perUser.SelectMany(s => s).ToList();
    }

    private static async Task DojLoopAsync(DojClient client, Random random, List<Sample> samples, List<Criteria> criteria)
    {
        var pick = criteria[random.Next(criteria.Count)];
        var (ms, ok, keys) = await client.SearchAsync(pick.Fields);
        samples.Add(new Sample("search", ms, ok, pick.Shape));
        await ThinkAsync(random);
        client.SeenKeys.AddRange(keys);
        if (client.SeenKeys.Count == 0) return;
        // A photo from what this user's searches returned, preferring the newest results.
        var key = keys.Count > 0 ? keys[random.Next(keys.Count)] : client.SeenKeys[random.Next(client.SeenKeys.Count)];
        var (photoMs, photoOk) = await client.GetAsync($"/State/Doj/Photos/{key}/download");
        samples.Add(new Sample("photo", photoMs, photoOk));
        await ThinkAsync(random);
    }

    private static async Task HealthLoopAsync(DojClient client, Random random, List<Sample> samples)
    {
        var (ms, ok) = await client.GetAsync("/health");
        samples.Add(new Sample("baseline", ms, ok));
        await ThinkAsync(random);
    }

    private static void Report(List<Sample> samples, int users, int seconds)
    {
        var baseline = samples.Where(s => s.Kind == "baseline").Select(s => s.Ms).ToList();
        var baseMedian = Measure.Percentile(baseline, 50);
        var baseP95 = Measure.Percentile(baseline, 95);
        Console.WriteLine();
        Console.WriteLine($"{users} concurrent DOJ users, {seconds} s per phase, think time {(_think <= 0 ? "none (saturation)" : $"{_think / 2}-{_think * 3 / 2} ms after each request")}");
        Console.WriteLine("| request | count | errors | per second | median ms | p95 ms | median / baseline | p95 / baseline |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|");
        foreach (var kind in new[] { "baseline", "search", "photo" })
        {
            var of = samples.Where(s => s.Kind == kind).ToList();
            var ms = of.Select(s => s.Ms).ToList();
            var median = Measure.Percentile(ms, 50);
            var p95 = Measure.Percentile(ms, 95);
            Console.WriteLine($"| {kind} | {of.Count:N0} | {of.Count(s => !s.Ok)} | {of.Count / (double)seconds:0.0} | {median:0.0} | {p95:0.0} | {median / baseMedian:0.0} x | {p95 / baseP95:0.0} x |");
        }
        Console.WriteLine();
        Console.WriteLine("Search by criteria shape:");
        Console.WriteLine("| shape | count | errors | median ms | p95 ms | max ms |");
        Console.WriteLine("|---|---|---|---|---|---|");
        foreach (var shape in samples.Where(s => s.Shape is not null).GroupBy(s => s.Shape!).OrderBy(g => g.Key))
        {
            var ms = shape.Select(s => s.Ms).ToList();
            Console.WriteLine($"| {shape.Key} | {ms.Count:N0} | {shape.Count(s => !s.Ok)} | {Measure.Percentile(ms, 50):0.0} | {Measure.Percentile(ms, 95):0.0} | {ms.Max():0.0} |");
        }
        Console.WriteLine(_think <= 0
            ? "Goals (issue 14, 20 users without pause): search p95 <= 50 ms, photo p95 <= 25 ms."
            : "Goals (issue 14, 20 users at a human pace): search p95 <= 25 ms in every shape.");
    }

    /// <summary>DOJ accounts with two-factor sign-in, each with its own authenticator key, made through the app's own account code.</summary>
    internal static async Task<List<(string Email, string Key)>> CreateUsersAsync(string connection, int count)
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"ConnectionStrings:{DatabaseSetup.ConnectionName}"] = connection,
            ["Database:Provider"] = "Sqlite",
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(config);
        services.AddDatabase(config);
        services.AddAccounts(config);
        await using var provider = services.BuildServiceProvider();
        using var scope = provider.CreateScope();
        await AccountSeeder.EnsureRolesAsync(scope.ServiceProvider);
        var users = new List<(string, string)>();
        for (var i = 1; i <= count; i++)
        {
            var email = $"doj.bench{i:00}@bench.example";
            var (user, errors) = await AccountSeeder.CreateAsync(scope.ServiceProvider, email, Password, Roles.DojStaff, $"DOJ bench {i}");
            if (user is null) throw new InvalidOperationException(string.Join(" ", errors));
            var key = string.Concat(RandomNumberGenerator.GetItems("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".AsSpan(), 32));
            await AccountSeeder.EnableDemoTwoFactorAsync(scope.ServiceProvider, user, key);
            users.Add((email, key));
        }
        return users;
    }

    /// <summary>
    /// What investigators type, taken from a random sample of state students (some not available, so some
    /// searches find nothing): part of a last name with the start of a first name, part of a last name with
    /// the birth date, a first name and part of a last name within a district, a district with a birth date.
    /// </summary>
    internal static async Task<List<Criteria>> SampleCriteriaAsync(string connection)
    {
        var list = new List<Criteria>();
        await using var c = new SqliteConnection(connection);
        await c.OpenAsync();
        await using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT LastName, FirstName, BirthDate, DistrictId, StateStudentId FROM StateStudents WHERE DistrictId IS NOT NULL ORDER BY random() LIMIT 3500";
        await using var reader = await cmd.ExecuteReaderAsync();
        var random = new Random(42);
        while (await reader.ReadAsync())
        {
            var last = reader.GetString(0).ToLowerInvariant();
            var first = reader.GetString(1);
            var born = reader.GetString(2);
            var district = reader.GetInt32(3).ToString(CultureInfo.InvariantCulture);
            var stateId = reader.GetString(4);
            var part = Part(last, random);
            list.Add((list.Count % 7) switch
            {
                0 => new("name part + first name start", new() { ["Input.Name"] = $"{part} {first[..Math.Min(3, first.Length)]}" }),
                1 => new("name part + birth date", new() { ["Input.Name"] = part, ["Input.BirthDate"] = born }),
                2 => new("first name + name part + district", new() { ["Input.Name"] = $"{first} {part}", ["Input.DistrictId"] = district }),
                3 => new("district + birth date", new() { ["Input.DistrictId"] = district, ["Input.BirthDate"] = born }),
                4 => new("state ID", new() { ["Input.StateStudentId"] = stateId }),
                5 => new("two letters of a name", new() { ["Input.Name"] = last[..Math.Min(2, last.Length)] }),
                _ => new("two letters + birth date", new() { ["Input.Name"] = last[..Math.Min(2, last.Length)], ["Input.BirthDate"] = born }),
            });
        }
        return list;
    }

    /// <summary>Three to six letters from anywhere in the name: "partial name" is not only a prefix.</summary>
    private static string Part(string name, Random random)
    {
        var compact = name.Replace(" ", "");
        var length = Math.Min(compact.Length, 3 + random.Next(4));
        return compact.Substring(random.Next(compact.Length - length + 1), length);
    }

    internal static Process StartApp(string file, int port, IReadOnlyDictionary<string, string>? settings = null)
    {
        var dll = WebDll();
        var info = new ProcessStartInfo("dotnet", [dll])
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        info.Environment["ConnectionStrings__PhotoRepository"] = $"Data Source={file}";
        info.Environment["Database__Provider"] = "Sqlite";
        info.Environment["Seed__DemoData"] = "false";
        // Production refuses to start without a data-protection certificate unless told so knowingly.
        info.Environment["DataProtection__AllowUnprotectedKeys"] = "true";
        // Plain HTTP on loopback: no TLS in the measurement.
        info.Environment["Https__Redirect"] = "false";
        // The benchmark's users search far more often than an investigator may; the limit is raised for the run only.
        info.Environment["Doj__SearchesPerMinute"] = "100000";
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) info.Environment[key] = value;
        var log = Path.Combine(Path.GetTempPath(), $"doj-bench-app-{port}.log");
        var process = Process.Start(info) ?? throw new InvalidOperationException("The app did not start.");
        // The app logs every request (Serilog, as in production); drain it to a file so the pipe never blocks.
        var writer = TextWriter.Synchronized(new StreamWriter(log));
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) writer.WriteLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) writer.WriteLine(e.Data); };
        process.Exited += (_, _) => writer.Flush();
        process.EnableRaisingEvents = true;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        Console.WriteLine($"App: {dll} on port {port}, pid {process.Id}, log {log}");
        return process;
    }

    private static string WebDll()
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}") ? "Release" : "Debug";
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "src", "PhotoRepository.Web", "bin", configuration, "net10.0", "PhotoRepository.Web.dll");
            if (File.Exists(candidate)) return candidate;
        }
        throw new FileNotFoundException("PhotoRepository.Web.dll not found: build the benchmark (it builds the app).");
    }

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    internal static async Task WaitForHealthAsync(Uri baseAddress, Process app)
    {
        using var http = new HttpClient { BaseAddress = baseAddress };
        for (var i = 0; i < 600; i++)
        {
            if (app.HasExited) throw new InvalidOperationException($"The app exited with {app.ExitCode}; see its log.");
            try
            {
                if ((await http.GetAsync("/health")).IsSuccessStatusCode) return;
            }
            catch (HttpRequestException) { }
            await Task.Delay(500);
        }
        throw new TimeoutException("The app did not become healthy.");
    }

    internal static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) + $" on {Environment.ProcessorCount} cores" : "unknown";

    internal static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
