namespace PhotoRepository.Core.Entities;

/// <summary>The state's photo of a student (at most one). Shares immutable bytes with the district photo.</summary>
public class StatePhoto
{
    public int Id { get; set; }
    public int StateStudentId { get; set; }
    public StateStudent? StateStudent { get; set; }
    public required string Sha256 { get; set; }
    public PhotoContent? Content { get; set; }
    public DateOnly PhotoDate { get; set; }
    public int SourceDistrictId { get; set; }
    public DateTime CopiedAt { get; set; }
    /// <summary>Unguessable id used in photo URLs, so a URL reveals nothing and cannot be enumerated.</summary>
    public Guid AccessKey { get; set; } = Guid.NewGuid();
}
