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

if (args.Length == 0 || !benchmarks.TryGetValue(args[0], out var run))
{
    Console.WriteLine("Benchmarks: " + string.Join(", ", benchmarks.Keys));
    return 2;
}
await run(args[1..]);
return 0;
