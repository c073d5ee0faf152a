using System.Text;
using PhotoRepository.Core.Csv;

namespace PhotoRepository.Core.Photos.Import;

/// <summary>One person's row of a PSPA index: the standard's fields in order, and every field as read.</summary>
public sealed record PspaRow(int Line, string Folder, string FileName, string Grade, string LastName, string FirstName, IReadOnlyList<string> Fields)
{
    /// <summary>The image the row names, relative to the index's own folder, with forward slashes.</summary>
    public string ImagePath => Folder.Length == 0 ? FileName : Folder.TrimEnd('/') + "/" + FileName;

    public string Name => $"{LastName}, {FirstName}";
}

/// <summary>
/// A school photographer's PSPA index (INDEX.TXT or MASTER.TXT): one row per person with the standard's fields
/// in order (volume name, image folder, image file name, grade, last name, first name, home room, period,
/// teacher, track, department, title, image size), often followed by a student ID column the photographer
/// added from the school's roster, sometimes under a header row. Tab- or comma-separated (read through
/// CsvFile: quoted fields may hold the delimiter), UTF-8 or Windows-1252.
/// See docs/pspa-discs.md.
/// </summary>
public sealed record PspaIndex(string Path, char Delimiter, IReadOnlyList<string>? Header, IReadOnlyList<PspaRow> Rows, int ColumnCount, int? NamedIdColumn)
{
    public const int StandardColumns = 13;

    /// <summary>True for INDEX.TXT or MASTER.TXT in any folder and any case.</summary>
    public static bool IsIndexName(string entryPath)
    {
        var file = entryPath.Replace('\\', '/').Split('/')[^1];
        return file.Equals("INDEX.TXT", StringComparison.OrdinalIgnoreCase) || file.Equals("MASTER.TXT", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The folder the index sits in ("" at the root), with a trailing slash when not empty.</summary>
    public string BaseFolder => Path.Replace('\\', '/') is var p && p.LastIndexOf('/') is var i and >= 0 ? p[..(i + 1)] : "";

    /// <summary>Columns after the standard's thirteen: where a student ID would be (1-based numbers).</summary>
    public IEnumerable<int> ExtraColumns => Enumerable.Range(StandardColumns + 1, Math.Max(0, ColumnCount - StandardColumns));

    public static PspaIndex Parse(string path, byte[] bytes)
    {
        var text = Decode(bytes);
        var firstLine = text.Split('\n', 2)[0];
        var delimiter = firstLine.Contains('\t') ? '\t' : ',';
        var rows = new List<PspaRow>();
        IReadOnlyList<string>? header = null;
        var columns = 0;
        using var reader = new StringReader(text);
        foreach (var record in CsvFile.Read(reader, delimiter))
        {
            var fields = record.Fields.Select(f => f.Trim()).ToArray();
            if (fields.All(string.IsNullOrWhiteSpace)) continue;
            columns = Math.Max(columns, fields.Length);
            if (rows.Count == 0 && header is null && LooksLikeHeader(fields))
            {
                header = fields;
                continue;
            }
            string At(int i) => i < fields.Length ? fields[i] : "";
            rows.Add(new PspaRow(record.Line, At(1).Replace('\\', '/').Trim('/'), At(2), At(3), At(4), At(5), fields));
        }
        return new PspaIndex(path, delimiter, header, rows, columns, header is null ? null : IdColumnIn(header));
    }

    /// <summary>UTF-8 when the bytes are valid UTF-8 (a byte-order mark is dropped), otherwise Windows-1252.</summary>
    public static string Decode(byte[] bytes)
    {
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes).TrimStart('\uFEFF');
        }
        catch (DecoderFallbackException)
        {
            Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
            return Encoding.GetEncoding(1252).GetString(bytes);
        }
    }

    /// <summary>A first row whose image file name field is not a file name, but a word like "Image" or "File Name".</summary>
    private static bool LooksLikeHeader(string[] fields) =>
        fields.Length >= 3 && !fields[2].Contains('.') && fields.Any(f => f.Contains("name", StringComparison.OrdinalIgnoreCase) || f.Contains("image", StringComparison.OrdinalIgnoreCase));

    /// <summary>The header's student ID column (1-based), if one is named so.</summary>
    private static int? IdColumnIn(IReadOnlyList<string> header)
    {
        for (var i = 0; i < header.Count; i++)
        {
            var h = new string(header[i].Where(char.IsLetterOrDigit).ToArray()).ToLowerInvariant();
            if (h is "studentid" or "stateid" or "statestudentid" or "studentnumber" or "localstudentnumber" or "id" or "studentno" or "ssid" or "localid")
                return i + 1;
        }
        return null;
    }
}
