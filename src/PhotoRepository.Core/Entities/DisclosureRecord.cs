namespace PhotoRepository.Core.Entities;

public enum DisclosureKind
{
    Search = 1,
    PhotoViewed = 2,
    PhotoDownloaded = 3,
    FlyerPrinted = 4,
    MonthlyListPrinted = 5,
    /// <summary>A child shown in a search's results: one per child, so the child's district sees it.</summary>
    SearchResult = 6,
    /// <summary>A thumbnail's bytes (search results, the monthly list) sent to DOJ.</summary>
    ThumbnailViewed = 7,
}

public enum LegalBasis
{
    MissingChildReport = 1,
    HealthOrSafetyEmergency = 2,
    CourtOrderOrSubpoena = 3,
    ParentConsent = 4,
}

/// <summary>The FERPA record of disclosures: who saw what, when, for which case. Append-only.</summary>
public class DisclosureRecord : IAppendOnly
{
    public long Id { get; set; }
    public DateTime At { get; set; }
    public string UserName { get; set; } = "";
    public DisclosureKind Kind { get; set; }
    /// <summary>The state record disclosed; null for a search's own record (its results have one each).</summary>
    public int? StateStudentId { get; set; }
    /// <summary>The student's district at the time, so the district can keep the record with the student's.</summary>
    public int? DistrictId { get; set; }
    public string StudentStateId { get; set; } = "";
    public string CaseNumber { get; set; } = "";
    public string Agency { get; set; } = "";
    public LegalBasis LegalBasis { get; set; }
    public string Criteria { get; set; } = "";
    public int? ResultCount { get; set; }
}
