using PhotoRepository.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using PhotoRepository.Core.Data;
using PhotoRepository.Core.Entities;
using PhotoRepository.Core.Rules;
using PhotoRepository.Core.Security;
using PhotoRepository.Web.Disclosure;
using PhotoRepository.Web.Setup;

namespace PhotoRepository.Web.Pages.MissingChildren;

public sealed record ListedChild(int CaseId, string CaseNumber, string Name, DateOnly? BirthDate, string District, DateOnly ReportedOn, bool ShowPhoto);

/// <summary>
/// The monthly list of missing school children: every open case, each naming its child. Photos appear only
/// to those who may receive them (MissingChildrenPhotos); each one DOJ receives is recorded by the photo
/// endpoint. Printing is recorded once (one record naming the cases) by the Print handler, rate-limited.
/// </summary>
[EnableRateLimiting(RateLimits.MonthlyListPrint)]
public class IndexModel(PhotoRepositoryDbContext db, TimeProvider time, CaseContextStore cases, DisclosureWriter disclosures) : PageModel
{
    public List<ListedChild> Children { get; private set; } = [];
    public DateOnly Today { get; private set; }
    public bool PrintNow { get; private set; }
    /// <summary>DOJ staff without a case context see the list without photos and a way to enter one.</summary>
    public bool NeedsCaseForPhotos { get; private set; }

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
        await disclosures.WriteAsync(record);
        PrintNow = true;
        return Page();
    }

    private async Task LoadAsync()
    {
        Response.DoNotStore();
        Today = StateCalendar.Today(time);
        var lastTooOld = StateAvailability.LastTooOldPhotoDate(Today);
        var hasCase = User.IsInRole(Roles.DojStaff) && cases.Read(HttpContext) is not null;
        NeedsCaseForPhotos = User.IsInRole(Roles.DojStaff) && !hasCase;
        var rows = await db.MissingChildCases.AsNoTracking()
            .Where(c => c.ClosedAt == null)
            .OrderByDescending(c => c.ReportedOn).ThenBy(c => c.CaseNumber)
            .Select(c => new
            {
                c.Id, c.CaseNumber, c.ChildFirstName, c.ChildLastName, c.ChildBirthDate, c.ReportedOn,
                District = c.ChildDistrict != null ? c.ChildDistrict.Name : "",
                HasPhoto = c.StateStudent != null && c.StateStudent.OptIn == OptInChoice.OptIn && c.StateStudent.Photo != null
                           && c.StateStudent.Photo.PhotoDate > lastTooOld,
            })
            .ToListAsync();
        Children = rows.Select(c => new ListedChild(c.Id, c.CaseNumber, $"{c.ChildFirstName} {c.ChildLastName}".Trim(), c.ChildBirthDate, c.District, c.ReportedOn,
                c.HasPhoto && MissingChildrenPhotos.MaySee(User, hasCase)))
            .ToList();
    }

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
