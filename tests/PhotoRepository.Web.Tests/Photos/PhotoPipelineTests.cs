using PhotoRepository.Core.Photos;
using VipsImage = NetVips.Image;

namespace PhotoRepository.Web.Tests.Photos;

public class PhotoPipelineTests
{
    private readonly PhotoPipeline _pipeline = new(new PhotoLimits());

    public static TheoryData<string> GoodFiles() => new(Good.Keys);

    private static readonly Dictionary<string, Func<byte[]>> Good = new()
    {
        ["plain JPEG"] = () => PhotoCorpus.Jpeg(),
        ["progressive JPEG"] = PhotoCorpus.ProgressiveJpeg,
        ["CMYK JPEG"] = PhotoCorpus.CmykJpeg,
        ["grayscale JPEG"] = PhotoCorpus.GrayJpeg,
        ["animated GIF"] = PhotoCorpus.AnimatedGif,
        ["BMP"] = PhotoCorpus.Bmp,
        ["DIB"] = PhotoCorpus.Dib,
        ["LZW TIFF"] = PhotoCorpus.TiffLzw,
        ["16-bit TIFF"] = PhotoCorpus.Tiff16Bit,
        ["multi-page TIFF"] = PhotoCorpus.MultiPageTiff,
        ["EXIF-rotated JPEG with GPS"] = PhotoCorpus.RotatedWithGps,
        ["JPEG with a script appended"] = PhotoCorpus.JpegWithScript,
    };

