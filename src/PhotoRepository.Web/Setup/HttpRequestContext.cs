using System.Security.Claims;
using PhotoRepository.Core.Security;

namespace PhotoRepository.Web.Setup;

/// <summary>The signed-in person as the data layer sees them. Outside a request it is the system.</summary>
public sealed class HttpRequestContext(IHttpContextAccessor accessor) : IRequestContext
{
    private ClaimsPrincipal? User => accessor.HttpContext?.User;

    public string UserName => User?.Identity?.IsAuthenticated == true ? User.Identity.Name ?? "unknown" : "system";

    public int? DistrictScope
    {
        get
        {
            var user = User;
            if (user is null || !user.IsInRole(Roles.DistrictClerk)) return null;
            // A clerk without a valid district claim sees nothing, never everything.
            return int.TryParse(user.FindFirstValue(Roles.DistrictClaim), out var id) ? id : -1;
        }
    }
}
