using System.Globalization;
using System.Security.Cryptography;
using ImageMagick;
using ImageMagick.Configuration;
using NetVips;
using VipsImage = NetVips.Image;

namespace PhotoRepository.Core.Photos;

/// <summary>A photo as it is stored: a clean, upright, metadata-free JPEG and its thumbnail.</summary>
public sealed record ProcessedPhoto(string Sha256, byte[] Jpeg, byte[] Thumbnail, int Width, int Height, PhotoFormat Format, DateOnly? CaptureDate);

/// <summary>Either a processed photo or the reason it was refused, in words a clerk understands.</summary>
public sealed record PhotoResult(ProcessedPhoto? Photo, string? Error)
{
    public static PhotoResult Refused(string error) => new(null, error);
    public bool Ok => Photo is not null;
}

/// <summary>
/// The one way a picture becomes a stored photo, whoever uploads it. Format from the magic bytes,
/// header checked against the limits before any pixel is decoded, then decoded by that format's own
/// loader: libvips for JPEG, GIF and TIFF; ImageMagick only for BMP/DIB, which libvips cannot read.
/// </summary>
public sealed class PhotoPipeline
{
    public const int MaxWidth = 1200;
    public const int MaxHeight = 1600;
    public const int ThumbWidth = 150;
    public const int ThumbHeight = 200;
    public const int Quality = 85;

    private static readonly object ConfigureLock = new();
    private static bool _configured;

    /// <summary>Process-wide, like the libraries' own limits: set once by <see cref="ConfigureLibraries"/>.</summary>
    public static DecodeBudget Budget { get; private set; } = new(50_000_000);
    private readonly PhotoLimits _limits;

    public PhotoPipeline(PhotoLimits limits)
    {
        _limits = limits;
        ConfigureLibraries(limits);
    }

    public PhotoLimits Limits => _limits;

    /// <summary>
    /// ImageMagick's security policy: it is here for BMP/DIB alone, so every other coder (MVG, MSL,
    /// SVG, TEXT, URL, HTTP(S), PS, PDF, ...), every delegate (external programs) and "@file"
    /// indirection are refused, whatever a file or a future caller asks for. Coder rules are applied
    /// in order and the last match wins: deny all, then allow the bitmap coders back.
    /// </summary>
    public const string MagickPolicy = """
        <policymap>
          <policy domain="delegate" rights="none" pattern="*" />
          <policy domain="coder" rights="none" pattern="*" />
          <policy domain="coder" rights="read | write" pattern="{BMP,BMP2,BMP3,DIB}" />
          <policy domain="module" rights="none" pattern="{MSL,MVG,SVG,MSVG,RSVG,TXT,TEXT,URL,HTTP,HTTPS,FTP,LABEL,CAPTION,PANGO,PS,PDF,EPS,XPS,EPHEMERAL,SHOW,WIN,X}" />
          <policy domain="path" rights="none" pattern="@*" />
        </policymap>
        """;

    /// <summary>ImageMagick's pixel cache may never exceed this, and never spills to disk.</summary>
    public const long MagickMemoryBytes = 512L * 1024 * 1024;

    /// <summary>
    /// Process-wide library settings, applied once and before anything else uses ImageMagick (the
    /// web app calls this at start-up): only the three libvips loaders we accept can run, untrusted
    /// loaders are blocked, ImageMagick runs under <see cref="MagickPolicy"/>, and it refuses images
    /// beyond the limits even if a header lied to get past our own check.
    /// </summary>
    public static void ConfigureLibraries(PhotoLimits limits)
    {
        lock (ConfigureLock)
        {
            if (_configured) return;
            Budget = new DecodeBudget(limits.DecodeBudgetPixels > 0 ? limits.DecodeBudgetPixels : limits.MaxPixels);
            NetVips.NetVips.BlockUntrusted = true;
            Operation.Block("VipsForeignLoad", true);
            Operation.Block("VipsForeignLoadJpeg", false);
            Operation.Block("VipsForeignLoadNsgif", false);
            Operation.Block("VipsForeignLoadTiff", false);
            // Every upload is a different buffer: caching operations would only hold memory.
            Cache.Max = 0;
            // One libvips thread per photo: the wizard already processes photos side by side (Photos:ImportWorkers) on
            // the cores that also answer requests; libvips's default (a thread per core, per photo) only added switching
            // (about 10% more time a photo on 2 cores, docs/performance.md).
            NetVips.NetVips.Concurrency = 1;

            // First, before any other ImageMagick call: the policy is read once, when ImageMagick first needs it.
            var files = ConfigurationFiles.Default;
            files.Policy.Data = MagickPolicy;
            MagickNET.Initialize(files);
            ResourceLimits.Width = (uint)limits.MaxSide;
            ResourceLimits.Height = (uint)limits.MaxSide;
            ResourceLimits.Area = (ulong)limits.MaxPixels;
            ResourceLimits.Memory = (ulong)MagickMemoryBytes;
            // Zero: an image that does not fit in memory fails instead of filling the disk.
            ResourceLimits.Disk = 0;
            EnsureMagickPolicyInForce();
            _configured = true;
        }
    }

