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

    public static ZipEntryBytes Read(ZipArchiveEntry entry, PhotoLimits limits, CancellationToken ct = default)
    {
        var limit = limits.MaxFileBytes;
        try
        {
            using var source = entry.Open();
            using var buffer = new MemoryStream((int)Math.Clamp(entry.Length, 0, limit));
            var chunk = new byte[81920];
            int read;
            while ((read = source.Read(chunk)) > 0)
            {
                ct.ThrowIfCancellationRequested();
                buffer.Write(chunk, 0, read);
                if (buffer.Length > limit)
                    return new ZipEntryBytes(null, $"The file unpacks to more than {limits.MaxFileText}, more than its ZIP entry declared.");
            }
            return new ZipEntryBytes(buffer.ToArray(), null);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or NotSupportedException)
        {
            return new ZipEntryBytes(null, Damaged);
        }
    }
}
