using System.IO.Compression;
using System.Text;
using ImageMagick;
using PhotoRepository.Core.Photos;
using VipsImage = NetVips.Image;
using Enums = NetVips.Enums;

namespace PhotoRepository.Web.Tests.Photos;

/// <summary>Good and hostile files, generated here so the corpus is reproducible and holds no real faces.</summary>
public static class PhotoCorpus
{
    public static byte[] Jpeg(int seed = 1, int width = 600, int height = 800) => PlaceholderPortrait.Jpeg(seed, width, height);

    private static VipsImage Portrait(int seed = 2) => VipsImage.NewFromBuffer(Jpeg(seed));

    public static byte[] ProgressiveJpeg() { using var i = Portrait(); return i.JpegsaveBuffer(q: 90, interlace: true); }

    public static byte[] GrayJpeg() { using var i = Portrait(); using var g = i.Colourspace(Enums.Interpretation.Bw); return g.JpegsaveBuffer(); }

    // ImageMagick runs under the product's policy in this process too (BMP/DIB only, see
    // TestAssembly), so everything but the bitmaps is made with libvips, and the bitmaps from raw pixels.
    public static byte[] CmykJpeg() { using var i = Portrait(3); using var cmyk = i.Colourspace(Enums.Interpretation.Cmyk); return cmyk.JpegsaveBuffer(); }

    private static VipsImage Solid(int width, int height, double[] rgb)
    {
        using var black = VipsImage.Black(width, height, bands: 3);
        using var filled = black.Linear([1.0, 1.0, 1.0], rgb);
        using var bytes = filled.Cast(Enums.BandFormat.Uchar);
        return bytes.Copy(interpretation: Enums.Interpretation.Srgb);
    }

    private static readonly double[] Red = [255, 0, 0];
    private static readonly double[] Blue = [0, 0, 255];
    private static readonly double[] Green = [0, 255, 0];

    /// <summary>Frames of one size stacked vertically, with the page height that makes them pages.</summary>
    private static VipsImage Pages(int width, int height, params double[][] colours)
    {
        var frames = colours.Select(c => Solid(width, height, c)).ToArray();
        try
        {
            using var stacked = VipsImage.Arrayjoin(frames, across: 1);
            return stacked.Mutate(m => m.Set(NetVips.GValue.GIntType, "page-height", height));
        }
        finally
        {
            foreach (var f in frames) f.Dispose();
        }
    }

    public static byte[] AnimatedGif()
    {
        using var pages = Pages(300, 400, Red, Blue, Green);
        using var animated = pages.Mutate(m =>
        {
            m.Set(NetVips.GValue.ArrayIntType, "delay", new[] { 200, 200, 200 });
            m.Set(NetVips.GValue.GIntType, "loop", 0);
        });
        return animated.GifsaveBuffer();
    }

    private static MagickImage FromPixels(VipsImage rgb)
    {
        var image = new MagickImage();
        image.ReadPixels(rgb.WriteToMemory<byte>(), new PixelReadSettings((uint)rgb.Width, (uint)rgb.Height, StorageType.Char, PixelMapping.RGB));
        return image;
    }

    public static byte[] Bmp() { using var p = Portrait(4); using var i = FromPixels(p); return i.ToByteArray(MagickFormat.Bmp); }

    public static byte[] Dib() { using var p = Portrait(5); using var i = FromPixels(p); return i.ToByteArray(MagickFormat.Dib); }

    public static byte[] TiffLzw() { using var i = Portrait(6); return i.TiffsaveBuffer(compression: Enums.ForeignTiffCompression.Lzw); }

    public static byte[] Tiff16Bit()
    {
        using var i = Portrait(7);
        using var wide = (i * 257).Cast(Enums.BandFormat.Ushort);
        using var rgb16 = wide.Copy(interpretation: Enums.Interpretation.Rgb16);
        return rgb16.TiffsaveBuffer();
    }

    /// <summary>Two pages, red then blue (libvips writes pages of one size).</summary>
    public static byte[] MultiPageTiff() { using var pages = Pages(300, 400, Red, Blue); return pages.TiffsaveBuffer(); }

