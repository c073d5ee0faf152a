using PhotoRepository.Core.Rules;

namespace PhotoRepository.Web.Areas.State.Pages.Doj;

/// <summary>
/// What to try when a name search finds nobody: each name part alone (a report may carry a nickname or a
/// second last name the school does not), and the start of a long part (the ending is where spellings
/// differ: Sorensen, Sorenson). Matching itself is SearchText.Fold's; these are only other searches to run.
/// </summary>
public static class SearchSuggestions
{
    public const int Max = 5;

    public static IReadOnlyList<string> For(SearchInput input)
    {
        if (string.IsNullOrWhiteSpace(input.Name)) return [];
        var original = input.Name.Trim();
        var parts = original.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(p => p.Count(char.IsLetter) >= 2).ToList();
        var suggestions = new List<string>();
        if (parts.Count > 1) suggestions.AddRange(parts);
        foreach (var part in parts)
        {
            var letters = new string(part.Where(char.IsLetter).ToArray());
            if (letters.Length >= 5) suggestions.Add(letters[..4]);
        }
        var asked = SearchText.Fold(original);
        return suggestions.DistinctBy(SearchText.Fold).Where(s => SearchText.Fold(s) != asked).Take(Max).ToList();
    }
}
