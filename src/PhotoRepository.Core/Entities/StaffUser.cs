using Microsoft.AspNetCore.Identity;

namespace PhotoRepository.Core.Entities;

/// <summary>A signed-in person. District clerks are bound to exactly one district.</summary>
public class StaffUser : IdentityUser
{
    public string DisplayName { get; set; } = "";
    public int? DistrictId { get; set; }
    public District? District { get; set; }
}
