namespace PhotoRepository.Core.Entities;

/// <summary>A school district. Its AIM contact person is who parents are sent to.</summary>
public class District
{
    public int Id { get; set; }
    public required string Code { get; set; }
    public required string Name { get; set; }
    public string ContactName { get; set; } = "";
    public string ContactEmail { get; set; } = "";
    public string ContactPhone { get; set; } = "";
    public List<School> Schools { get; set; } = [];
}
