using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ModelBinding.Validation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using PhotoRepository.Core.Data;
using PhotoRepository.Core.Entities;
using PhotoRepository.Web.Disclosure;

namespace PhotoRepository.Web.Areas.State.Pages.Doj;

/// <summary>The case a search runs under, chosen on the DOJ home page in the same form as the search.</summary>
public class CaseChoiceInput
{
    /// <summary><see cref="IndexModel.CurrentPick"/> (the case already in use) or the id of one of the user's open cases.</summary>
    public string? Pick { get; set; }

    /// <summary>Another case, typed in: used instead of <see cref="Pick"/> when its number or agency is filled in.</summary>
    [ValidateNever]
    public CaseContextInput Other { get; set; } = new();

    public bool TypedOther => !string.IsNullOrWhiteSpace(Other.CaseNumber) || !string.IsNullOrWhiteSpace(Other.Agency);
}

public sealed record OpenCaseOption(int Id, string CaseNumber, string Agency, string Child, DateOnly ReportedOn);

/// <summary>
/// The DOJ home is the work: the case and the search in one form, results on the same page. It is the search
/// page (the same query, the same record of each child shown) with one difference: instead of sending a user
/// without a case context away to enter one, it takes the case from the form, and the search runs only once a
/// case is chosen. A GET shows the form and discloses nothing.
/// </summary>
public class IndexModel : SearchModel
{
    private readonly PhotoRepositoryDbContext db;
    private readonly CaseContextStore cases;

    public IndexModel(PhotoRepositoryDbContext db, CaseContextStore cases, SearchRateLimit limit, DisclosureWriter disclosures, TimeProvider time, IMemoryCache cache)
        : base(db, cases, limit, disclosures, time, cache) => (this.db, this.cases) = (db, cases);

    public const string CurrentPick = "current";

    [BindProperty]
    public CaseChoiceInput Choice { get; set; } = new();

    /// <summary>The case in use before this request (the session's case context), if any.</summary>
    public CaseContext? CurrentCase { get; private set; }

    /// <summary>The open cases this user opened, newest first: the ones they can pick.</summary>
    public List<OpenCaseOption> MyOpenCases { get; private set; } = [];

    public int OpenCases { get; private set; }

    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        CurrentCase = cases.Read(HttpContext);
        var me = User.Identity!.Name!;
        MyOpenCases = await db.MissingChildCases.AsNoTracking()
            .Where(c => c.ClosedAt == null && c.OpenedBy == me)
            .OrderByDescending(c => c.OpenedAt).ThenByDescending(c => c.Id)
            .Select(c => new OpenCaseOption(c.Id, c.CaseNumber, c.Agency, c.ChildFirstName + " " + c.ChildLastName, c.ReportedOn))
            .ToListAsync();
        OpenCases = await db.MissingChildCases.CountAsync(c => c.ClosedAt == null);

        if (HttpMethods.IsGet(Request.Method) || HttpMethods.IsHead(Request.Method))
        {
            Choice.Pick = CurrentCase is not null ? CurrentPick : MyOpenCases.Count == 1 ? MyOpenCases[0].Id.ToString() : null;
            await next();
            return;
        }

        // Nothing is searched, and so nothing disclosed, without a case: the chosen one becomes the session's.
        if (await ChosenCaseAsync(me) is not { } chosen)
        {
            await OnGetAsync();
            context.Result = Page();
            return;
        }
        cases.Write(HttpContext, chosen);
        Case = CurrentCase = chosen;
        // The form comes back with the case in use selected and the typed fields empty.
        Choice = new CaseChoiceInput { Pick = CurrentPick };
        foreach (var key in ModelState.Keys.Where(k => k.StartsWith("Choice.", StringComparison.Ordinal)).ToList()) ModelState.Remove(key);
        await next();
    }

    private async Task<CaseContext?> ChosenCaseAsync(string me)
    {
        if (Choice.TypedOther)
        {
            Choice.Other.CaseNumber = Choice.Other.CaseNumber?.Trim() ?? "";
            Choice.Other.Agency = Choice.Other.Agency?.Trim() ?? "";
            return TryValidateModel(Choice.Other, "Choice.Other")
                ? new CaseContext(Choice.Other.CaseNumber, Choice.Other.Agency, Choice.Other.LegalBasis!.Value)
                : null;
        }
        if (Choice.Pick == CurrentPick)
        {
            if (CurrentCase is null) ModelState.AddModelError("Choice.Pick", "The case you were using has ended with your last session: choose your case again.");
            return CurrentCase;
        }
        if (int.TryParse(Choice.Pick, out var id))
        {
            // Only the user's own open cases can be picked; any other case is typed in (and recorded as typed).
            var mine = await db.MissingChildCases.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id && c.ClosedAt == null && c.OpenedBy == me);
            if (mine is not null) return new CaseContext(mine.CaseNumber, mine.Agency, LegalBasis.MissingChildReport);
            ModelState.AddModelError("Choice.Pick", "Choose one of your open cases, or type the case number and agency.");
            return null;
        }
        ModelState.AddModelError(MyOpenCases.Count > 0 ? "Choice.Pick" : "Choice.Other.CaseNumber",
            MyOpenCases.Count > 0 ? "Choose the case you are working on, or type another case number and agency." : "Enter the case number and agency you are working for.");
        return null;
    }
}
