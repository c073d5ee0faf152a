namespace PhotoRepository.Core.Entities;

/// <summary>A missing-child case recorded by DOJ staff. Open cases make the monthly list.</summary>
public class MissingChildCase
{
    public int Id { get; set; }
    public required string CaseNumber { get; set; }
    public required string Agency { get; set; }
    public DateOnly ReportedOn { get; set; }
    public string NcicNumber { get; set; } = "";
    public int? StateStudentId { get; set; }
    public StateStudent? StateStudent { get; set; }
    public string OpenedBy { get; set; } = "";
    public DateTime OpenedAt { get; set; }
    public DateTime? ClosedAt { get; set; }
    public string? ClosedBy { get; set; }
    public bool IsOpen => ClosedAt is null;
}
