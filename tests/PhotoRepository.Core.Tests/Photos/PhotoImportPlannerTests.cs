using System.IO.Compression;
using PhotoRepository.Core.Entities;
using PhotoRepository.Core.Photos;
using PhotoRepository.Core.Photos.Import;

namespace PhotoRepository.Core.Tests.Photos;

public class PhotoImportPlannerTests
{
    private static readonly PhotoPipeline Pipeline = new(new PhotoLimits());
    private static readonly ImportCandidate[] Students = Enumerable.Range(1, 6).Select(i => new ImportCandidate(i, $"410000000{i}", $"{i}", $"Student {i}")).ToArray();

    private static byte[] Jpeg(int seed) => PlaceholderPortrait.Jpeg(seed, 300, 400);

    /// <summary>The scan cut short but closed with an end-of-image marker: not truncated, corrupt.</summary>
    private static byte[] EndsEarly()
    {
        var jpeg = Jpeg(3);
        return [.. jpeg[..(jpeg.Length * 2 / 3)], 0xFF, 0xD9];
    }

    private static byte[] Zip(params (string Name, byte[] Bytes)[] entries)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
            foreach (var (name, bytes) in entries)
            {
                using var s = zip.CreateEntry(name, CompressionLevel.Fastest).Open();
                s.Write(bytes);
            }
        return buffer.ToArray();
    }

    /// <summary>The upload request's plan, then the background check's verdicts on the matched entries.</summary>
    private static ImportPlan PlanAndCheck(byte[] zip)
    {
        var planner = new PhotoImportPlanner(Pipeline);
        var plan = planner.Plan(new MemoryStream(zip), PhotoIdentifierKind.StateStudentId, Students);
        var matched = plan.Items.Where(i => i.Kind == PhotoImportEntryKind.Matched).ToDictionary(i => i.EntryIndex);
        foreach (var verdict in planner.Check(new MemoryStream(zip), matched.Keys.Order()))
            PhotoImportPlanner.Apply(matched[verdict.EntryIndex], verdict.Result);
        return plan;
    }

    [Fact]
    public void The_plan_reads_only_the_directory_and_leaves_decoding_to_the_check()
    {
        var good = Jpeg(1);
        var zip = Zip(("4100000001.jpg", good), ("4100000002.jpg", good[..(good.Length / 2)]));

        var plan = new PhotoImportPlanner(Pipeline).Plan(new MemoryStream(zip), PhotoIdentifierKind.StateStudentId, Students);

        // Both still matched: the truncated one is found out by the check, not in the upload request.
        Assert.All(plan.Items, i => Assert.Equal((PhotoImportEntryKind.Matched, PhotoImportOutcome.Pending), (i.Kind, i.Outcome)));
        Assert.Equal(PhotoImportEntryKind.Invalid, PlanAndCheck(zip).Items[1].Kind);
    }

    [Fact]
    public void The_preview_decodes_each_matched_file_and_lists_a_corrupt_one_as_invalid_with_the_reason()
    {
        var good = Jpeg(1);
        var zip = Zip(
            ("4100000001.jpg", good),
            ("4100000002.jpg", good[..(good.Length / 2)]),
            ("4100000003.jpg", EndsEarly()),
            ("4100000004.jpg", [0x89, (byte)'P', (byte)'N', (byte)'G', 13, 10, 26, 10, 0, 0, 0, 13]),
            ("4100000005.jpg", [.. good[..2], .. "not a jpeg at all"u8.ToArray()]),
            ("9999999999.jpg", good[..100]));

        var plan = PlanAndCheck(zip);

        Assert.Null(plan.Error);
        var byName = plan.Items.ToDictionary(i => i.EntryName);
        Assert.Equal((PhotoImportEntryKind.Matched, PhotoImportOutcome.Pending), (byName["4100000001.jpg"].Kind, byName["4100000001.jpg"].Outcome));
        foreach (var name in new[] { "4100000002.jpg", "4100000003.jpg" })
        {
            Assert.Equal((PhotoImportEntryKind.Invalid, PhotoImportOutcome.NotImported), (byName[name].Kind, byName[name].Outcome));
            Assert.Equal("The file looks like a JPEG picture but is damaged or incomplete, so it cannot be read.", byName[name].Message);
        }
        Assert.Equal(PhotoImportEntryKind.Invalid, byName["4100000004.jpg"].Kind);
        Assert.Contains("is a PNG picture, not an accepted photo", byName["4100000004.jpg"].Message);
        Assert.Equal(PhotoImportEntryKind.Invalid, byName["4100000005.jpg"].Kind);
        // Unmatched files are not decoded: they are reported as unmatched, whatever their bytes.
        Assert.Equal(PhotoImportEntryKind.Unmatched, byName["9999999999.jpg"].Kind);
    }

    [Fact]
    public async Task The_check_on_two_workers_gives_one_verdict_per_entry_and_keeps_each_good_photo_processed()
    {
        var pictures = Enumerable.Range(1, 6).Select(i => i == 4 ? EndsEarly() : Jpeg(10 + i)).ToArray();
        var zip = Zip(pictures.Select((p, i) => ($"410000000{i + 1}.jpg", p)).ToArray());
        var planner = new PhotoImportPlanner(Pipeline);

        var verdicts = new List<CheckedEntry>();
        await foreach (var verdict in planner.CheckAsync(new MemoryStream(zip), Enumerable.Range(0, 6), workers: 2))
            verdicts.Add(verdict);

        Assert.Equal(Enumerable.Range(0, 6), verdicts.Select(v => v.EntryIndex).Order());
        foreach (var v in verdicts)
        {
            if (v.EntryIndex == 3)
            {
                Assert.Equal("The file looks like a JPEG picture but is damaged or incomplete, so it cannot be read.", v.Reason);
                continue;
            }
            // What the commit will store: the clean JPEG a single upload of the same file would store.
            var photo = v.Result.Photo!;
            Assert.Equal(Pipeline.Process(pictures[v.EntryIndex], PhotoFormats.Wizard).Photo!.Sha256, photo.Sha256);
            Assert.Equal(photo.Sha256, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(photo.Jpeg)));
            Assert.NotEmpty(photo.Thumbnail);
        }
    }

    [Fact]
    public async Task A_check_stopped_early_stops_its_reader_and_workers()
    {
        var zip = Zip(Enumerable.Range(1, 6).Select(i => ($"410000000{i}.jpg", Jpeg(20 + i))).ToArray());
        using var cancel = new CancellationTokenSource();
        var seen = 0;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var _ in new PhotoImportPlanner(Pipeline).CheckAsync(new MemoryStream(zip), Enumerable.Range(0, 6), 2, cancel.Token))
                if (++seen == 2) await cancel.CancelAsync();
        });
        Assert.Equal(2, seen);
    }

    [Fact]
    public void A_matched_entry_whose_zip_sizes_were_forged_is_invalid_and_the_rest_is_still_previewed()
    {
        var zip = Zip(("4100000001.jpg", Jpeg(2)), ("4100000002.jpg", Jpeg(3)));
        // Forge the first entry's uncompressed size (local header and central directory) down to 100 bytes.
        for (var i = 0; i + 30 < zip.Length; i++)
        {
            if (zip[i] == 0x50 && zip[i + 1] == 0x4B && zip[i + 2] == 3 && zip[i + 3] == 4 && i == 0) BitConverter.GetBytes(100).CopyTo(zip, i + 22);
            if (zip[i] == 0x50 && zip[i + 1] == 0x4B && zip[i + 2] == 1 && zip[i + 3] == 2) { BitConverter.GetBytes(100).CopyTo(zip, i + 24); break; }
        }

        var plan = PlanAndCheck(zip);

        Assert.Null(plan.Error);
        Assert.Equal(PhotoImportEntryKind.Invalid, plan.Items[0].Kind);
        // .NET stops inflating at the declared size, so the photo arrives cut short: refused, never a crash.
        Assert.Equal("The file looks like a JPEG picture but is damaged or incomplete, so it cannot be read.", plan.Items[0].Message);
        Assert.Equal(PhotoImportEntryKind.Matched, plan.Items[1].Kind);
    }
}
