namespace PhotoRepository.Core.Entities;

public class School
{
    public int Id { get; set; }
    public int DistrictId { get; set; }
    public District? District { get; set; }
    public required string Code { get; set; }
    public required string Name { get; set; }
}
