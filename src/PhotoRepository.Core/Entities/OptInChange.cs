namespace PhotoRepository.Core.Entities;

/// <summary>One change of a student's opt-in value. Never edited or deleted.</summary>
public class OptInChange : IDistrictOwned, IAppendOnly
{
    public long Id { get; set; }
    public int StudentId { get; set; }
    public int DistrictId { get; set; }
    public OptInChoice OldValue { get; set; }
    public OptInChoice NewValue { get; set; }
    public ConsentSource Source { get; set; }
    public DateOnly GivenOn { get; set; }
    public string SchoolYear { get; set; } = "";
    public string Note { get; set; } = "";
    /// <summary>The uploaded file's name when the change came from a demographics upload.</summary>
    public string? FileName { get; set; }
    public string ChangedBy { get; set; } = "";
    public DateTime ChangedAt { get; set; }
}
