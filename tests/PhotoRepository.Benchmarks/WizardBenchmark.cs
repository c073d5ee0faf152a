using System.Collections.Concurrent;
using System.IO.Compression;
using NetVips;
using PhotoRepository.Core.Entities;
using PhotoRepository.Core.Photos;
using PhotoRepository.Core.Photos.Import;

namespace PhotoRepository.Benchmarks;

/// <summary>
/// "wizard [count]": the photo pipeline with the import's 2 workers against a bare NetVips
/// ThumbnailBuffer + JpegsaveBuffer loop on 2 threads, on the same vendor-size JPEGs in the same run.
/// </summary>
public static class WizardBenchmark
{
    private const int Workers = 2;

    public static async Task RunAsync(string[] args)
    {
        var count = args.Length > 0 && int.TryParse(args[0], out var n) ? n : 1000;
        var pipeline = new PhotoPipeline(new PhotoLimits()); // applies the production library settings to both loops
        var files = Corpus(count);
        var averageKb = files.Average(f => new FileInfo(f).Length) / 1024;
        Console.WriteLine($"{count} JPEGs of 2048 x 2048, {averageKb:0} KB on average, {Workers} workers, {Environment.ProcessorCount} cores");

        var bare = await Measure.RunAsync("bare NetVips loop", () => Parallel(files, bytes =>
        {
            using var fitted = Image.ThumbnailBuffer(bytes, PhotoPipeline.MaxWidth, height: PhotoPipeline.MaxHeight, size: Enums.Size.Down);
            var jpeg = fitted.JpegsaveBuffer(q: PhotoPipeline.Quality, keep: Enums.ForeignKeep.None);
            using var thumb = Image.ThumbnailBuffer(jpeg, PhotoPipeline.ThumbWidth, height: PhotoPipeline.ThumbHeight);
            thumb.JpegsaveBuffer(q: 80, keep: Enums.ForeignKeep.None);
        }));
        var failures = 0;
        var ours = await Measure.RunAsync("photo pipeline", () => Parallel(files, bytes =>
        {
            if (!pipeline.Process(bytes, PhotoFormats.Wizard).Ok) Interlocked.Increment(ref failures);
        }));

        // The preview's two halves: the clerk's upload request reads the ZIP's directory and matches the
        // names (every entry matches a student here); the background check then inflates and decodes
        // every matched entry, one at a time on one thread, as PhotoImportCheckJob does.
        var zip = ZipOf(files);
        var planner = new PhotoImportPlanner(pipeline);
        var students = Enumerable.Range(0, count).Select(i => new ImportCandidate(i + 1, i.ToString("00000"), "", $"Student {i}")).ToList();
        ImportPlan? plan = null;
        var directory = await Measure.RunAsync("upload request, directory and matching", () => Task.Run(() => plan = PlanOf(zip, planner, students)));
        var matchedEntries = plan!.Items.Where(i => i.Kind == PhotoImportEntryKind.Matched).Select(i => i.EntryIndex).ToList();
        var matched = 0;
        var preview = await Measure.RunAsync("background check, every entry decoded", () => Task.Run(() =>
        {
            using var stream = new FileStream(zip, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
            matched = planner.Check(stream, matchedEntries).Count(v => v.Reason is null);
        }));

        var bareRate = count / bare.Seconds;
        var ourRate = count / ours.Seconds;
        Console.WriteLine($"bare loop:      {bareRate:0.0} photos/s, peak {bare.PeakMb:0} MB");
        Console.WriteLine($"photo pipeline: {ourRate:0.0} photos/s, peak {ours.PeakMb:0} MB, {failures} refused");
        Console.WriteLine($"ratio pipeline/bare: {ourRate / bareRate:0.00} (goal >= 0.8)");
        Console.WriteLine($"upload request (directory and matching): {directory.Seconds * 1000:0} ms for {count} entries");
        Console.WriteLine($"background check: {preview.Seconds:0.00} s ({preview.Seconds * 1000 / count:0.0} ms a photo, 1 thread), peak {preview.PeakMb:0} MB, {matched} valid");
        Console.WriteLine($"background check time / bare loop time (2 threads): {preview.Seconds / bare.Seconds:0.00}; check + pipeline / bare: {(preview.Seconds + ours.Seconds) / bare.Seconds:0.00}");
    }

    private static ImportPlan PlanOf(string zip, PhotoImportPlanner planner, List<ImportCandidate> students)
    {
        using var stream = new FileStream(zip, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        return planner.Plan(stream, PhotoIdentifierKind.StateStudentId, students);
    }

    /// <summary>The files as a vendor would send them: one deflated ZIP, kept beside the pictures.</summary>
    private static string ZipOf(IReadOnlyList<string> files)
    {
        var path = Path.Combine(Path.GetDirectoryName(files[0])!, $"wizard-{files.Count}.zip");
        if (File.Exists(path)) return path;
        using (var zip = ZipFile.Open(path + ".tmp", ZipArchiveMode.Create))
            foreach (var file in files)
                zip.CreateEntryFromFile(file, "picture-day/" + Path.GetFileName(file), CompressionLevel.Fastest);
        File.Move(path + ".tmp", path);
        return path;
    }

    private static Task Parallel(IReadOnlyList<string> files, Action<byte[]> work)
    {
        var queue = new ConcurrentQueue<string>(files);
        return Task.WhenAll(Enumerable.Range(0, Workers).Select(_ => Task.Run(() =>
        {
            while (queue.TryDequeue(out var file)) work(File.ReadAllBytes(file));
        })));
    }

    /// <summary>Generating 2048 x 2048 pictures takes a while: they are kept in a temp folder between runs.</summary>
    private static List<string> Corpus(int count)
    {
        var folder = Path.Combine(Path.GetTempPath(), "photorepo-bench-wizard");
        Directory.CreateDirectory(folder);
        var files = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var path = Path.Combine(folder, $"{i:00000}.jpg");
            if (!File.Exists(path))
            {
                // Ten noisy portraits, each file a differently lit, possibly mirrored copy: distinct
                // bytes at vendor size without paying for a fresh 2048 x 2048 drawing every time.
                var basePath = Path.Combine(folder, $"base-{i % 10}.jpeg");
                if (!File.Exists(basePath))
                {
                    using var portrait = Image.NewFromBuffer(PlaceholderPortrait.Jpeg(i % 10, 2048, 2048));
                    using var noise = Image.Gaussnoise(2048, 2048, sigma: 4, mean: 0, seed: i % 10);
                    using var noisy = (portrait + noise).Cast(Enums.BandFormat.Uchar);
                    File.WriteAllBytes(basePath, noisy.JpegsaveBuffer(q: 97)); // only the accepted loaders may run here
                }
                using var source = Image.NewFromBuffer(File.ReadAllBytes(basePath));
                using var lit = (source * (0.9 + i % 17 * 0.01) + i % 5).Cast(Enums.BandFormat.Uchar);
                using var picture = i % 2 == 0 ? lit.Copy() : lit.FlipHor();
                File.WriteAllBytes(path + ".tmp", picture.JpegsaveBuffer(q: 85));
                File.Move(path + ".tmp", path);
            }
            files.Add(path);
        }
        return files;
    }
}
