namespace PhotoRepository.Core.Photos;

/// <summary>Limits on what a photo or an import ZIP may be; bound from the "Photos" configuration section.</summary>
public sealed class PhotoLimits
{
    public long MaxFileBytes { get; set; } = 20L * 1024 * 1024;
    public long MaxPixels { get; set; } = 50_000_000;
    public int MaxSide { get; set; } = 10_000;

    public long MaxZipBytes { get; set; } = 1024L * 1024 * 1024;
    public int MaxZipEntries { get; set; } = 20_000;
    public long MaxZipUncompressedBytes { get; set; } = 4L * 1024 * 1024 * 1024;
    /// <summary>Photos are already compressed: an entry that claims to inflate more than this is a bomb.</summary>
    public double MaxCompressionRatio { get; set; } = 50;

    /// <summary>Where uploaded ZIPs wait for the background import. Several instances need a shared folder.</summary>
    public string ImportFolder { get; set; } = Path.Combine("data", "imports");

    public int ImportWorkers { get; set; } = 2;

    /// <summary>Pixels decoded at once in the whole process (<see cref="DecodeBudget"/>); 0 means one largest photo (MaxPixels).</summary>
    public long DecodeBudgetPixels { get; set; }

    /// <summary>A batch previewed but neither committed nor cancelled is removed, with its ZIP, after this many hours.</summary>
    public int PreviewRetentionHours { get; set; } = 24;

    /// <summary>The file size limit in words a clerk reads ("20 MB", "1.5 MB", "500 KB"): never rounded down to 0.</summary>
    public string MaxFileText => MaxFileBytes >= 1024 * 1024
        ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{MaxFileBytes / (1024d * 1024):0.#} MB")
        : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Math.Max(1, MaxFileBytes / 1024d):0.#} KB");
}