    /// <summary>
    /// Upright, the picture is red on top and blue below (400 x 600). Stored turned on its side with
    /// EXIF orientation 6, plus GPS, a capture date, a camera make, a comment and an ICC profile that
    /// must all go. The metadata segments are written by hand, as a camera would.
    /// </summary>
    public static byte[] RotatedWithGps()
    {
        using var red = Solid(300, 400, Red);
        using var blue = Solid(300, 400, Blue);
        using var sideways = red.Join(blue, Enums.Direction.Horizontal);
        var jpeg = sideways.JpegsaveBuffer(q: 90, keep: Enums.ForeignKeep.None);
        // After the JFIF segment, where cameras put theirs.
        var at = jpeg[3] == 0xE0 ? 4 + (jpeg[4] << 8 | jpeg[5]) : 2;
        byte[] icc = [.. "ICC_PROFILE\0"u8, 1, 1, .. ColorProfiles.SRGB.ToByteArray()];
        return [.. jpeg[..at], .. Segment(0xE1, Exif()), .. Segment(0xE2, icc), .. Segment(0xFE, "secret comment"u8.ToArray()), .. jpeg[at..]];
    }

    private static byte[] Segment(byte marker, byte[] payload) => [0xFF, marker, (byte)((payload.Length + 2) >> 8), (byte)((payload.Length + 2) & 0xFF), .. payload];

    private sealed record Tag(ushort Id, ushort Type, uint Count, byte[] Value);

    private static Tag Ascii(ushort id, string text) => new(id, 2, (uint)text.Length + 1, [.. Encoding.ASCII.GetBytes(text), 0]);

    private static Tag Short(ushort id, ushort value) => new(id, 3, 1, [.. BitConverter.GetBytes(value), 0, 0]);

    private static Tag Long(ushort id, uint value) => new(id, 4, 1, BitConverter.GetBytes(value));

    private static Tag Rationals(ushort id, params uint[] parts) => new(id, 5, (uint)parts.Length / 2, parts.SelectMany(BitConverter.GetBytes).ToArray());

    private static int IfdSize(Tag[] tags) => 2 + 12 * tags.Length + 4 + tags.Where(t => t.Value.Length > 4).Sum(t => t.Value.Length + t.Value.Length % 2);

    /// <summary>One little-endian IFD at the buffer's end; values over 4 bytes follow it.</summary>
    private static void WriteIfd(List<byte> tiff, Tag[] tags)
    {
        var data = tiff.Count + 2 + 12 * tags.Length + 4;
        var extra = new List<byte>();
        tiff.AddRange(BitConverter.GetBytes((ushort)tags.Length));
        foreach (var t in tags)
        {
            tiff.AddRange(BitConverter.GetBytes(t.Id));
            tiff.AddRange(BitConverter.GetBytes(t.Type));
            tiff.AddRange(BitConverter.GetBytes(t.Count));
            if (t.Value.Length <= 4)
                tiff.AddRange([.. t.Value, .. new byte[4 - t.Value.Length]]);
            else
            {
                tiff.AddRange(BitConverter.GetBytes((uint)(data + extra.Count)));
                extra.AddRange(t.Value);
                if (t.Value.Length % 2 == 1) extra.Add(0);
            }
        }
        tiff.AddRange(BitConverter.GetBytes(0u));
        tiff.AddRange(extra);
    }

    /// <summary>An EXIF block: IFD0 (make, orientation 6), the Exif IFD (capture date) and the GPS IFD (46°35'N 112°2'W).</summary>
    private static byte[] Exif()
    {
        Tag[] exif = [Ascii(0x9003, "2025:09:15 10:30:00")];
        Tag[] gps = [Ascii(0x0001, "N"), Rationals(0x0002, 46, 1, 35, 1, 0, 1), Ascii(0x0003, "W"), Rationals(0x0004, 112, 1, 2, 1, 0, 1)];
        Tag[] Ifd0(uint exifAt, uint gpsAt) => [Ascii(0x010F, "SecretCamera"), Short(0x0112, 6), Long(0x8769, exifAt), Long(0x8825, gpsAt)];
        var exifAt = (uint)(8 + IfdSize(Ifd0(0, 0)));
        var gpsAt = exifAt + (uint)IfdSize(exif);
        var tiff = new List<byte> { (byte)'I', (byte)'I', 42, 0, 8, 0, 0, 0 };
        WriteIfd(tiff, Ifd0(exifAt, gpsAt));
        WriteIfd(tiff, exif);
        WriteIfd(tiff, gps);
        return [.. "Exif\0\0"u8, .. tiff];
    }

