namespace PhotoRepository.Core.Photos;

public enum PhotoFormat
{
    Jpeg = 1,
    Gif = 2,
    Tiff = 3,
    Bmp = 4,
    Dib = 5,
}

public static class PhotoFormats
{
    public static readonly IReadOnlySet<PhotoFormat> IndividualUpload = new HashSet<PhotoFormat> { PhotoFormat.Jpeg, PhotoFormat.Gif, PhotoFormat.Tiff, PhotoFormat.Bmp, PhotoFormat.Dib };
    public static readonly IReadOnlySet<PhotoFormat> Wizard = new HashSet<PhotoFormat> { PhotoFormat.Jpeg };

    public static string Describe(IReadOnlySet<PhotoFormat> formats) =>
        formats.Count == 1 && formats.Contains(PhotoFormat.Jpeg) ? "JPG" : "JPG, GIF, BMP, DIB, TIFF or TIF";

    /// <summary>The format from the file's first bytes; the name and the browser's content type are never trusted.</summary>
    public static PhotoFormat? Detect(ReadOnlySpan<byte> b)
    {
        if (b.Length >= 3 && b[0] == 0xFF && b[1] == 0xD8 && b[2] == 0xFF) return PhotoFormat.Jpeg;
        if (b.Length >= 6 && b[0] == 'G' && b[1] == 'I' && b[2] == 'F' && b[3] == '8' && (b[4] == '7' || b[4] == '9') && b[5] == 'a') return PhotoFormat.Gif;
        if (b.Length >= 4 && ((b[0] == 'I' && b[1] == 'I' && b[2] == 42 && b[3] == 0) || (b[0] == 'M' && b[1] == 'M' && b[2] == 0 && b[3] == 42))) return PhotoFormat.Tiff;
        if (b.Length >= 18 && b[0] == 'B' && b[1] == 'M') return PhotoFormat.Bmp;
        // A headerless DIB starts with its BITMAPINFOHEADER (40), V4 (108) or V5 (124) header size.
        if (b.Length >= 16 && b[1] == 0 && b[2] == 0 && b[3] == 0 && b[0] is 40 or 108 or 124
            && b[12] == 1 && b[13] == 0) return PhotoFormat.Dib;
        return null;
    }

    public static string Name(PhotoFormat format) => format switch
    {
        PhotoFormat.Jpeg => "JPEG",
        PhotoFormat.Gif => "GIF",
        PhotoFormat.Tiff => "TIFF",
        PhotoFormat.Bmp => "BMP",
        PhotoFormat.Dib => "DIB",
        _ => "?",
    };
}
