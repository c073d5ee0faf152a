using System.Globalization;
using System.Net.Sockets;
using System.Text;
using ImageMagick;
using PhotoRepository.Core.Photos;

namespace PhotoRepository.Web.Tests.Photos;

/// <summary>
/// ImageMagick is in the product for BMP/DIB only: under the policy set at start-up (applied to this
/// test process by TestAssembly, exactly as Program.cs does) anything else fed to it is refused.
/// </summary>
public class MagickPolicyTests
{
    private const string Msl = "<?xml version=\"1.0\"?><image><read filename=\"/etc/passwd\"/><write filename=\"/tmp/owned.png\"/></image>";

    public static TheoryData<string> Payloads() => new(Refused.Keys);

    /// <summary>Bytes handed to a named coder: the coder rules themselves refuse them.</summary>
    private static readonly Dictionary<string, Func<MagickImage>> Refused = new()
    {
        ["MVG bytes"] = () => new MagickImage(PhotoCorpus.Mvg(), new MagickReadSettings { Format = MagickFormat.Mvg }),
        ["SVG bytes"] = () => new MagickImage(PhotoCorpus.Svg(), new MagickReadSettings { Format = MagickFormat.Svg }),
        ["MSL script"] = () => new MagickImage(Encoding.UTF8.GetBytes(Msl), new MagickReadSettings { Format = MagickFormat.Msl }),
        ["TEXT bytes"] = () => new MagickImage("hello, world"u8.ToArray(), new MagickReadSettings { Format = MagickFormat.Text }),
        ["JPEG (libvips decodes those)"] = () => new MagickImage(PhotoCorpus.Jpeg(), new MagickReadSettings { Format = MagickFormat.Jpeg }),
    };

    [Theory]
    [MemberData(nameof(Payloads))]
    public void Imagemagick_refuses_every_coder_but_the_bitmaps(string payload)
    {
        var error = Assert.ThrowsAny<MagickException>(() => Refused[payload]().Dispose());
        Assert.IsType<MagickPolicyErrorException>(error, exactMatch: false);
    }

    /// <summary>Refused because the policy forbids it, not because something was missing or unreachable.</summary>
    private static void AssertRefusedByPolicy(Action read, string what)
    {
        var error = Record.Exception(read);
        Assert.True(error is MagickPolicyErrorException or MagickMissingDelegateErrorException,
            $"{what}: expected a policy refusal, got {error?.GetType().Name ?? "no error"}: {error?.Message}");
    }

    public static TheoryData<string> Prefixes() => new(["text", "txt", "mvg", "msl", "svg", "ephemeral"]);

    [Theory]
    [MemberData(nameof(Prefixes))]
    public void A_coder_prefix_in_a_file_name_is_refused_even_for_a_real_file_that_coder_could_read(string prefix)
    {
        var folder = Directory.CreateTempSubdirectory("magick-prefix-").FullName;
        try
        {
            // A file the named coder would happily draw or read: it exists, so only the policy can refuse it.
            var file = Path.Combine(folder, "payload");
            File.WriteAllBytes(file, prefix switch
            {
                "mvg" => Encoding.ASCII.GetBytes("viewbox 0 0 10 10\nfill red\nrectangle 0,0 9,9\n"),
                "svg" => Encoding.UTF8.GetBytes("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"><rect width=\"10\" height=\"10\"/></svg>"),
                "msl" => Encoding.UTF8.GetBytes(Msl),
                "ephemeral" => PhotoCorpus.Bmp(),
                _ => "hello, world"u8.ToArray(),
            });
            AssertRefusedByPolicy(() => new MagickImage($"{prefix}:{file}").Dispose(), $"{prefix}:{file}");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Theory]
    [InlineData("http://127.0.0.1:{0}/x.bmp")]
    [InlineData("https://127.0.0.1:{0}/x.jpg")]
    [InlineData("url:http://127.0.0.1:{0}/x.bmp")]
    [InlineData("bmp:http://127.0.0.1:{0}/x.bmp")]
    public void A_url_as_a_file_name_never_makes_a_connection(string pattern)
    {
        // A server listening on loopback: ImageMagick asked for a URL on it must neither succeed nor connect.
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            var name = string.Format(CultureInfo.InvariantCulture, pattern, ((IPEndPoint)listener.LocalEndpoint).Port);
            Assert.ThrowsAny<MagickException>(() => new MagickImage(name).Dispose());
            Thread.Sleep(100);
            Assert.False(listener.Pending(), $"{name} opened a connection");
        }
        finally
        {
            listener.Stop();
        }
    }

