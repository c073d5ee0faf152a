using System.Globalization;
using System.Text;

namespace PhotoRepository.Core.Rules;

/// <summary>Folds names for search so "Sean" finds "Seán" and case never matters.</summary>
public static class SearchText
{
    public static string Fold(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return "";
        var decomposed = text.Trim().Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
                sb.Append(char.ToLowerInvariant(c));
        }
        return sb.ToString().Normalize(NormalizationForm.FormC);
    }

    public static string NameKey(string last, string first, string? middle) =>
        Fold($"{last} {first} {middle}".Trim());
}
