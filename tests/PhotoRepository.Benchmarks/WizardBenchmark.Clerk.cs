using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PhotoRepository.Core.Rules;
using PhotoRepository.Core.Security;
using PhotoRepository.Web.Seeding;
using PhotoRepository.Web.Setup;

namespace PhotoRepository.Benchmarks;

/// <summary>The wizard benchmark's clerk: the real app, a small state, and one clerk's upload, preview, commit and report.</summary>
public static partial class WizardBenchmark
{
    /// <summary>The district the benchmark's clerk works for; its import students are added beside the generated state.</summary>
    private const int District = 1;

    private sealed record ClerkRun(double Seconds, double UploadSeconds, double PreviewSeconds, double CommitSeconds, int Stored, string Report, double PeakMb,
        double IdleMedian, double IdleP95, int IdleCount, double BusyMedian, double BusyP95, int BusyCount, int BusyErrors)
    {
        /// <summary>The app's peak working set as each step ended: which step sets the peak.</summary>
        public string Stages { get; init; } = "";
    }

    /// <summary>Each file's student: state IDs no generated student has (those start at 1,000,000,000).</summary>
    private static string StateId(int i) => (2_000_000_000 + i).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <param name="warmUp">When given: these photos are imported first (their own students), then the app's peak is reset
    /// (Linux: clear_refs), so the measured import's peak leaves out the app's first-import costs (JIT, pools).</param>
    private static async Task<ClerkRun> ClerkRunAsync(IReadOnlyList<string> files, int dojUsers, IReadOnlyDictionary<string, string> appEnv,
        IReadOnlyList<string>? warmUp = null)
    {
        var zip = ZipOf(files);
        var folder = Path.Combine(Path.GetTempPath(), $"wizard-bench-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, "app.db");
        var connection = $"Data Source={file}";
        try
        {
            // A small state (15,000 students, synced) for the DOJ searches, and the clerk's students in district 1.
            await using (var db = SyncBenchmark.NewContext(connection)) await db.Database.MigrateAsync();
            await StateGenerator.GenerateAsync(connection, 15_000, 10_000, 40 * 1024);
            await SyncBenchmark.SyncAsync(connection);
            await AddStudentsAsync(connection, 0, files.Count);
            if (warmUp is not null) await AddStudentsAsync(connection, WarmUpIds, warmUp.Count);
            var clerkEmail = await CreateClerkAsync(connection);
            var doj = dojUsers > 0 ? await DojBenchmark.CreateUsersAsync(connection, dojUsers) : [];
            var criteria = dojUsers > 0 ? await DojBenchmark.SampleCriteriaAsync(connection) : [];
            SqliteConnection.ClearAllPools();

            var port = DojBenchmark.FreePort();
            using var app = DojBenchmark.StartApp(file, port, new Dictionary<string, string>(appEnv) { ["Photos__ImportFolder"] = Path.Combine(folder, "imports") });
            try
            {
                var baseAddress = new Uri($"http://127.0.0.1:{port}");
                await DojBenchmark.WaitForHealthAsync(baseAddress, app);
                var clients = await Task.WhenAll(doj.Select((u, i) => DojBenchmark.DojClient.SignInAsync(baseAddress, u.Email, u.Key, $"WIZ-{i + 1:000}")));
                var clerk = await ClerkAsync(baseAddress, clerkEmail);

                // DOJ at a human pace (0.25-0.75 s between searches): idle first, then during the whole import.
                // Warm-up (JIT, SQLite page cache), not recorded.
                if (clients.Length > 0) await SearchWhileAsync(clients, criteria, Task.Delay(TimeSpan.FromSeconds(8)));
                var idle = clients.Length > 0 ? await SearchWhileAsync(clients, criteria, Task.Delay(TimeSpan.FromSeconds(20))) : [];
                var importDone = new TaskCompletionSource();
                var busyTask = clients.Length > 0 ? SearchWhileAsync(clients, criteria, importDone.Task) : Task.FromResult(new List<(double Ms, bool Ok)>());

                if (warmUp is not null)
                {
                    var warm = await UploadAsync(clerk, ZipOf(warmUp, WarmUpIds));
                    await WaitForAsync(clerk, warm, "Previewed", app);
                    var warmPage = await clerk.GetStringAsync($"/District/Import/Photos/Batch/{warm}");
                    using (var commit = await clerk.PostAsync($"/District/Import/Photos/Batch/{warm}?handler=Commit", Form(warmPage, [])))
                        if (commit.StatusCode != HttpStatusCode.Redirect) throw new InvalidOperationException($"Commit gave {(int)commit.StatusCode}");
                    await WaitForAsync(clerk, warm, "Finished", app);
                    // The peak so far is the warm-up's: from here VmHWM starts again at the current resident set.
                    await File.WriteAllTextAsync($"/proc/{app.Id}/clear_refs", "5");
                }
                var stages = $"{(warmUp is null ? "signed in" : $"warmed up with {warmUp.Count}, peak reset to")} {PeakMb(app.Id):0}";
                var watch = Stopwatch.StartNew();
                var batch = await UploadAsync(clerk, zip);
                var upload = watch.Elapsed.TotalSeconds;
                stages += $", uploaded {PeakMb(app.Id):0}";
                await WaitForAsync(clerk, batch, "Previewed", app);
                var preview = watch.Elapsed.TotalSeconds;
                stages += $", checked {PeakMb(app.Id):0}";
                var page = await clerk.GetStringAsync($"/District/Import/Photos/Batch/{batch}");
                stages += $", preview page {PeakMb(app.Id):0}";
                using (var commit = await clerk.PostAsync($"/District/Import/Photos/Batch/{batch}?handler=Commit", Form(page, [])))
                    if (commit.StatusCode != HttpStatusCode.Redirect) throw new InvalidOperationException($"Commit gave {(int)commit.StatusCode}");
                await WaitForAsync(clerk, batch, "Finished", app);
                watch.Stop();
                importDone.SetResult();
                var busy = await busyTask;
                var peak = PeakMb(app.Id);
                stages += $", committed {peak:0} MB";

                var (stored, report) = await CountAsync(connection, batch);
                var idleMs = idle.Select(s => s.Ms).ToList();
                var busyMs = busy.Where(s => s.Ok).Select(s => s.Ms).ToList();
                return new ClerkRun(watch.Elapsed.TotalSeconds, upload, preview - upload, watch.Elapsed.TotalSeconds - preview, stored, report, peak,
                    Measure.Percentile(idleMs, 50), Measure.Percentile(idleMs, 95), idleMs.Count,
                    Measure.Percentile(busyMs, 50), Measure.Percentile(busyMs, 95), busyMs.Count, busy.Count(s => !s.Ok)) { Stages = stages };
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
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<List<(double Ms, bool Ok)>> SearchWhileAsync(DojBenchmark.DojClient[] clients, List<DojBenchmark.Criteria> criteria, Task until)
    {
        var perUser = await Task.WhenAll(clients.Select((client, i) => Task.Run(async () =>
        {
            var random = new Random(500 + i);
            var samples = new List<(double Ms, bool Ok)>();
            while (!until.IsCompleted)
            {
                var (ms, ok, _) = await client.SearchAsync(criteria[random.Next(criteria.Count)].Fields);
                samples.Add((ms, ok));
                await Task.WhenAny(until, Task.Delay(250 + random.Next(500)));
            }
            return samples;
        })));
        return perUser.SelectMany(s => s).ToList();
    }

    private static async Task<HttpClient> ClerkAsync(Uri baseAddress, string email)
    {
        var handler = new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() };
        var http = new HttpClient(handler) { BaseAddress = baseAddress, Timeout = TimeSpan.FromMinutes(30) };
        var login = await http.GetStringAsync("/Account/Login");
        using var signedIn = await http.PostAsync("/Account/Login", Form(login, new() { ["Input.Email"] = email, ["Input.Password"] = DojBenchmark.Password }));
        if (signedIn.StatusCode != HttpStatusCode.Redirect || signedIn.Headers.Location?.ToString().Contains("/Account/") == true)
            throw new InvalidOperationException($"The clerk's sign-in gave {(int)signedIn.StatusCode} {signedIn.Headers.Location}");
        return http;
    }

    private static async Task<int> UploadAsync(HttpClient clerk, string zip)
    {
        var page = await clerk.GetStringAsync("/District/Import/Photos");
        using var form = new MultipartFormDataContent
        {
            { new StringContent(Token(page)), "__RequestVerificationToken" },
            { new StringContent("StateStudentId"), "Input.IdentifierKind" },
            { new StringContent("true"), "Input.ReplaceExisting" },
        };
        await using var stream = File.OpenRead(zip);
        var content = new StreamContent(stream, 1 << 16);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/zip");
        form.Add(content, "Input.Zip", "picture-day.zip");
        using var response = await clerk.PostAsync("/District/Import/Photos", form);
        var location = response.Headers.Location?.ToString() ?? "";
        var match = Regex.Match(location, @"/Batch/(\d+)");
        if (response.StatusCode != HttpStatusCode.Redirect || !match.Success)
            throw new InvalidOperationException($"The upload gave {(int)response.StatusCode} {location}");
        return int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Polls the status the batch page's progress bar polls, as the clerk's browser does.</summary>
    private static async Task WaitForAsync(HttpClient clerk, int batch, string status, Process app)
    {
        while (true)
        {
            if (app.HasExited) throw new InvalidOperationException("The app exited; see its log.");
            var json = await clerk.GetStringAsync($"/District/Import/Photos/Batch/{batch}?handler=Status");
            var now = JsonDocument.Parse(json).RootElement.GetProperty("status").GetString();
            if (now == status) return;
            if (now is "CheckFailed" or "Failed" or "Cancelled") throw new InvalidOperationException($"The batch ended {now}: {json}");
            await Task.Delay(250);
        }
    }

    private static FormUrlEncodedContent Form(string page, Dictionary<string, string> values) =>
        new(new Dictionary<string, string>(values) { ["__RequestVerificationToken"] = Token(page) });

    private static string Token(string html) =>
        Regex.Match(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"") is { Success: true } m
            ? WebUtility.HtmlDecode(m.Groups[1].Value)
            : throw new InvalidOperationException("No antiforgery token on the page.");

    /// <summary>The app's peak resident set over its whole life (Linux), read before it is stopped.</summary>
    private static double PeakMb(int pid)
    {
        var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal)) ?? "VmHWM: 0 kB";
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) / 1024.0;
    }

    /// <summary>The warm-up import's students: their own IDs, so the measured import adds every photo as new.</summary>
    private const int WarmUpIds = 100_000_000;

    private static async Task AddStudentsAsync(string connection, int firstId, int count)
    {
        await using var c = new SqliteConnection(connection);
        await c.OpenAsync();
        await using var tx = c.BeginTransaction();
        await using var cmd = c.CreateCommand();
        cmd.CommandText = "INSERT INTO Students (DistrictId, SchoolId, StateStudentId, LocalStudentNumber, LastName, FirstName, MiddleName, BirthDate, Gender, Grade, SearchName, OptIn, OptInRecordedAt, Version, ChangedAt) " +
                          "VALUES ($d, $d, $sid, $sid, $last, 'Pat', '', '2015-04-01', '', '05', $search, 1, $at, $v, $at)";
        cmd.Parameters.AddWithValue("$d", District);
        var sid = cmd.Parameters.Add("$sid", SqliteType.Text);
        var last = cmd.Parameters.Add("$last", SqliteType.Text);
        var search = cmd.Parameters.Add("$search", SqliteType.Text);
        var version = cmd.Parameters.Add("$v", SqliteType.Text);
        cmd.Parameters.AddWithValue("$at", DateTime.UtcNow.AddDays(-1).ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture));
        for (var i = firstId; i < firstId + count; i++)
        {
            sid.Value = StateId(i);
            last.Value = $"Importee{i}";
            search.Value = SearchText.NameKey($"Importee{i}", "Pat", "");
            version.Value = Guid.NewGuid().ToString().ToUpperInvariant();
            await cmd.ExecuteNonQueryAsync();
        }
        tx.Commit();
    }