    [Fact]
    public void An_at_file_list_is_refused_even_when_it_names_a_good_bitmap()
    {
        var folder = Directory.CreateTempSubdirectory("magick-policy-").FullName;
        try
        {
            var bmp = Path.Combine(folder, "good.bmp");
            File.WriteAllBytes(bmp, PhotoCorpus.Bmp());
            var list = Path.Combine(folder, "list.txt");
            File.WriteAllText(list, bmp);

            using (var direct = new MagickImage(bmp)) Assert.Equal(600u, direct.Width); // the control: BMP by name is fine
            var error = Assert.ThrowsAny<MagickException>(() => new MagickImage("@" + list).Dispose());
            Assert.IsType<MagickPolicyErrorException>(error, exactMatch: false);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void An_mvg_drawing_without_a_format_is_not_drawn_either()
    {
        // No format: ImageMagick would have to guess from the bytes; whatever it guesses, it may not draw.
        AssertRefusedByPolicy(() => new MagickImage(Encoding.ASCII.GetBytes("viewbox 0 0 10 10\nfill red\nrectangle 0,0 9,9\n")).Dispose(), "MVG");
        AssertRefusedByPolicy(() => new MagickImage(PhotoCorpus.Svg()).Dispose(), "SVG");
    }

    [Fact]
    public void Bmp_and_dib_still_go_through_imagemagick_to_a_clean_jpeg()
    {
        var pipeline = new PhotoPipeline(new PhotoLimits());
        foreach (var (bytes, format) in new[] { (PhotoCorpus.Bmp(), PhotoFormat.Bmp), (PhotoCorpus.Dib(), PhotoFormat.Dib) })
        {
            var result = pipeline.Process(bytes, PhotoFormats.IndividualUpload);
            Assert.True(result.Ok, result.Error);
            Assert.Equal((format, 600, 800), (result.Photo!.Format, result.Photo.Width, result.Photo.Height));
        }
    }

    [Theory]
    [InlineData(10_000, 1)]
    [InlineData(1, 10_000)]
    public void A_bitmap_one_pixel_past_the_side_limit_is_refused_by_imagemagick_itself(int width, int height)
    {
        // Even if our own header check were bypassed, ImageMagick refuses an image wider or taller than the limit.
        using (var atLimit = new MagickImage(Bitmap(width, height))) Assert.Equal(((uint)width, (uint)height), (atLimit.Width, atLimit.Height));
        var error = Record.Exception(() => new MagickImage(Bitmap(width == 1 ? 1 : width + 1, height == 1 ? 1 : height + 1)).Dispose());
        Assert.True(error is MagickResourceLimitErrorException or MagickImageErrorException, $"got {error?.GetType().Name ?? "no error"}: {error?.Message}");
    }

    /// <summary>An uncompressed 24-bit gray BMP, written by hand (the policy lets ImageMagick only read it).</summary>
    private static byte[] Bitmap(int width, int height)
    {
        var stride = (width * 3 + 3) & ~3;
        var bytes = new byte[54 + stride * height];
        Array.Fill(bytes, (byte)128, 54, stride * height);
        "BM"u8.CopyTo(bytes);
        BitConverter.GetBytes(bytes.Length).CopyTo(bytes, 2);
        BitConverter.GetBytes(54).CopyTo(bytes, 10);
        BitConverter.GetBytes(40).CopyTo(bytes, 14);
        BitConverter.GetBytes(width).CopyTo(bytes, 18);
        BitConverter.GetBytes(height).CopyTo(bytes, 22);
        BitConverter.GetBytes((short)1).CopyTo(bytes, 26);
        BitConverter.GetBytes((short)24).CopyTo(bytes, 28);
        BitConverter.GetBytes(stride * height).CopyTo(bytes, 34);
        return bytes;
    }
}
