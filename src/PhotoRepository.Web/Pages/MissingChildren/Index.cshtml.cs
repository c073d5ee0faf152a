using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PhotoRepository.Core.Data;
using PhotoRepository.Core.Entities;
using PhotoRepository.Core.Rules;
using PhotoRepository.Web.Disclosure;

namespace PhotoRepository.Web.Pages.MissingChildren;

public sealed record ListedChild(int CaseId, string CaseNumber, string Name, DateOnly? BirthDate, string District, DateOnly ReportedOn, bool HasPhoto);

/// <summary>
/// The monthly list of missing school children: every open case. Viewing is not a per-student
/// disclosure; printing is recorded once (one record naming the cases) by the Print handler.
/// </summary>
public class IndexModel(PhotoRepositoryDbContext db, TimeProvider time) : PageModel
{
    public List<ListedChild> Children { get; private set; } = [];
    public DateOnly Today { get; private set; }
    public bool PrintNow { get; private set; }

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostPrintAsync()
    {
        await LoadAsync();
        var user = User.Identity!.Name!;
        var record = new DisclosureRecord
        {
            At = time.GetUtcNow().UtcDateTime,
            UserName = user,
            Kind = DisclosureKind.MonthlyListPrinted,
            LegalBasis = LegalBasis.MissingChildReport,
            Criteria = Truncate($"Monthly list of {Today:MMMM yyyy}: {Children.Count} open case(s): " + string.Join(", ", Children.Select(c => c.CaseNumber)), 1000),
            ResultCount = Children.Count,
        };
        await DisclosureLog.WriteAsync(db, record);
        PrintNow = true;
        Response.Headers.CacheControl = "no-store";
        return Page();
    }

    private async Task LoadAsync()
    {
        Response.Headers.CacheControl = "no-store";
        Today = StateCalendar.Today(time);
        var lastTooOld = StateAvailability.LastTooOldPhotoDate(Today);
        Children = await db.MissingChildCases.AsNoTracking()
            .Where(c => c.ClosedAt == null)
            .OrderByDescending(c => c.ReportedOn).ThenBy(c => c.CaseNumber)
            .Select(c => new ListedChild(c.Id, c.CaseNumber,
                c.StateStudent == null ? "(child not yet identified)" : c.StateStudent.FirstName + " " + c.StateStudent.LastName,
                c.StateStudent == null ? null : c.StateStudent.BirthDate,
                c.StateStudent != null && c.StateStudent.District != null ? c.StateStudent.District.Name : "",
                c.ReportedOn,
                c.StateStudent != null && c.StateStudent.OptIn == OptInChoice.OptIn && c.StateStudent.Photo != null && c.StateStudent.Photo.PhotoDate > lastTooOld))
            .ToListAsync();
    }

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
