using System.Buffers.Binary;

namespace PhotoRepository.Core.Photos;

/// <summary>
/// What a TIFF's first image says about its samples, read from its tags without decoding, so a refusal can name
/// the true reason: libvips (our TIFF decoder) does not read 64-bit floating-point samples, and such a file is a
/// valid picture, not a damaged one.
/// </summary>
public static class TiffSamples
{
    private const ushort BitsPerSample = 258;
    private const ushort SampleFormat = 339;
    private const int IeeeFloat = 3;

    /// <summary>Bits per sample and whether they are floating point; null when the header cannot be read.</summary>
    public static (int Bits, bool Float)? Read(ReadOnlySpan<byte> tiff)
    {
        if (tiff.Length < 8) return null;
        var little = tiff[0] == (byte)'I';
        ushort U16(ReadOnlySpan<byte> b) => little ? BinaryPrimitives.ReadUInt16LittleEndian(b) : BinaryPrimitives.ReadUInt16BigEndian(b);
        uint U32(ReadOnlySpan<byte> b) => little ? BinaryPrimitives.ReadUInt32LittleEndian(b) : BinaryPrimitives.ReadUInt32BigEndian(b);
        var ifd = U32(tiff[4..]);
        if (ifd > tiff.Length - 2) return null;
        var count = U16(tiff[(int)ifd..]);
        int? bits = null;
        var isFloat = false;
        for (var i = 0; i < count; i++)
        {
            var at = (int)ifd + 2 + i * 12;
            if (at + 12 > tiff.Length) return null;
            var tag = U16(tiff[at..]);
            var values = U32(tiff[(at + 4)..]);
            // A SHORT value sits in the entry when there is one; with several (one per sample) it is at an offset.
            var first = values <= 2 ? U16(tiff[(at + 8)..]) : U32(tiff[(at + 8)..]) is var offset && offset <= tiff.Length - 2 ? U16(tiff[(int)offset..]) : (ushort)0;
            if (tag == BitsPerSample) bits = first;
            else if (tag == SampleFormat) isFloat = first == IeeeFloat;
        }
        return bits is { } b ? (b, isFloat) : null;
    }

    /// <summary>The true reason a TIFF the decoder refused was refused, when it is its sample format.</summary>
    public static string? Unsupported(ReadOnlySpan<byte> tiff) =>
        Read(tiff) is { Bits: 64, Float: true }
            ? "The file is a TIFF with 64-bit floating-point samples (a scientific or HDR format), which cannot be converted here. Save it as an 8- or 16-bit TIFF, or as a JPEG, and upload it again."
            : null;
}
