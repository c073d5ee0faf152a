using NetVips;
using PhotoRepository.Core.Photos;

namespace PhotoRepository.Benchmarks;

/// <summary>
/// "memory [uploads]": eight (by default) concurrent 50-megapixel uploads (7071 x 7071 GIFs, which libvips
/// decodes whole; a BMP that size would be over the 20 MB file limit) through the photo pipeline with the
/// production decode budget, against one such upload alone in the same run. Goal: the process stays under 1 GB.
/// </summary>
public static class MemoryBenchmark
{
    public static async Task RunAsync(string[] args)
    {
        var uploads = args.Length > 0 && int.TryParse(args[0], out var n) ? n : 8;
        var limits = new PhotoLimits();
        var pipeline = new PhotoPipeline(limits);
        var side = (int)Math.Sqrt(limits.MaxPixels);
        var gif = Gif(side);
        Console.WriteLine($"{uploads} concurrent uploads of a {side} x {side} GIF ({gif.Length / 1024} KB), decode budget {PhotoPipeline.Budget.CapacityPixels / 1_000_000.0:0.#} MP, {Environment.ProcessorCount} cores");

        var refused = 0;
        var one = await Measure.RunAsync("one upload alone", () => Task.Run(() =>
        {
            if (!pipeline.Process(gif, PhotoFormats.IndividualUpload).Ok) Interlocked.Increment(ref refused);
        }));
        var many = await Measure.RunAsync($"{uploads} concurrent uploads", () => Task.WhenAll(Enumerable.Range(0, uploads).Select(_ => Task.Run(() =>
        {
            if (!pipeline.Process(gif, PhotoFormats.IndividualUpload).Ok) Interlocked.Increment(ref refused);
        }))));
        Console.WriteLine($"refused: {refused}; peak pixels in flight {PhotoPipeline.Budget.PeakPixels / 1_000_000.0:0.#} MP");
        Console.WriteLine($"peak memory: {many.PeakMb:0} MB = {many.PeakMb / one.PeakMb:0.00} x one upload alone ({one.PeakMb:0} MB); time {many.Seconds / one.Seconds:0.0} x");
        Console.WriteLine(many.PeakMb < 1024 && refused == 0 ? "GOAL MET: under 1 GB, none refused" : "GOAL MISSED");
    }

    private static byte[] Gif(int side)
    {
        using var black = Image.Black(side, side, bands: 3);
        using var coloured = black.Linear([1.0, 1.0, 1.0], [200.0, 40.0, 40.0]);
        using var bytes = coloured.Cast(Enums.BandFormat.Uchar);
        return bytes.GifsaveBuffer();
    }
}
