using System.Diagnostics;
using System.Globalization;

namespace PhotoRepository.Benchmarks;

/// <summary>
/// CPU time per request in a phase, of the app process and of this load generator, which share the machine's
/// cores. Unlike latency, CPU time does not grow with waiting, so it compares a DOJ request with the baseline
/// even on a machine that other work is loading; and with N users never pausing, Little's law ties them together:
/// a request-and-reply cycle cannot be shorter than N x (CPU per cycle) / cores.
/// </summary>
internal sealed class CpuMeter
{
    internal sealed record Cost(double AppMs, double ClientMs, int Requests)
    {
        public double AppPerRequest => AppMs / Requests;
        public double ClientPerRequest => ClientMs / Requests;
    }

    private readonly Process _app;
    private readonly double _app0;
    private readonly double _client0;

    private CpuMeter(Process app)
    {
        _app = app;
        _app0 = AppCpuMs(app);
        _client0 = Process.GetCurrentProcess().TotalProcessorTime.TotalMilliseconds;
    }

    public static CpuMeter Start(Process app) => new(app);

    public Cost Stop(int requests) => new(AppCpuMs(_app) - _app0, Process.GetCurrentProcess().TotalProcessorTime.TotalMilliseconds - _client0, requests);

    /// <summary>utime + stime of /proc/pid/stat, in clock ticks of 10 ms (the app is a child process: no Process.Refresh race).</summary>
    private static double AppCpuMs(Process app)
    {
        var stat = File.ReadAllText($"/proc/{app.Id}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) * 10.0;
    }

    public static void Report(Cost doj, Cost health, int users, bool saturated)
    {
        Console.WriteLine();
        Console.WriteLine("CPU time per request (app process; load generator in brackets), whatever else the machine ran:");
        Console.WriteLine($"- baseline (GET /health): {health.AppPerRequest:0.00} ms [{health.ClientPerRequest:0.00} ms]");
        Console.WriteLine($"- DOJ (search and photo alternating): {doj.AppPerRequest:0.00} ms [{doj.ClientPerRequest:0.00} ms], {doj.AppPerRequest / health.AppPerRequest:0.0} x the baseline's in the app");
        if (!saturated) return; // with pauses, CPU per request also carries the app's idle work (timers, polling)
        // Little's law for a closed loop: users = throughput x cycle time, and throughput <= cores / CPU per request.
        var floor = users * (doj.AppPerRequest + doj.ClientPerRequest) / Environment.ProcessorCount;
        Console.WriteLine($"- with {users} users never pausing on {Environment.ProcessorCount} cores, a DOJ request cannot average under {floor:0.0} ms " +
                          $"(users x CPU per request / cores); the baseline's floor is {users * (health.AppPerRequest + health.ClientPerRequest) / Environment.ProcessorCount:0.0} ms");
    }
}
