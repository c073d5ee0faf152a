using System.Security.Claims;
using PhotoRepository.Core.Security;

namespace PhotoRepository.Web.Infrastructure;

public static class ClaimsExtensions
{
    /// <summary>The signed-in clerk's district. Only called on District pages, whose policy requires the claim.</summary>
    public static int DistrictId(this ClaimsPrincipal user) =>
        int.Parse(user.FindFirstValue(Roles.DistrictClaim) ?? throw new InvalidOperationException("No district claim."));
}
