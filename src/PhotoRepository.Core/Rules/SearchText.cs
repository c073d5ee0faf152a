using System.Globalization;
using System.Text;

namespace PhotoRepository.Core.Rules;

/// <summary>
/// Folds names for search and for comparing names, one way everywhere (DOJ search, AIM lookup, the
/// district list, the stored search keys and the SQLite trigram index built on them): case, accents,
/// letters that do not decompose (ø, ł, æ, œ, ß, đ, þ, ı) and punctuation never matter, so "obrien"
/// finds O'Brien, "soren" finds Søren and "marykate" finds Mary-Kate.
/// </summary>
public static class SearchText
{
    /// <summary>Letters with no Unicode decomposition, spelled as a Montana keyboard would type them.</summary>
    private static readonly Dictionary<char, string> Letters = new()
    {
        ['ø'] = "o", ['ł'] = "l", ['æ'] = "ae", ['œ'] = "oe", ['ß'] = "ss", ['đ'] = "d", ['ð'] = "d",
        ['þ'] = "th", ['ı'] = "i", ['ŀ'] = "l", ['ħ'] = "h", ['ŧ'] = "t", ['ĸ'] = "k", ['ŋ'] = "n",
    };

    /// <summary>One word (or one name part) folded: lower case, letters and digits only.</summary>
    public static string FoldWord(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return "";
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            var lower = char.ToLowerInvariant(c);
            if (Letters.TryGetValue(lower, out var spelled)) sb.Append(spelled);
            else if (char.IsLetterOrDigit(lower)) sb.Append(lower);
            // Marks, apostrophes, hyphens, periods and spaces are dropped.
        }
        return sb.ToString().Normalize(NormalizationForm.FormC);
    }

    /// <summary>The words of a search box, each folded; words separated by spaces, empty ones dropped.</summary>
    public static string[] Words(string? query) =>
        (query ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)
            .Select(FoldWord).Where(w => w.Length > 0).ToArray();

    /// <summary>The search words joined by single spaces (for display and logging of what was searched).</summary>
    public static string Fold(string? text) => string.Join(' ', Words(text));

    /// <summary>
    /// The stored search key: each name part folded whole (so a space or hyphen inside a part goes),
    /// parts separated by one space, so a search word never matches across two parts.
    /// </summary>
    public static string NameKey(string last, string first, string? middle) =>
        string.Join(' ', new[] { last, first, middle ?? "" }.Select(FoldWord).Where(p => p.Length > 0));

    /// <summary>Two spellings of one name part are the same name (for the state student ID claim check).</summary>
    public static bool SameName(string? a, string? b) => FoldWord(a) == FoldWord(b);
}
