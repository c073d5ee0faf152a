using PhotoRepository.Core.Security;

namespace PhotoRepository.Web.Areas.Admin.Pages.Accounts;

/// <summary>A role and a district that go together: a clerk belongs to exactly one district, nobody else to any.</summary>
public static class AccountRole
{
    /// <summary>What is wrong with this pairing, in words for the administrator, or null.</summary>
    public static string? Problem(string? role, int? districtId) =>
        role is null || !Roles.All.Contains(role) ? "Choose one of the listed roles."
        : role == Roles.DistrictClerk && districtId is null ? "A district clerk must be bound to exactly one district."
        : role != Roles.DistrictClerk && districtId is not null ? "Only district clerks belong to a district."
        : null;
}