    /// <summary>
    /// Fails start-up when the policy did not take (something used ImageMagick first): better no
    /// BMP uploads than an ImageMagick that would run MVG or SVG.
    /// </summary>
    private static void EnsureMagickPolicyInForce()
    {
        try
        {
            using var drawing = new MagickImage("push graphic-context\nviewbox 0 0 1 1\npop graphic-context\n"u8.ToArray(), new MagickReadSettings { Format = MagickFormat.Mvg });
        }
        catch (MagickPolicyErrorException)
        {
            return;
        }
        throw new InvalidOperationException("ImageMagick's security policy is not in force: something used Magick.NET before PhotoPipeline.ConfigureLibraries.");
    }

    public PhotoResult Process(byte[] bytes, IReadOnlySet<PhotoFormat> accepted)
    {
        if (Check(bytes, accepted, out var format) is { } refused) return PhotoResult.Refused(refused);
        try
        {
            return format is PhotoFormat.Bmp or PhotoFormat.Dib ? ProcessBitmap(bytes, format) : ProcessWithVips(bytes, format);
        }
        catch (MagickResourceLimitErrorException)
        {
            return PhotoResult.Refused(NoMemory);
        }
        catch (Exception e) when (e is VipsException or MagickException)
        {
            if (IsOutOfMemory(e)) return PhotoResult.Refused(NoMemory);
            return PhotoResult.Refused((format == PhotoFormat.Tiff ? TiffSamples.Unsupported(bytes) : null) ?? Damaged(format));
        }
    }

    /// <summary>Never called "damaged": the picture may be fine, the server was short of memory for it.</summary>
    public const string NoMemory = "The server did not have enough memory free to read this picture just now. Nothing is wrong with the file: please try again in a few minutes.";

    private static bool IsOutOfMemory(Exception e) =>
        e.Message.Contains("out of memory", StringComparison.OrdinalIgnoreCase) || e.Message.Contains("cache resources exhausted", StringComparison.OrdinalIgnoreCase)
        || e.Message.Contains("memory allocation failed", StringComparison.OrdinalIgnoreCase);

    private string? Check(byte[] bytes, IReadOnlySet<PhotoFormat> accepted, out PhotoFormat format)
    {
        format = default;
        if (bytes.Length == 0) return "The file is empty.";
        if (bytes.Length > _limits.MaxFileBytes)
            return $"The file is {bytes.Length / 1024.0 / 1024.0:0.0} MB; the limit is {_limits.MaxFileText}.";
        var detected = PhotoFormats.Detect(bytes);
        if (detected is null || !accepted.Contains(detected.Value))
        {
            var what = detected is { } f ? $"a {PhotoFormats.Name(f)} picture" : Recognise(bytes);
            return $"The file is {what}, not an accepted photo. Accepted formats: {PhotoFormats.Describe(accepted)}.";
        }
        format = detected.Value;
        return null;
    }

    private static string Damaged(PhotoFormat format) =>
        $"The file looks like a {PhotoFormats.Name(format)} picture but is damaged or incomplete, so it cannot be read.";

    private PhotoResult ProcessWithVips(byte[] bytes, PhotoFormat format)
    {
        // The format's own loader, failing on any decoder warning; only the header is read until pixels are asked for.
        using var image = format switch
        {
            PhotoFormat.Jpeg => VipsImage.JpegloadBuffer(bytes, access: Enums.Access.Sequential, failOn: Enums.FailOn.Warning),
            PhotoFormat.Gif => VipsImage.GifloadBuffer(bytes, access: Enums.Access.Sequential, failOn: Enums.FailOn.Warning),
            _ => VipsImage.TiffloadBuffer(bytes, access: Enums.Access.Sequential, failOn: Enums.FailOn.Warning),
        };
        if (TooBig(image.Width, image.Height) is { } tooBig) return PhotoResult.Refused(tooBig);
        // Pixels are decoded from here to the encoded JPEG: wait for room in the process-wide budget.
        using var room = Budget.Acquire((long)image.Width * image.Height);
        var captured = CaptureDate(image);
        var orientation = image.Contains("orientation") ? Convert.ToInt32(image.Get("orientation")) : 1;
        // Fit first, then turn upright: a quarter turn swaps the box, so fit the stored sides accordingly.
        var sideways = orientation is >= 5 and <= 8;
        using var fitted = image.ThumbnailImage(sideways ? MaxHeight : MaxWidth, height: sideways ? MaxWidth : MaxHeight, size: Enums.Size.Down, noRotate: true);
        if (orientation is <= 1 or > 8) return Finish(fitted, format, captured);
        // Turning needs random access, which the sequential decode cannot give: hold the (small) fitted image in memory.
        using var held = fitted.CopyMemory();
        using var tagged = held.Mutate(m => m.Set("orientation", orientation));
        using var upright = tagged.Autorot();
        return Finish(upright, format, captured);
    }