    public static byte[] Truncated() { var j = Jpeg(8); return j[..(j.Length / 2)]; }

    public static byte[] Png() { using var i = Portrait(9); return i.PngsaveBuffer(); }

    public static byte[] Svg() => Encoding.UTF8.GetBytes("<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"100\" height=\"100\"><image href=\"file:///etc/passwd\"/></svg>");

    public static byte[] Mvg() => Encoding.ASCII.GetBytes("push graphic-context\nviewbox 0 0 640 480\nimage over 0,0 0,0 'https://example.com/x.jpg'\npop graphic-context\n");

    public const string Script = "<script>alert('x')</script>";

    public static byte[] JpegWithScript() => [.. Jpeg(10), .. Encoding.ASCII.GetBytes(Script)];

    /// <summary>A real JPEG whose frame header claims 40,000 x 40,000 pixels.</summary>
    public static byte[] ForgedHugeJpeg()
    {
        var bytes = Jpeg(11);
        for (var i = 2; i < bytes.Length - 9; i++)
        {
            if (bytes[i] == 0xFF && bytes[i + 1] is 0xC0 or 0xC2)
            {
                bytes[i + 5] = 40000 >> 8; bytes[i + 6] = 40000 & 0xFF; // height
                bytes[i + 7] = 40000 >> 8; bytes[i + 8] = 40000 & 0xFF; // width
                return bytes;
            }
        }
        throw new InvalidOperationException("No frame header.");
    }

    /// <summary>A BMP whose header claims 60,000 pixels wide: must be refused by the header check.</summary>
    public static byte[] ForgedHugeBmp()
    {
        var bytes = Bmp();
        BitConverter.GetBytes(60000).CopyTo(bytes, 18);
        return bytes;
    }

    /// <summary>A small file that decompresses to 144 megapixels of black.</summary>
    public static byte[] HugeCompressedTiff()
    {
        using var black = VipsImage.Black(12000, 12000);
        using var bytes = black.Cast(Enums.BandFormat.Uchar);
        return bytes.TiffsaveBuffer(compression: Enums.ForeignTiffCompression.Deflate, tile: true);
    }

    public static byte[] Zip(params (string Name, byte[] Bytes)[] entries)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
            foreach (var (name, bytes) in entries)
            {
                var entry = zip.CreateEntry(name, CompressionLevel.Fastest);
                using var s = entry.Open();
                s.Write(bytes);
            }
        return buffer.ToArray();
    }

    /// <summary>One "photo" that inflates from a few KB to 50 MB.</summary>
    public static byte[] ZipBomb() => Zip(("1234567890.jpg", new byte[50 * 1024 * 1024]));

    public static byte[] ZipSlip(byte[] photo) => Zip(("../../../../tmp/evil.jpg", photo), ("..\\..\\windows\\evil2.jpg", photo));

    public static byte[] CorruptZip() { var z = Zip(("1.jpg", Jpeg(12))); return z[..(z.Length - 30)]; }

    /// <summary>The APPn and COM segments of a JPEG (markers before the scan): where metadata lives.</summary>
    public static List<byte> MetadataMarkers(byte[] jpeg)
    {
        var found = new List<byte>();
        var i = 2;
        while (i + 4 < jpeg.Length && jpeg[i] == 0xFF)
        {
            var marker = jpeg[i + 1];
            if (marker == 0xDA) break;
            if (marker is >= 0xE1 and <= 0xEF or 0xFE) found.Add(marker);
            i += 2 + (jpeg[i + 2] << 8 | jpeg[i + 3]);
        }
        return found;
    }
}
