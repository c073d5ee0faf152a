using System.IO.Compression;
using PhotoRepository.Core.Entities;

namespace PhotoRepository.Core.Photos.Import;

/// <summary>
/// The wizard's side of a PSPA disc: finds the index in the ZIP, matches it, and turns its verdicts into the
/// preview's items. Without an index the wizard matches by file names as before.
/// </summary>
public static class PspaIndexing
{
    /// <summary>An index of 20,000 rows is about 2 MB; anything far larger is not one.</summary>
    public const long MaxIndexBytes = 16 * 1024 * 1024;

    public static PspaMatch? Read(IReadOnlyList<ZipArchiveEntry> entries, PhotoIdentifierKind kind, int? idColumn,
        IReadOnlyCollection<ImportCandidate> students, PhotoLimits limits, out string? error)
    {
        var index = Find(entries, out error);
        if (index is null) return null;
        var name = index.Path;
        var column = idColumn ?? index.NamedIdColumn;
        if (column is { } c && (c < 1 || c > index.ColumnCount))
        {
            error = $"Column {c} does not exist: the index {name} has {index.ColumnCount} columns.";
            return null;
        }
        var paths = entries.Select(e => e.FullName.Replace('\\', '/')).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return new PspaMatch(index, column, kind, students, paths);
    }

    /// <summary>The ZIP's PSPA index (the shallowest INDEX.TXT or MASTER.TXT), null when there is none or it cannot be read (then with the reason).</summary>
    public static PspaIndex? Find(IReadOnlyList<ZipArchiveEntry> entries, out string? error)
    {
        error = null;
        var entry = entries
            .Where(e => PspaIndex.IsIndexName(e.FullName) && !e.FullName.Contains("__MACOSX", StringComparison.OrdinalIgnoreCase))
            .OrderBy(e => e.FullName.Count(c => c is '/' or '\\')).ThenBy(e => e.FullName, StringComparer.OrdinalIgnoreCase)
            .FirstOrDefault();
        if (entry is null) return null;
        var name = entry.FullName.Replace('\\', '/');
        if (entry.Length > MaxIndexBytes)
        {
            error = $"The PSPA index {name} is {entry.Length / 1024.0 / 1024:0} MB; an index is at most {MaxIndexBytes / 1024 / 1024} MB.";
            return null;
        }
        byte[] bytes;
        try
        {
            using var source = entry.Open();
            using var buffer = new MemoryStream();
            source.CopyTo(buffer);
            if (buffer.Length > MaxIndexBytes) throw new InvalidDataException();
            bytes = buffer.ToArray();
        }
        catch (Exception e) when (e is InvalidDataException or IOException or NotSupportedException)
        {
            error = $"The PSPA index {name} is damaged in the ZIP and cannot be read.";
            return null;
        }
        var index = PspaIndex.Parse(name, bytes);
        if (index.Rows.Count == 0)
        {
            error = $"The PSPA index {name} has no rows.";
            return null;
        }
        return index;
    }

    /// <summary>A preview item decided by the index instead of the file name (the file checks before it still stand).</summary>
    public static PhotoImportItem Apply(PhotoImportItem item, ZipArchiveEntry entry, PspaMatch pspa)
    {
        var path = entry.FullName.Replace('\\', '/');
        if (path.Equals(pspa.Index.Path, StringComparison.OrdinalIgnoreCase))
        {
            item.Message = $"PSPA index: {pspa.Index.Rows.Count} rows, matched by " +
                (pspa.IdColumn is { } c ? $"the student ID in column {c}." : "last name, first name and grade.");
            return item;
        }
        var image = pspa.Images.GetValueOrDefault(path);
        if (image is not null) item.IndexRow = image.Row.Line;
        if (item.Kind is not (PhotoImportEntryKind.Matched or PhotoImportEntryKind.Unmatched)) return item; // ignored or invalid as a file
        if (image is null)
            return Set(item, PhotoImportEntryKind.Unmatched, $"Not listed in {Label(pspa)}: not imported.", null);
        return Set(item, image.Student is null ? PhotoImportEntryKind.Unmatched : PhotoImportEntryKind.Matched, image.Message, image.Student);
    }

    /// <summary>Rows whose image is not in the ZIP, listed in the preview (nothing to import for them).</summary>
    public static IEnumerable<PhotoImportItem> MissingItems(PspaMatch pspa) =>
        pspa.Missing.Select(m => new PhotoImportItem
        {
            EntryIndex = -1,
            EntryName = (pspa.Index.BaseFolder + m.Row.ImagePath) is { Length: <= 1000 } n ? n : "…",
            Identifier = "",
            Kind = PhotoImportEntryKind.Unmatched,
            Outcome = PhotoImportOutcome.NotImported,
            Message = m.Message,
            IndexRow = m.Row.Line,
        });

    private static PhotoImportItem Set(PhotoImportItem item, PhotoImportEntryKind kind, string message, ImportCandidate? student)
    {
        item.Kind = kind;
        item.Outcome = kind == PhotoImportEntryKind.Matched ? PhotoImportOutcome.Pending : PhotoImportOutcome.NotImported;
        item.Message = message.Length > 1000 ? message[..1000] : message;
        item.StudentId = student?.Id;
        item.StudentName = student?.Name ?? "";
        return item;
    }

    private static string Label(PspaMatch pspa) => pspa.Index.Path.Split('/')[^1];
}
