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

    public static TheoryData<string> Names() => new(["text:/etc/hostname", "mvg:/dev/null", "msl:/dev/null", "https://example.com/x.jpg", "url:http://127.0.0.1/x.bmp", "ephemeral:/etc/hostname"]);

    [Theory]
    [MemberData(nameof(Names))]
    public void Coder_prefixes_and_urls_in_a_file_name_lead_nowhere(string name)
    {
        // Those modules are not even registered under the policy: "no decode delegate", or a plain missing file.
        Assert.ThrowsAny<MagickException>(() => new MagickImage(name).Dispose());
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
        Assert.ThrowsAny<MagickException>(() => new MagickImage(PhotoCorpus.Mvg()).Dispose());
        Assert.ThrowsAny<MagickException>(() => new MagickImage(PhotoCorpus.Svg()).Dispose());
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

    [Fact]
    public void The_resource_limits_are_set_and_nothing_spills_to_disk()
    {
        Assert.Equal(10_000u, ResourceLimits.Width);
        Assert.Equal(10_000u, ResourceLimits.Height);
        Assert.Equal(50_000_000ul, ResourceLimits.Area);
        Assert.Equal((ulong)PhotoPipeline.MagickMemoryBytes, ResourceLimits.Memory);
        Assert.Equal(0ul, ResourceLimits.Disk);
    }
}
