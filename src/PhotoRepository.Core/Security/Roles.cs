namespace PhotoRepository.Core.Security;

public static class Roles
{
    public const string DistrictClerk = "DistrictClerk";
    public const string StateStaff = "StateStaff";
    public const string DojStaff = "DojStaff";
    public const string Administrator = "Administrator";

    public static readonly string[] All = [DistrictClerk, StateStaff, DojStaff, Administrator];

    /// <summary>The claim that binds a clerk to their district.</summary>
    public const string DistrictClaim = "district_id";
}
