namespace PhotoRepository.Core.Entities;

/// <summary>A missing-child case recorded by DOJ staff. Open cases make the monthly list.</summary>
public class MissingChildCase
{
    public int Id { get; set; }
    public required string CaseNumber { get; set; }
    public required string Agency { get; set; }
    public DateOnly ReportedOn { get; set; }
    public string NcicNumber { get; set; } = "";
    /// <summary>The state record, when the case started from a photo in the repository.</summary>
    public int? StateStudentId { get; set; }
    public StateStudent? StateStudent { get; set; }

    // The child as reported, whether or not the child is in the repository (copied from the state
    // record when the case starts from a photo), so the monthly list always names the child.
    public string ChildFirstName { get; set; } = "";
    public string ChildLastName { get; set; } = "";
    public DateOnly? ChildBirthDate { get; set; }
    public int? ChildDistrictId { get; set; }
    public District? ChildDistrict { get; set; }

    public string ChildName => $"{ChildFirstName} {ChildLastName}".Trim();

    // For the flyer, all optional: whom to call, what the child looks like, where and when last seen.
    public string AgencyPhone { get; set; } = "";
    public int? ChildHeightInches { get; set; }
    public int? ChildWeightPounds { get; set; }
    public string ChildHair { get; set; } = "";
    public string ChildEyes { get; set; } = "";
    public string LastSeenPlace { get; set; } = "";
    /// <summary>UTC, like every stored time; shown in America/Denver.</summary>
    public DateTime? LastSeenAt { get; set; }

    public string OpenedBy { get; set; } = "";
    public DateTime OpenedAt { get; set; }
    public DateTime? ClosedAt { get; set; }
    public string? ClosedBy { get; set; }
    public bool IsOpen => ClosedAt is null;
}
