using System.IO.Compression;
using System.Text;
using ImageMagick;
using NetVips;
using PhotoRepository.Core.Demographics;
using PhotoRepository.Core.Photos;
using PhotoRepository.Core.Photos.Import;

namespace PhotoRepository.Core.Tests.Hostile;

/// <summary>
/// Random byte mutations of valid files of every kind we accept (seeded, so a failure replays): each
/// must end in a processed photo or a specific refusal, never an exception, and a refused file
/// yields nothing to store.
/// </summary>
public class FileFuzzTests
{
    private const int CasesPerFormat = 400;
    private static readonly PhotoPipeline Pipeline = new(new PhotoLimits());

    public static TheoryData<string> Formats() => new(["jpeg", "gif", "tiff", "bmp"]);

    [Theory]
    [MemberData(nameof(Formats))]
    public void Mutated_photos_are_processed_or_refused_with_a_message_never_thrown(string format)
    {
        var valid = Sample(format);
        var random = new Random(format.GetHashCode(StringComparison.Ordinal) ^ 1123);
        var failures = new List<string>();
        for (var i = 0; i < CasesPerFormat; i++)
        {
            var bytes = Mutate(valid, random, i);
            try
            {
                var result = Pipeline.Process(bytes, PhotoFormats.IndividualUpload);
                if (result.Photo is null && string.IsNullOrWhiteSpace(result.Error)) failures.Add($"case {i}: refused without a message");
                if (result.Photo is { } photo && (photo.Jpeg.Length < 3 || photo.Jpeg[0] != 0xFF || photo.Jpeg[1] != 0xD8)) failures.Add($"case {i}: output is not a JPEG");
            }
            catch (Exception ex)
            {
                failures.Add($"case {i}: {ex.GetType().Name}: {ex.Message}");
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(20)));
    }

