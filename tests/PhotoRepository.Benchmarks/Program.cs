using PhotoRepository.Benchmarks;

// dotnet run -c Release --project tests/PhotoRepository.Benchmarks -- <benchmark> [options]
// Each benchmark prints its figures as ratios against a baseline measured in the same run.
var benchmarks = new Dictionary<string, Func<string[], Task>>
{
    ["sync"] = SyncBenchmark.RunAsync,
    ["wizard"] = WizardBenchmark.RunAsync,
    ["demographics"] = DistrictPortalBenchmarks.DemographicsAsync,
    ["student-list"] = DistrictPortalBenchmarks.StudentListAsync,
    ["doj"] = DojBenchmark.RunAsync,
    ["memory"] = MemoryBenchmark.RunAsync,
    ["wizard-memory"] = WizardBenchmark.MemoryAsync,
};

// The app ships with MALLOC_ARENA_MAX=2 (Dockerfile, launchSettings.json, operations.md). glibc reads it only when a
// process starts, and libvips's buffers cost a third more CPU in page faults without it: a run without it starts again
// with it, so the baselines, the loops and the app (which inherits it) all run as the app ships. "--default-malloc" keeps glibc's default.
if (OperatingSystem.IsLinux() && Environment.GetEnvironmentVariable("MALLOC_ARENA_MAX") is null && !args.Contains("--default-malloc"))
{
    var self = Environment.ProcessPath!;
    var again = new System.Diagnostics.ProcessStartInfo(self) { UseShellExecute = false };
    if (Path.GetFileNameWithoutExtension(self) == "dotnet") again.ArgumentList.Add(Environment.GetCommandLineArgs()[0]);
    foreach (var a in args) again.ArgumentList.Add(a);
    again.Environment["MALLOC_ARENA_MAX"] = "2";
    using var child = System.Diagnostics.Process.Start(again)!;
    await child.WaitForExitAsync();
    return child.ExitCode;
}
args = args.Where(a => a != "--default-malloc").ToArray();
Console.WriteLine($"MALLOC_ARENA_MAX={Environment.GetEnvironmentVariable("MALLOC_ARENA_MAX") ?? "(glibc's default)"} for the benchmark and the app it starts");

if (args.Length == 0 || !benchmarks.TryGetValue(args[0], out var run))
{
    Console.WriteLine("Benchmarks: " + string.Join(", ", benchmarks.Keys));
    return 2;
}
await run(args[1..]);
return 0;
