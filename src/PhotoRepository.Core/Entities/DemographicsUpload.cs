namespace PhotoRepository.Core.Entities;

/// <summary>
/// An uploaded demographics file kept between preview and commit, so the commit re-reads the file the
/// server saw instead of trusting anything the browser sends back.
/// </summary>
public class DemographicsUpload : IDistrictOwned
{
    public int Id { get; set; }
    public int DistrictId { get; set; }
    public string FileName { get; set; } = "";
    public required string Sha256 { get; set; }
    public required byte[] Content { get; set; }
    public string UploadedBy { get; set; } = "";
    public DateTime UploadedAt { get; set; }
    public DateTime? CommittedAt { get; set; }
    public string? CommittedBy { get; set; }
    public string Summary { get; set; } = "";
}
