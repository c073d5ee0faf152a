using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PhotoRepository.Web.Disclosure;

namespace PhotoRepository.Web.Areas.State.Pages.Doj;

/// <summary>DOJ pages that disclose anything: without a case context the user is sent to enter one first.</summary>
public abstract class CaseBoundPageModel(CaseContextStore cases) : PageModel
{
    public CaseContext Case { get; protected set; } = null!;

    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        if (cases.Read(HttpContext) is not { } current)
        {
            context.Result = new RedirectToPageResult("/Doj/Case", new { area = "State", returnUrl = Request.Path + Request.QueryString });
            return;
        }
        Case = current;
        await next();
    }
}
