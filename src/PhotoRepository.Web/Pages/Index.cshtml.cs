using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PhotoRepository.Core.Security;

namespace PhotoRepository.Web.Pages;

/// <summary>Sends each person to their own area.</summary>
public class IndexModel : PageModel
{
    public IActionResult OnGet() => Redirect(HomeOf(User));

    public static string HomeOf(System.Security.Claims.ClaimsPrincipal user) =>
        user.IsInRole(Roles.DistrictClerk) ? "/District"
        : user.IsInRole(Roles.DojStaff) ? "/State/Doj"
        : user.IsInRole(Roles.StateStaff) ? "/State/Aim"
        : user.IsInRole(Roles.Administrator) ? "/Admin"
        : "/Account/AccessDenied";
}
