using System.Text;

namespace PhotoRepository.Core.Demographics;

/// <summary>
/// RFC 4180 records with the line each starts on: quoted fields may hold commas, doubled quotes and
/// line breaks; CRLF, LF and CR all end a record. Kept here (not CsvHelper 34, whose new byte-level
/// API reports no per-record line numbers we could rely on) so rejected rows name the right line.
/// </summary>
public static class CsvLines
{
    public sealed record Record(int Line, IReadOnlyList<string> Fields, bool Malformed);

    public static IEnumerable<Record> Read(TextReader reader)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var line = 1;
        var startLine = 1;
        var inQuotes = false;
        var malformed = false;
        var any = false;
        int c;
        while ((c = reader.Read()) != -1)
        {
            var ch = (char)c;
            if (inQuotes)
            {
                if (ch == '"')
                {
                    if (reader.Peek() == '"') { reader.Read(); field.Append('"'); }
                    else inQuotes = false;
                }
                else
                {
                    if (ch == '\n' || (ch == '\r' && reader.Peek() != '\n')) line++;
                    field.Append(ch);
                }
                continue;
            }
            switch (ch)
            {
                case '"':
                    // A quote opens a field only at its start; elsewhere it is malformed but kept.
                    if (field.Length == 0 || field.ToString().Trim().Length == 0) { field.Clear(); inQuotes = true; }
                    else { malformed = true; field.Append(ch); }
                    any = true;
                    break;
                case ',':
                    fields.Add(field.ToString());
                    field.Clear();
                    any = true;
                    break;
                case '\r' or '\n':
                    if (ch == '\r' && reader.Peek() == '\n') reader.Read();
                    if (any || field.Length > 0)
                    {
                        fields.Add(field.ToString());
                        yield return new Record(startLine, fields.ToArray(), malformed);
                    }
                    fields.Clear(); field.Clear(); malformed = false; any = false;
                    line++;
                    startLine = line;
                    break;
                default:
                    field.Append(ch);
                    any = true;
                    break;
            }
        }
        if (inQuotes) malformed = true;
        if (any || field.Length > 0 || inQuotes)
        {
            fields.Add(field.ToString());
            yield return new Record(startLine, fields.ToArray(), malformed);
        }
    }

    /// <summary>A cell for a CSV a spreadsheet will open: quoted when needed, formulas neutralized.</summary>
    public static string Cell(string? value)
    {
        var v = value ?? "";
        // A leading = + - @ (or tab/CR) makes spreadsheets evaluate the cell; a leading apostrophe keeps it text.
        if (v.Length > 0 && v[0] is '=' or '+' or '-' or '@' or '\t' or '\r') v = "'" + v;
        return v.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + v.Replace("\"", "\"\"") + "\"" : v;
    }
}
