using System.ComponentModel.DataAnnotations;

namespace PhotoRepository.Core.Photos;

/// <summary>Limits on what a photo or an import ZIP may be; bound from the "Photos" configuration section.</summary>
public sealed class PhotoLimits
{
    [Range(1, long.MaxValue, ErrorMessage = "Photos:MaxFileBytes must be at least 1.")]
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

    /// <summary>
    /// Photos the wizard's check processes side by side, each on a thread of its own with one libvips thread. Three on
    /// the 2-core reference machine: a worker now and then waits (for the ZIP's next entry, a save, the GC), and the
    /// third keeps both cores busy (95% against 92% during the check, about 10% less time a ZIP; docs/performance.md).
    /// Raise it with the cores.
    /// </summary>
    [Range(1, 64, ErrorMessage = "Photos:ImportWorkers must be between 1 and 64.")]
    public int ImportWorkers { get; set; } = 3;

    /// <summary>
    /// Photos the wizard's commit stores per transaction: few enough to hold in memory (about 2.5 MB at 50) and to
    /// keep the database's single writer free for other requests most of the time, many enough that the commit
    /// is not a flush per photo.
    /// </summary>
    [Range(1, 1000, ErrorMessage = "Photos:ImportChunkSize must be between 1 and 1000.")]
    public int ImportChunkSize { get; set; } = 50;

    /// <summary>Pixels decoded at once in the whole process (<see cref="DecodeBudget"/>); 0 means one largest photo (MaxPixels).</summary>
    public long DecodeBudgetPixels { get; set; }

    /// <summary>A batch previewed but neither committed nor cancelled is removed, with its ZIP, after this many hours.</summary>
    [Range(1, 24 * 365, ErrorMessage = "Photos:PreviewRetentionHours must be at least 1.")]
    public int PreviewRetentionHours { get; set; } = 24;

    /// <summary>When the clean-up of stale previews runs (cron, in Sync:TimeZone): hourly, so a preview lives at most the retention plus an hour.</summary>
    [Required(ErrorMessage = "Photos:CleanupCron is required.")]
    public string CleanupCron { get; set; } = "15 * * * *";

    /// <summary>The file size limit in words a clerk reads ("20 MB", "1.5 MB", "500 KB"): never rounded down to 0.</summary>
    public string MaxFileText => MaxFileBytes >= 1024 * 1024
        ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{MaxFileBytes / (1024d * 1024):0.#} MB")
        : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Math.Max(1, MaxFileBytes / 1024d):0.#} KB");
}
