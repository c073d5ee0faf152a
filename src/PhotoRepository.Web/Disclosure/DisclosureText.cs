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
}