    private PhotoResult ProcessBitmap(byte[] bytes, PhotoFormat format)
    {
        var magickFormat = format == PhotoFormat.Bmp ? MagickFormat.Bmp : MagickFormat.Dib;
        var info = new MagickImageInfo(bytes, new MagickReadSettings { Format = magickFormat });
        if (TooBig((long)info.Width, (long)info.Height) is { } tooBig) return PhotoResult.Refused(tooBig);
        using var room = Budget.Acquire((long)info.Width * info.Height);
        using var magick = new MagickImage(bytes, new MagickReadSettings { Format = magickFormat });
        magick.AutoOrient();
        magick.ColorSpace = ColorSpace.sRGB;
        magick.Depth = 8;
        // Straight from the pixel cache: the raw RGB coder is refused by the policy like every coder but BMP/DIB.
        using var cache = magick.GetPixelsUnsafe();
        var pixels = cache.ToByteArray(PixelMapping.RGB)!;
        using var raw = VipsImage.NewFromMemory(pixels, (int)magick.Width, (int)magick.Height, 3, Enums.BandFormat.Uchar);
        using var fitted = raw.ThumbnailImage(MaxWidth, height: MaxHeight, size: Enums.Size.Down);
        return Finish(fitted, format, null);
    }

    private static PhotoResult Finish(VipsImage fitted, PhotoFormat format, DateOnly? captured)
    {
        var image = fitted;
        var owned = new List<VipsImage>();
        try
        {
            if (image.HasAlpha()) owned.Add(image = image.Flatten([255, 255, 255]));
            if (image.Interpretation != Enums.Interpretation.Srgb || image.Bands != 3) owned.Add(image = image.Colourspace(Enums.Interpretation.Srgb));
            if (image.Format != Enums.BandFormat.Uchar) owned.Add(image = image.Cast(Enums.BandFormat.Uchar));
            // keep: None drops EXIF (GPS included), XMP, IPTC, comments and the ICC profile.
            var jpeg = image.JpegsaveBuffer(q: Quality, keep: Enums.ForeignKeep.None, optimizeCoding: true);
            using var thumb = VipsImage.ThumbnailBuffer(jpeg, ThumbWidth, height: ThumbHeight, size: Enums.Size.Down);
            var thumbnail = thumb.JpegsaveBuffer(q: 80, keep: Enums.ForeignKeep.None);
            return new PhotoResult(new ProcessedPhoto(Convert.ToHexStringLower(SHA256.HashData(jpeg)), jpeg, thumbnail, image.Width, image.Height, format, captured), null);
        }
        finally
        {
            foreach (var i in owned) i.Dispose();
        }
    }

    private string? TooBig(long width, long height) =>
        width > _limits.MaxSide || height > _limits.MaxSide || width * height > _limits.MaxPixels
            ? $"The picture is {width:N0} x {height:N0} pixels; the limit is {_limits.MaxSide:N0} pixels a side and {_limits.MaxPixels / 1_000_000.0:0.#} megapixels."
            : null;

    /// <summary>The capture date the camera wrote, read before every piece of metadata is stripped.</summary>
    private static DateOnly? CaptureDate(VipsImage header)
    {
        foreach (var field in new[] { "exif-ifd2-DateTimeOriginal", "exif-ifd2-DateTimeDigitized", "exif-ifd0-DateTime" })
        {
            if (header.Contains(field) && header.Get(field) is string text && text.Length >= 10
                && DateOnly.TryParseExact(text[..10], "yyyy:MM:dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
                return day;
        }
        return null;
    }

    /// <summary>Names a refused file's real kind, so the clerk learns a ".jpg" was really something else.</summary>
    private static string Recognise(byte[] bytes)
    {
        var head = System.Text.Encoding.ASCII.GetString(bytes, 0, Math.Min(bytes.Length, 512)).TrimStart('\uFEFF', ' ', '\r', '\n', '\t');
        if (bytes.Length >= 8 && bytes[0] == 0x89 && head.AsSpan(1).StartsWith("PNG")) return "a PNG picture";
        if (head.StartsWith("RIFF") && head.Length > 12 && head[8..12] == "WEBP") return "a WebP picture";
        if (head.StartsWith("PK")) return "a ZIP archive";
        if (head.StartsWith("%PDF")) return "a PDF document";
        if (head.Contains("<svg", StringComparison.OrdinalIgnoreCase)) return "an SVG drawing";
        if (head.Contains("viewbox", StringComparison.OrdinalIgnoreCase) || head.Contains("graphic-context", StringComparison.OrdinalIgnoreCase)) return "an MVG drawing";
        if (head.StartsWith('<')) return "an HTML or XML document";
        return "not a picture in an accepted format";
    }
}
