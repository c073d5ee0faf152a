using PhotoRepository.Web.Infrastructure;
using PhotoRepository.Web.Disclosure;

namespace PhotoRepository.Web.Areas.Admin.Pages.Disclosures;

public class DisclosureFilter
{
    public DateOnly? From { get; set; }
    public DateOnly? To { get; set; }
    public string? User { get; set; }
    public string? Case { get; set; }
    public string? Student { get; set; }
}

/// <summary>
/// The whole record of disclosures for administrators, who audit it: read-only, filter and export. Nothing here
/// edits or deletes a record. State AIM staff see only counts (State/Aim/Disclosures).
/// </summary>
public class IndexModel(PhotoRepositoryDbContext db) : PageModel
{
    public const int Shown = 500;

    [BindProperty(SupportsGet = true)]
    public DisclosureFilter Filter { get; set; } = new();

    public List<DisclosureRecord> Records { get; private set; } = [];
    public int Total { get; private set; }

    public async Task OnGetAsync()
    {
        Response.DoNotStore();
        var q = Filtered();
        Total = await q.CountAsync();
        Records = await q.Take(Shown).ToListAsync();
    }

    public async Task<IActionResult> OnGetCsvAsync()
    {
        var records = await Filtered().ToListAsync();
        var csv = CsvFile.Write(["When (UTC)", "User", "What", "State student ID", "District ID", "Case number", "Agency", "Legal basis", "Criteria", "Results"],
            records.Select(r => new[] { CsvFile.Text(r.At), r.UserName, DisclosureText.Kind(r.Kind), r.StudentStateId, CsvFile.Text(r.DistrictId),
                r.CaseNumber, r.Agency, r.CaseNumber == "" ? "" : r.LegalBasis.Label(), r.Criteria, CsvFile.Text(r.ResultCount) }));
        Response.DoNotStore();
        return File(csv, CsvFile.ContentType, "disclosures.csv");
    }

    public Dictionary<string, string> CsvRoute()
    {
        var route = new Dictionary<string, string>();
        if (Filter.From is { } f) route["Filter.From"] = f.ToString("yyyy-MM-dd");
        if (Filter.To is { } t) route["Filter.To"] = t.ToString("yyyy-MM-dd");
        if (!string.IsNullOrWhiteSpace(Filter.User)) route["Filter.User"] = Filter.User;
        if (!string.IsNullOrWhiteSpace(Filter.Case)) route["Filter.Case"] = Filter.Case;
        if (!string.IsNullOrWhiteSpace(Filter.Student)) route["Filter.Student"] = Filter.Student;
        return route;
    }

    private IQueryable<DisclosureRecord> Filtered()
    {
        var q = db.DisclosureRecords.AsNoTracking();
        if (Filter.From is { } from) { var f = from.ToDateTime(TimeOnly.MinValue); q = q.Where(r => r.At >= f); }
        if (Filter.To is { } to && to < DateOnly.MaxValue) { var t = to.AddDays(1).ToDateTime(TimeOnly.MinValue); q = q.Where(r => r.At < t); }
        if (!string.IsNullOrWhiteSpace(Filter.User)) { var u = Filter.User.Trim(); q = q.Where(r => r.UserName.Contains(u)); }
        if (!string.IsNullOrWhiteSpace(Filter.Case)) { var c = Filter.Case.Trim(); q = q.Where(r => r.CaseNumber == c); }
        if (!string.IsNullOrWhiteSpace(Filter.Student)) { var s = Filter.Student.Trim(); q = q.Where(r => r.StudentStateId == s); }
        return q.OrderByDescending(r => r.At).ThenByDescending(r => r.Id);
    }
}
