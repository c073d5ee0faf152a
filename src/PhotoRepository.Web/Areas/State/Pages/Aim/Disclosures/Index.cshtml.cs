using PhotoRepository.Web.Infrastructure;
using PhotoRepository.Web.Disclosure;

namespace PhotoRepository.Web.Areas.State.Pages.Aim.Disclosures;

public sealed record DisclosureCount(string District, int Year, int Month, int Count);

/// <summary>
/// State AIM staff see how many disclosures were made, by district and month: never which child, which case,
/// which agency or what was searched (administrators audit the whole record).
/// </summary>
public class IndexModel(PhotoRepositoryDbContext db) : PageModel
{
    public const string NoDistrict = "(searches and lists, no single child)";

    [BindProperty(SupportsGet = true)]
    public int? Year { get; set; }

    public List<DisclosureCount> Counts { get; private set; } = [];

    public async Task OnGetAsync()
    {
        Response.DoNotStore();
        Counts = await CountsAsync();
    }

    public async Task<IActionResult> OnGetCsvAsync()
    {
        var counts = await CountsAsync();
        var csv = CsvFile.Write(["District", "Year", "Month", "Disclosures"],
            counts.Select(c => new[] { c.District, CsvFile.Text(c.Year), CsvFile.Text(c.Month), CsvFile.Text(c.Count) }));
        Response.DoNotStore();
        return File(csv, CsvFile.ContentType, "disclosure-counts.csv");
    }

    private async Task<List<DisclosureCount>> CountsAsync()
    {
        var q = db.DisclosureRecords.AsNoTracking();
        if (Year is { } year and > 1900 and < 10000)
        {
            var from = new DateTime(year, 1, 1);
            var to = from.AddYears(1);
            q = q.Where(r => r.At >= from && r.At < to);
        }
        var grouped = await q.GroupBy(r => new { r.DistrictId, r.At.Year, r.At.Month })
            .Select(g => new { g.Key.DistrictId, g.Key.Year, g.Key.Month, Count = g.Count() })
            .ToListAsync();
        var names = await db.Districts.AsNoTracking().ToDictionaryAsync(d => d.Id, d => d.Name);
        return grouped
            .Select(g => new DisclosureCount(g.DistrictId is { } id && names.TryGetValue(id, out var name) ? name : NoDistrict, g.Year, g.Month, g.Count))
            .OrderByDescending(c => c.Year).ThenByDescending(c => c.Month).ThenBy(c => c.District)
            .ToList();
    }
}
