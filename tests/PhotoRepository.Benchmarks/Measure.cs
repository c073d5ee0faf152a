using System.Diagnostics;

namespace PhotoRepository.Benchmarks;

/// <summary>Wall time and peak memory of one step, the way every benchmark here reports them.</summary>
public static class Measure
{
    public sealed record Result(string Name, TimeSpan Elapsed, long PeakWorkingSetBytes)
    {
        public double Seconds => Elapsed.TotalSeconds;
        public double PeakMb => PeakWorkingSetBytes / 1024.0 / 1024.0;
        public override string ToString() => $"{Name}: {Seconds:0.00} s, peak {PeakMb:0} MB";
    }

    public static async Task<Result> RunAsync(string name, Func<Task> work)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        using var process = Process.GetCurrentProcess();
        long peak = 0;
        using var cts = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!cts.IsCancellationRequested)
            {
                process.Refresh();
                peak = Math.Max(peak, process.WorkingSet64);
                await Task.Delay(20);
            }
        });
        var watch = Stopwatch.StartNew();
        await work();
        watch.Stop();
        cts.Cancel();
        await sampler;
        process.Refresh();
        peak = Math.Max(peak, process.WorkingSet64);
        var result = new Result(name, watch.Elapsed, peak);
        Console.WriteLine(result);
        return result;
    }

    public static double Percentile(IReadOnlyList<double> values, double p)
    {
        var sorted = values.OrderBy(v => v).ToList();
        if (sorted.Count == 0) return 0;
        var rank = (int)Math.Ceiling(p / 100.0 * sorted.Count) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Count - 1)];
    }
}
