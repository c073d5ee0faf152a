using Microsoft.AspNetCore.Mvc.RazorPages;

namespace PhotoRepository.Web.Pages.Account;

public class AccessDeniedModel : PageModel
{
    // 403 so tests and tools can tell a refusal from a page.
    public void OnGet() => Response.StatusCode = StatusCodes.Status403Forbidden;
}