    [Theory]
    [MemberData(nameof(GoodFiles))]
    public void Every_accepted_format_becomes_a_clean_bounded_8bit_srgb_jpeg(string name)
    {
        var result = _pipeline.Process(Good[name](), PhotoFormats.IndividualUpload);

        Assert.True(result.Ok, $"{name}: {result.Error}");
        var photo = result.Photo!;
        Assert.Equal([0xFF, 0xD8, 0xFF], photo.Jpeg[..3]);
        Assert.Empty(PhotoCorpus.MetadataMarkers(photo.Jpeg));
        Assert.Empty(PhotoCorpus.MetadataMarkers(photo.Thumbnail));
        using var image = VipsImage.NewFromBuffer(photo.Jpeg);
        Assert.Equal(3, image.Bands);
        Assert.Equal(NetVips.Enums.BandFormat.Uchar, image.Format);
        Assert.Equal(NetVips.Enums.Interpretation.Srgb, image.Interpretation);
        Assert.True(image.Width <= 1200 && image.Height <= 1600);
        Assert.DoesNotContain(image.GetFields(), f => f.StartsWith("exif") || f.StartsWith("xmp") || f.StartsWith("iptc") || f.StartsWith("icc") || f.Contains("comment"));
        using var thumb = VipsImage.NewFromBuffer(photo.Thumbnail);
        Assert.True(thumb.Width <= 150 && thumb.Height <= 200);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(photo.Jpeg)), photo.Sha256);
    }

    [Fact]
    public void A_rotated_photo_is_turned_upright_and_loses_its_gps_but_its_capture_date_is_kept()
    {
        var photo = _pipeline.Process(PhotoCorpus.RotatedWithGps(), PhotoFormats.IndividualUpload).Photo!;

        using var image = VipsImage.NewFromBuffer(photo.Jpeg);
        Assert.Equal((400, 600), (image.Width, image.Height));
        var top = image.Getpoint(200, 20);
        var bottom = image.Getpoint(200, 580);
        Assert.True(top[0] > 200 && top[2] < 60, $"top should be red, was {string.Join(",", top)}");
        Assert.True(bottom[2] > 200 && bottom[0] < 60, $"bottom should be blue, was {string.Join(",", bottom)}");
        var text = System.Text.Encoding.Latin1.GetString(photo.Jpeg);
        Assert.DoesNotContain("SecretCamera", text);
        Assert.DoesNotContain("secret comment", text);
        Assert.Equal(new DateOnly(2025, 9, 15), photo.CaptureDate);
    }

    [Fact]
    public void Only_the_first_frame_of_an_animated_gif_is_kept()
    {
        var photo = _pipeline.Process(PhotoCorpus.AnimatedGif(), PhotoFormats.IndividualUpload).Photo!;
        using var image = VipsImage.NewFromBuffer(photo.Jpeg);
        Assert.Equal((300, 400), (image.Width, image.Height));
        var pixel = image.Getpoint(150, 200);
        Assert.True(pixel[0] > 200 && pixel[2] < 60, "the first frame is red");
    }

    [Fact]
    public void A_large_picture_is_fitted_within_1200_by_1600()
    {
        var photo = _pipeline.Process(PhotoCorpus.Jpeg(20, 2400, 2400), PhotoFormats.IndividualUpload).Photo!;
        Assert.Equal((1200, 1200), (photo.Width, photo.Height));
    }

    [Fact]
    public void The_script_appended_to_a_jpeg_does_not_survive()
    {
        var photo = _pipeline.Process(PhotoCorpus.JpegWithScript(), PhotoFormats.IndividualUpload).Photo!;
        Assert.DoesNotContain(PhotoCorpus.Script, System.Text.Encoding.Latin1.GetString(photo.Jpeg));
    }

    public static TheoryData<string, string> HostileFiles() => new()
    {
        { "empty", "The file is empty." },
        { "truncated", "damaged or incomplete" },
        { "renamed PNG", "is a PNG picture, not an accepted photo" },
        { "SVG disguised as JPG", "is an SVG drawing, not an accepted photo" },
        { "MVG disguised as JPG", "is an MVG drawing, not an accepted photo" },
        { "forged huge JPEG", "40,000 x 40,000 pixels; the limit is 10,000 pixels a side" },
        { "forged huge BMP", "60,000 x" },
        { "huge compressed TIFF", "12,000 x 12,000 pixels" },
        { "plain text", "not a picture in an accepted format" },
    };

    private static readonly Dictionary<string, Func<byte[]>> Hostile = new()
    {
        ["empty"] = () => [],
        ["truncated"] = PhotoCorpus.Truncated,
        ["renamed PNG"] = PhotoCorpus.Png,
        ["SVG disguised as JPG"] = PhotoCorpus.Svg,
        ["MVG disguised as JPG"] = PhotoCorpus.Mvg,
        ["forged huge JPEG"] = PhotoCorpus.ForgedHugeJpeg,
        ["forged huge BMP"] = PhotoCorpus.ForgedHugeBmp,
        ["huge compressed TIFF"] = PhotoCorpus.HugeCompressedTiff,
        ["plain text"] = () => "hello, this is not a photo"u8.ToArray(),
    };

    [Theory]
    [MemberData(nameof(HostileFiles))]
    public void Every_hostile_file_is_refused_with_its_own_message(string name, string expected)
    {
        var result = _pipeline.Process(Hostile[name](), PhotoFormats.IndividualUpload);
        Assert.False(result.Ok, name);
        Assert.Contains(expected, result.Error);
    }

    [Theory]
    [InlineData(10 * 1024, "10 KB")]
    [InlineData(10_000, "9.8 KB")]
    public void A_file_over_the_size_limit_is_refused_before_decoding_and_the_message_names_the_real_limit(long limit, string words)
    {
        var small = new PhotoPipeline(new PhotoLimits { MaxFileBytes = limit });
        var result = small.Process(PhotoCorpus.Jpeg(21, 1200, 1600), PhotoFormats.IndividualUpload);
        Assert.Contains($"the limit is {words}", result.Error);
    }

    [Fact]
    public void The_limit_reads_in_the_units_a_clerk_expects()
    {
        Assert.Equal("20 MB", new PhotoLimits().MaxFileText);
        Assert.Equal("1.5 MB", new PhotoLimits { MaxFileBytes = 1536 * 1024 }.MaxFileText);
        Assert.Equal("500 KB", new PhotoLimits { MaxFileBytes = 500 * 1024 }.MaxFileText);
    }

    [Fact]
    public void The_wizard_accepts_jpeg_only()
    {
        var result = _pipeline.Process(PhotoCorpus.Bmp(), PhotoFormats.Wizard);
        Assert.Equal("The file is a BMP picture, not an accepted photo. Accepted formats: JPG.", result.Error);
    }
}