    private static async Task<string> CreateClerkAsync(string connection)
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
        const string email = "clerk.bench@bench.example";
        var (user, errors) = await AccountSeeder.CreateAsync(scope.ServiceProvider, email, DojBenchmark.Password, Roles.DistrictClerk, "Bench clerk", District);
        return user is null ? throw new InvalidOperationException(string.Join(" ", errors)) : email;
    }

    /// <summary>The auditor's check: how many of the import's students have a photo now, and the report's counts.</summary>
    private static async Task<(int Stored, string Report)> CountAsync(string connection, int batch)
    {
        await using var c = new SqliteConnection(connection);
        await c.OpenAsync();
        await using var stored = c.CreateCommand();
        stored.CommandText = "SELECT COUNT(*) FROM DistrictPhotos p JOIN Students s ON s.Id = p.StudentId WHERE s.StateStudentId BETWEEN '2000000000' AND '2099999999'";
        var count = Convert.ToInt32(await stored.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
        await using var report = c.CreateCommand();
        report.CommandText = "SELECT Outcome, COUNT(*) FROM PhotoImportItems WHERE BatchId = $b GROUP BY Outcome ORDER BY Outcome";
        report.Parameters.AddWithValue("$b", batch);
        await using var reader = await report.ExecuteReaderAsync();
        var parts = new List<string>();
        while (await reader.ReadAsync()) parts.Add($"{(PhotoRepository.Core.Entities.PhotoImportOutcome)reader.GetInt32(0)} {reader.GetInt32(1)}");
        return (count, string.Join(", ", parts));
    }
}