    [Fact]
    public void Mutated_zips_are_planned_or_refused_never_thrown()
    {
        var valid = Zip();
        var random = new Random(20261123);
        var planner = new PhotoImportPlanner(Pipeline);
        var students = new[] { new ImportCandidate(1, "4100000001", "00042", "Ana Peña") };
        var failures = new List<string>();
        for (var i = 0; i < CasesPerFormat; i++)
        {
            var bytes = Mutate(valid, random, i);
            var plan = planner.Plan(new MemoryStream(bytes), PhotoIdentifierKind.StateStudentId, students);
            var entries = EntryCount(bytes);
            if (plan.Error is not null)
            {
                // Refused whole: with its reason, and nothing half-planned.
                if (string.IsNullOrWhiteSpace(plan.Error) || plan.Items.Count > 0) failures.Add($"case {i}: refused without a reason, or with items");
                continue;
            }
            // Accepted: every entry of the archive has exactly one item, and each one not matched says why.
            var indexes = plan.Items.Select(x => x.EntryIndex).Order().ToList();
            if (entries is null || !indexes.SequenceEqual(Enumerable.Range(0, entries.Value)))
                failures.Add($"case {i}: {entries?.ToString() ?? "an unreadable archive of"} entries gave items [{string.Join(",", indexes)}]");
            foreach (var item in plan.Items.Where(x => x.Kind != PhotoImportEntryKind.Matched && string.IsNullOrWhiteSpace(x.Message)))
                failures.Add($"case {i}: entry {item.EntryIndex} is {item.Kind} without a message");

            // The background check on whatever the plan accepted: one verdict per matched entry, a refusal with its reason.
            var matched = plan.Items.Where(x => x.Kind == PhotoImportEntryKind.Matched).Select(x => x.EntryIndex).ToList();
            var verdicts = planner.Check(new MemoryStream(bytes), matched).ToList();
            if (!verdicts.Select(v => v.EntryIndex).SequenceEqual(matched) || verdicts.Any(v => v.Reason is { } r && string.IsNullOrWhiteSpace(r)))
                failures.Add($"case {i}: check gave [{string.Join(",", verdicts)}] for matched [{string.Join(",", matched)}]");
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(20)));
    }

    /// <summary>The files a ZIP reader finds in the archive, or null when it cannot list them.</summary>
    private static int? EntryCount(byte[] bytes)
    {
        try
        {
            using var zip = new ZipArchive(new MemoryStream(bytes), ZipArchiveMode.Read);
            return zip.Entries.Count;
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }

    [Fact]
    public void Mutated_demographics_files_give_a_row_or_a_reason_for_every_line_never_thrown()
    {
        var valid = Encoding.UTF8.GetBytes(DemographicsTemplate.Header + "\r\n" +
            "4100000001,00042,Peña,Ana,\"María, José\",2014-03-02,F,06,0101-01,1\r\n4100000002,7,O'Brien,Seán,,2013-01-09,M,07,0101-01, 2 \r\n" +
            "4100000003,8,Nakamura,Kenji,,2012-11-30,M,08,0101-01,0\r\n");
        var random = new Random(7);
        var failures = new List<string>();
        for (var i = 0; i < CasesPerFormat; i++)
        {
            var bytes = Mutate(valid, random, i);
            var result = DemographicsFile.Parse(bytes);
            if (result.FileError is not null)
            {
                if (string.IsNullOrWhiteSpace(result.FileError) || result.Rows.Count + result.Rejections.Count > 0) failures.Add($"case {i}: refused without a reason, or with rows");
                continue;
            }
            // Each data line becomes a row or is rejected with a column and a reason; never both, never neither.
            var text = new UTF8Encoding(false).GetString(bytes).TrimStart('\uFEFF');
            var lines = text.Split(["\r\n", "\n", "\r"], StringSplitOptions.None);
            var dataLines = Enumerable.Range(2, Math.Max(0, lines.Length - 1)).Where(n => lines[n - 1].Length > 0).ToHashSet();
            var rowLines = result.Rows.Select(r => r.Line).ToList();
            var rejectedLines = result.Rejections.Select(r => r.Line).Distinct().ToList();
            var covered = rowLines.Concat(rejectedLines).ToList();
            if (rowLines.Intersect(rejectedLines).Any() || covered.Count != covered.Distinct().Count())
                failures.Add($"case {i}: a line is both a row and rejected, or two rows");
            if (covered.Any(l => !dataLines.Contains(l)))
                failures.Add($"case {i}: lines [{string.Join(",", covered)}] are not all data lines [{string.Join(",", dataLines)}]");
            // While the one quoted field is intact (or there are no quotes) no record spans lines: the lines covered are exactly the data lines.
            var quotesIntact = text.Count(c => c == '"') == 0 || (text.Count(c => c == '"') == 2 && text.Contains("\"María, José\"", StringComparison.Ordinal));
            if (quotesIntact && !covered.Order().SequenceEqual(dataLines.Order()))
                failures.Add($"case {i}: data lines [{string.Join(",", dataLines.Order())}] but rows or reasons for [{string.Join(",", covered.Order())}]");
            if (dataLines.Count > 0 && covered.Count == 0) failures.Add($"case {i}: {dataLines.Count} data lines, nothing read or rejected");
            foreach (var r in result.Rejections.Where(r => string.IsNullOrWhiteSpace(r.Column) || string.IsNullOrWhiteSpace(r.Reason)))
                failures.Add($"case {i}: line {r.Line} rejected without a column or reason");
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(20)));
    }

    private static byte[] Mutate(byte[] valid, Random random, int i)
    {
        var bytes = (byte[])valid.Clone();
        switch (i % 4)
        {
            case 0: // flip bytes anywhere
                for (var k = 0; k < 1 + random.Next(16); k++) bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
                return bytes;
            case 1: // truncate
                return bytes[..random.Next(1, bytes.Length)];
            case 2: // damage the header, where the dimensions and offsets live
                for (var k = 0; k < 4; k++) bytes[random.Next(Math.Min(64, bytes.Length))] = (byte)random.Next(256);
                return bytes;
            default: // splice garbage into the middle
                var at = random.Next(bytes.Length);
                var junk = new byte[random.Next(1, 512)];
                random.NextBytes(junk);
                return [.. bytes[..at], .. junk, .. bytes[at..]];
        }
    }

    private static byte[] Sample(string format)
    {
        var jpeg = PlaceholderPortrait.Jpeg(5, 120, 160);
        if (format == "jpeg") return jpeg;
        if (format == "bmp")
        {
            // From raw pixels: the product's ImageMagick policy (in force here too) refuses every coder but BMP/DIB.
            using var decoded = Image.NewFromBuffer(jpeg);
            using var magick = new MagickImage();
            magick.ReadPixels(decoded.WriteToMemory<byte>(), new PixelReadSettings((uint)decoded.Width, (uint)decoded.Height, StorageType.Char, PixelMapping.RGB));
            return magick.ToByteArray(MagickFormat.Bmp);
        }
        using var image = Image.NewFromBuffer(jpeg);
        return format == "gif" ? image.GifsaveBuffer() : image.TiffsaveBuffer(compression: Enums.ForeignTiffCompression.Lzw);
    }

    private static byte[] Zip()
    {
        using var memory = new MemoryStream();
        using (var zip = new ZipArchive(memory, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var name in new[] { "4100000001.jpg", "photos/4100000002.jpg", "__MACOSX/._x.jpg" })
            {
                using var entry = zip.CreateEntry(name).Open();
                entry.Write(PlaceholderPortrait.Jpeg(name.Length, 60, 80));
            }
        }
        return memory.ToArray();
    }
}
