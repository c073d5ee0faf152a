using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PhotoRepository.Web.Disclosure;

namespace PhotoRepository.Web.Areas.State.Pages.Doj;

public class CaseModel(CaseContextStore cases) : PageModel
{
    [BindProperty]
    public CaseContextInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public CaseContext? Current { get; private set; }

    public void OnGet()
    {
        Current = cases.Read(HttpContext);
        if (Current is not null)
            Input = new CaseContextInput { CaseNumber = Current.CaseNumber, Agency = Current.Agency, LegalBasis = Current.LegalBasis };
    }

    public IActionResult OnPost()
    {
        Input.CaseNumber = Input.CaseNumber?.Trim() ?? "";
        Input.Agency = Input.Agency?.Trim() ?? "";
        if (!ModelState.IsValid)
        {
            Current = cases.Read(HttpContext);
            return Page();
        }
        cases.Write(HttpContext, new CaseContext(Input.CaseNumber, Input.Agency, Input.LegalBasis!.Value));
        // Only local return addresses: the form must not become an open redirect.
        return !string.IsNullOrEmpty(ReturnUrl) && Url.IsLocalUrl(ReturnUrl) ? LocalRedirect(ReturnUrl) : RedirectToPage("/Doj/Search", new { area = "State" });
    }
}
