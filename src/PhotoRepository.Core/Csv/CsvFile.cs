using System.Globalization;
using CsvHelper;

namespace PhotoRepository.Core.Csv;

/// <summary>
/// Every CSV the product reads or writes goes through CsvHelper here. Reading keeps the line each record
/// starts on (a rejected row must name the line a clerk sees in their spreadsheet). Writing gives UTF-8 with
/// a byte order mark (without it Excel reads accented names as mojibake), CRLF line ends, quotes where
/// needed, and an apostrophe before any cell a spreadsheet would run as a formula (= + - @ tab CR).
/// </summary>
public static class CsvFile
{
    /// <summary>The Content-Type of every CSV download.</summary>
    public const string ContentType = "text/csv; charset=utf-8";

    public sealed record Record(int Line, IReadOnlyList<string> Fields, bool Malformed);

    /// <summary>
    /// RFC 4180 records, comma separated (or by <paramref name="separator"/>, e.g. a tab): quoted fields may hold commas, doubled quotes and line breaks;
    /// CRLF, LF and CR all end a record; empty lines are skipped. A stray, misplaced or unclosed quote marks
    /// the record malformed (its fields are still returned, as CsvHelper recovers them) instead of throwing.
    /// </summary>
    public static IEnumerable<Record> Read(TextReader text, char separator = ',')
    {
        var malformedLines = new HashSet<long>();
        var options = new CsvReaderOptions
        {
            Separator = separator,
            HasHeader = false,
            Mode = CsvMode.Rfc4180,
            TrackLineNumbers = true,
            SkipEmptyLines = true,
            MalformedData = CsvMalformedDataHandling.Recover,
            OnMalformedRecord = record => malformedLines.Add(record.LineNumber),
        };
        using var reader = CsvReader.Create(text, options, leaveOpen: true);
        while (reader.Read())
        {
            var fields = new string[reader.FieldCount];
            for (var i = 0; i < fields.Length; i++) fields[i] = reader.GetString(i) ?? "";
            yield return new Record((int)reader.LineNumber, fields, malformedLines.Contains(reader.LineNumber));
        }
    }

    /// <summary>A whole CSV file: a header row, then one row per item.</summary>
    public static byte[] Write(IEnumerable<string?> header, IEnumerable<IEnumerable<string?>> rows)
    {
        using var memory = new MemoryStream();
        using (var csv = CsvWriter.Create(memory, WriteOptions, leaveOpen: true))
        {
            csv.WriteRecord([.. header]);
            foreach (var row in rows) csv.WriteRecord([.. row]);
        }
        return memory.ToArray();
    }

    /// <summary>A value as a CSV cell: numbers in the invariant culture, dates as yyyy-MM-dd, times as yyyy-MM-dd HH:mm:ss.</summary>
    public static string? Text(object? value) => value switch
    {
        null => null,
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime t => t.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    private static readonly CsvWriterOptions WriteOptions = new()
    {
        Separator = ',',
        Mode = CsvMode.Rfc4180,
        NewLine = "\r\n",
        Injection = CsvInjection.Escape,
        WriteByteOrderMark = true,
    };
}
