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

    public static byte[] CmykJpeg()
    {
        using var image = new MagickImage(Jpeg(3));
        image.ColorSpace = ColorSpace.CMYK;
        return image.ToByteArray(MagickFormat.Jpeg);
    }

    public static byte[] AnimatedGif()
    {
        using var frames = new MagickImageCollection();
        foreach (var colour in new[] { MagickColors.Red, MagickColors.Blue, MagickColors.Green })
        {
            var frame = new MagickImage(colour, 300, 400) { AnimationDelay = 20 };
            frames.Add(frame);
        }
        return frames.ToByteArray(MagickFormat.Gif);
    }

    public static byte[] Bmp() { using var i = new MagickImage(Jpeg(4)); return i.ToByteArray(MagickFormat.Bmp); }

    public static byte[] Dib() { using var i = new MagickImage(Jpeg(5)); return i.ToByteArray(MagickFormat.Dib); }

    public static byte[] TiffLzw() { using var i = Portrait(6); return i.TiffsaveBuffer(compression: Enums.ForeignTiffCompression.Lzw); }

    public static byte[] Tiff16Bit()
    {
        using var i = Portrait(7);
        using var wide = (i * 257).Cast(Enums.BandFormat.Ushort);
        using var rgb16 = wide.Copy(interpretation: Enums.Interpretation.Rgb16);
        return rgb16.TiffsaveBuffer();
    }

    public static byte[] MultiPageTiff()
    {
        using var pages = new MagickImageCollection();
        pages.Add(new MagickImage(MagickColors.Red, 300, 400));
        pages.Add(new MagickImage(MagickColors.Blue, 500, 200));
        return pages.ToByteArray(MagickFormat.Tiff);
    }

    /// <summary>
    /// Upright, the picture is red on top and blue below (400 x 600). Stored turned on its side with
    /// EXIF orientation 6, plus GPS, a capture date, a comment and an ICC profile that must all go.
    /// </summary>
    public static byte[] RotatedWithGps()
    {
        using var halves = new MagickImageCollection { new MagickImage(MagickColors.Red, 300, 400), new MagickImage(MagickColors.Blue, 300, 400) };
        using var image = halves.AppendHorizontally();
        var exif = new ExifProfile();
        exif.SetValue(ExifTag.GPSLatitudeRef, "N");
        exif.SetValue(ExifTag.GPSLatitude, [new Rational(46, 1), new Rational(35, 1), new Rational(0, 1)]);
        exif.SetValue(ExifTag.GPSLongitudeRef, "W");
        exif.SetValue(ExifTag.GPSLongitude, [new Rational(112, 1), new Rational(2, 1), new Rational(0, 1)]);
        exif.SetValue(ExifTag.DateTimeOriginal, "2025:09:15 10:30:00");
        exif.SetValue(ExifTag.Make, "SecretCamera");
        exif.SetValue(ExifTag.Orientation, (ushort)6);
        image.Orientation = Orientation.RightTop;
        image.SetProfile(exif);
        image.SetProfile(ColorProfiles.SRGB);
        image.Orientation = Orientation.RightTop;
        image.Comment = "secret comment";
        return image.ToByteArray(MagickFormat.Jpeg);
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
