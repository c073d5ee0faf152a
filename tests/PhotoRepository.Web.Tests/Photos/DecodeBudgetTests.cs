using PhotoRepository.Core.Photos;
using VipsImage = NetVips.Image;

namespace PhotoRepository.Web.Tests.Photos;

/// <summary>
/// Concurrent large uploads wait for room instead of failing, and a valid picture is never called damaged:
/// the process-wide decode budget, and the formats that used to be refused for the wrong reason.
/// </summary>
public class DecodeBudgetTests
{
    private readonly PhotoPipeline _pipeline = new(new PhotoLimits());

    [Fact]
    public async Task Decodes_that_would_exceed_the_budget_take_turns_and_small_ones_share_it()
    {
        var budget = new DecodeBudget(100);
        Assert.Equal(1, await MostAtOnceAsync(budget, pixels: 60, callers: 8));
        Assert.InRange(await MostAtOnceAsync(budget, pixels: 10, callers: 8), 2, 8);
        // Larger than the whole budget: it still runs, alone.
        Assert.Equal(1, await MostAtOnceAsync(budget, pixels: 1_000, callers: 4));
    }

    private static async Task<int> MostAtOnceAsync(DecodeBudget budget, long pixels, int callers)
    {
        var now = 0;
        var most = 0;
        using var start = new Barrier(callers);
        await Task.WhenAll(Enumerable.Range(0, callers).Select(_ => Task.Factory.StartNew(() =>
        {
            start.SignalAndWait();
            using (budget.Acquire(pixels))
            {
                var inside = Interlocked.Increment(ref now);
                InterlockedMax(ref most, inside);
                Thread.Sleep(30);
                Interlocked.Decrement(ref now);
            }
        }, TaskCreationOptions.LongRunning)));
        return most;
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen) { }
    }

    [Fact]
    public async Task Eight_concurrent_legal_size_gifs_are_all_stored_none_refused_as_damaged()
    {
        // 7000 x 7000 = 49 megapixels, under the 50-megapixel limit; a GIF is decoded whole (about 200 MB each).
        var gif = BigGif();
        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => _pipeline.Process(gif, PhotoFormats.IndividualUpload))));
        Assert.All(results, r => Assert.True(r.Ok, r.Error));
        Assert.InRange(PhotoPipeline.Budget.PeakPixels, 1, PhotoPipeline.Budget.CapacityPixels);
    }

    private static byte[] BigGif()
    {
        using var black = VipsImage.Black(7000, 7000, bands: 3);
        using var coloured = black.Linear([1.0, 1.0, 1.0], [200.0, 40.0, 40.0]);
        using var bytes = coloured.Cast(NetVips.Enums.BandFormat.Uchar);
        return bytes.GifsaveBuffer();
    }

    [Fact]
    public void A_64_bit_float_tiff_is_refused_with_the_true_reason_not_as_damaged()
    {
        // A valid picture libvips does not read ("samples out of range"): the clerk learns why, and what to do.
        using var portrait = VipsImage.NewFromBuffer(PhotoCorpus.Jpeg(33));
        using var linear = portrait.Colourspace(NetVips.Enums.Interpretation.Scrgb);
        using var doubles = linear.Cast(NetVips.Enums.BandFormat.Double);
        var tiff = doubles.TiffsaveBuffer();

        var result = _pipeline.Process(tiff, PhotoFormats.IndividualUpload);

        Assert.False(result.Ok);
        Assert.Contains("64-bit floating-point", result.Error);
        Assert.DoesNotContain("damaged", result.Error);
        // A damaged TIFF is still called damaged.
        var lzw = PhotoCorpus.TiffLzw();
        Assert.Contains("damaged", _pipeline.Process(lzw[..(lzw.Length / 2)], PhotoFormats.IndividualUpload).Error);
    }
}
