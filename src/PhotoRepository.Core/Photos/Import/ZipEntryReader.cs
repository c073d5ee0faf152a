using System.IO.Compression;

namespace PhotoRepository.Core.Photos.Import;

/// <summary>An entry's bytes, or why it could not be read.</summary>
public readonly record struct ZipEntryBytes(byte[]? Bytes, string? Error);

/// <summary>
/// Inflates one ZIP entry into memory for the check and the import alike. Never trusts the size the
/// entry declares: stops one byte past <see cref="PhotoLimits.MaxFileBytes"/>.
/// </summary>
public static class ZipEntryReader
{
    public const string Damaged = "The ZIP entry is damaged and cannot be unpacked.";

    private const int Chunk = 81920;

    public static ZipEntryBytes Read(ZipArchiveEntry entry, PhotoLimits limits, CancellationToken ct = default)
    {
        var limit = limits.MaxFileBytes;
        try
        {
            using var source = entry.Open();
            // Straight into an array of the declared size: one large-object allocation per photo instead of two
            // (a growing buffer and its copy), which is most of what the check allocates besides libvips.
            var bytes = new byte[(int)Math.Clamp(entry.Length, 0, limit)];
            var filled = Fill(source, bytes, 0, ct);
            if (filled < bytes.Length) return new ZipEntryBytes(bytes[..filled], null); // shorter than declared
            Span<byte> probe = stackalloc byte[1];
            if (source.Read(probe) == 0) return new ZipEntryBytes(bytes, null);
            // Longer than it declared: go on in a growing buffer, up to the limit.
            using var buffer = new MemoryStream();
            buffer.Write(bytes);
            buffer.Write(probe);
            var chunk = new byte[Chunk];
            int read;
            while (buffer.Length <= limit && (read = source.Read(chunk)) > 0)
            {
                ct.ThrowIfCancellationRequested();
                buffer.Write(chunk, 0, read);
            }
            return buffer.Length > limit
                ? new ZipEntryBytes(null, $"The file unpacks to more than {limits.MaxFileText}, more than its ZIP entry declared.")
                : new ZipEntryBytes(buffer.ToArray(), null);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or NotSupportedException)
        {
            return new ZipEntryBytes(null, Damaged);
        }
    }

    private static int Fill(Stream source, byte[] target, int filled, CancellationToken ct)
    {
        int read;
        while (filled < target.Length && (read = source.Read(target, filled, Math.Min(Chunk, target.Length - filled))) > 0)
        {
            ct.ThrowIfCancellationRequested();
            filled += read;
        }
        return filled;
    }
}
