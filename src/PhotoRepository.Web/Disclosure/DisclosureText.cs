using System.Globalization;
using System.Text;
using PhotoRepository.Core.Entities;

namespace PhotoRepository.Web.Disclosure;

/// <summary>How disclosures read to people and in CSV exports.</summary>
public static class DisclosureText
{
    public static string Kind(DisclosureKind kind) => kind switch
    {
        DisclosureKind.Search => "Search",
        DisclosureKind.PhotoViewed => "Photo viewed",
        DisclosureKind.PhotoDownloaded => "Photo downloaded",
        DisclosureKind.FlyerPrinted => "Flyer printed",
        DisclosureKind.MonthlyListPrinted => "Monthly list printed",
        DisclosureKind.SearchResult => "Shown in search results",
        DisclosureKind.ThumbnailViewed => "Thumbnail viewed",
        _ => kind.ToString(),
    };

    /// <summary>One CSV cell; a leading = + - @ (or tab/CR) is neutralised so a spreadsheet never runs it as a formula.</summary>
    public static string Cell(string? value)
    {
        var text = value ?? "";
        if (text.Length > 0 && "=+-@\t\r".Contains(text[0])) text = "'" + text;
        return text.IndexOfAny([',', '"', '\n', '\r']) >= 0 || text != text.Trim() ? "\"" + text.Replace("\"", "\"\"") + "\"" : text;
    }

    public static string Line(params object?[] cells) =>
        string.Join(",", cells.Select(c => Cell(Convert.ToString(c, CultureInfo.InvariantCulture)))) + "\r\n";

    public static byte[] Csv(StringBuilder sb) => Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(sb.ToString())).ToArray();
}
