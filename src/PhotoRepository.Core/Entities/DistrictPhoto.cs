namespace PhotoRepository.Core.Entities;

public enum PhotoDateSource
{
    Entered = 1,
    CaptureDate = 2,
    UploadDate = 3,
}

/// <summary>A student's current photo at the district (one per student).</summary>
public class DistrictPhoto : IDistrictOwned
{
    public int Id { get; set; }
    public int StudentId { get; set; }
    public Student? Student { get; set; }
    public int DistrictId { get; set; }
    public required string Sha256 { get; set; }
    public PhotoContent? Content { get; set; }
    public DateOnly PhotoDate { get; set; }
    public PhotoDateSource PhotoDateSource { get; set; }
    public string OriginalFileName { get; set; } = "";
    public string OriginalFormat { get; set; } = "";
    public DateTime UploadedAt { get; set; }
    public string UploadedBy { get; set; } = "";
}
