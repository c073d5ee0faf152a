using PhotoRepository.Web.Disclosure;

namespace PhotoRepository.Web.Areas.State.Pages.Aim.Coverage;

public sealed record CoverageRow(string Code, string District, int Students, int OptedIn, int OptedOut, int Unknown,
    int OptedInWithoutPhoto, int WithStatePhoto, int Available, int ExpiringWithin60Days)
{
    public double UptakePercent => Students == 0 ? 0 : 100.0 * OptedIn / Students;
}

/// <summary>Where the state should help: opt-in uptake and photo coverage per district, with state totals.</summary>
public class IndexModel(PhotoRepositoryDbContext db, TimeProvider time) : PageModel
{
    public List<CoverageRow> Rows { get; private set; } = [];
    public CoverageRow Totals { get; private set; } = new("", "State total", 0, 0, 0, 0, 0, 0, 0, 0);
    public DateOnly Today { get; private set; }

    /// <summary>The column the table is sorted by (a key of <see cref="Columns"/>), and whether largest first.</summary>
    [BindProperty(SupportsGet = true)] public string? Sort { get; set; }
    [BindProperty(SupportsGet = true)] public bool Desc { get; set; }

    /// <summary>The table's columns: key, header, and the value sorted on.</summary>
    public static readonly (string Key, string Header, Func<CoverageRow, IComparable> Value)[] Columns =
    [
        ("district", "District", r => r.District),
        ("students", "Students", r => r.Students),
        ("optin", "Opt In", r => r.OptedIn),
        ("optout", "Opt Out", r => r.OptedOut),
        ("unknown", "Unknown", r => r.Unknown),
        ("nophoto", "Opt In, no photo", r => r.OptedInWithoutPhoto),
        ("statephoto", "With state photo", r => r.WithStatePhoto),
        ("available", "Available to DOJ", r => r.Available),
        ("expiring", "Expiring in 60 days", r => r.ExpiringWithin60Days),
        ("uptake", "Opt In %", r => r.UptakePercent),
    ];

    public async Task OnGetAsync()
    {
        await LoadAsync();
        if (Columns.FirstOrDefault(c => c.Key == Sort) is { Key: not null } column)
            Rows = (Desc ? Rows.OrderByDescending(column.Value) : Rows.OrderBy(column.Value)).ToList();
        else Sort = null;
    }

    public async Task<IActionResult> OnGetCsvAsync()
    {
        await LoadAsync();
        var csv = CsvFile.Write(["District code", "District", "Students", "Opt In", "Opt Out", "Unknown or blank",
                "Opt In without state photo", "With state photo", "Available to DOJ", "Expiring within 60 days", "Opt In %"],
            Rows.Append(Totals).Select(r => new[] { r.Code, r.District }.Concat(new object[] { r.Students, r.OptedIn, r.OptedOut, r.Unknown,
                r.OptedInWithoutPhoto, r.WithStatePhoto, r.Available, r.ExpiringWithin60Days }.Select(CsvFile.Text))
                .Append(r.UptakePercent.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture))));
        return File(csv, CsvFile.ContentType, $"coverage-{Today:yyyy-MM-dd}.csv");
    }

    private async Task LoadAsync()
    {
        Today = StateCalendar.Today(time);
        var lastTooOld = StateAvailability.LastTooOldPhotoDate(Today);
        var lastTooOldIn60 = StateAvailability.LastTooOldPhotoDate(Today.AddDays(60));
        var counts = await db.StateStudents.AsNoTracking()
            .Select(s => new { s.DistrictId, s.OptIn, HasPhoto = s.Photo != null, PhotoDate = s.Photo != null ? s.Photo.PhotoDate : DateOnly.MinValue })
            .GroupBy(s => s.DistrictId)
            .Select(g => new
            {
                DistrictId = g.Key,
                Students = g.Count(),
                OptedIn = g.Sum(s => s.OptIn == OptInChoice.OptIn ? 1 : 0),
                OptedOut = g.Sum(s => s.OptIn == OptInChoice.OptOut ? 1 : 0),
                OptedInWithoutPhoto = g.Sum(s => s.OptIn == OptInChoice.OptIn && (!s.HasPhoto || s.PhotoDate <= lastTooOld) ? 1 : 0),
                WithStatePhoto = g.Sum(s => s.HasPhoto ? 1 : 0),
                Available = g.Sum(s => s.OptIn == OptInChoice.OptIn && s.HasPhoto && s.PhotoDate > lastTooOld ? 1 : 0),
                Expiring = g.Sum(s => s.OptIn == OptInChoice.OptIn && s.HasPhoto && s.PhotoDate > lastTooOld && s.PhotoDate <= lastTooOldIn60 ? 1 : 0),
            })
            .ToListAsync();
        var districts = await db.Districts.AsNoTracking().OrderBy(d => d.Name).ToListAsync();
        Rows = districts.Select(d =>
        {
            var c = counts.FirstOrDefault(x => x.DistrictId == d.Id);
            return c is null
                ? new CoverageRow(d.Code, d.Name, 0, 0, 0, 0, 0, 0, 0, 0)
                : new CoverageRow(d.Code, d.Name, c.Students, c.OptedIn, c.OptedOut, c.Students - c.OptedIn - c.OptedOut, c.OptedInWithoutPhoto, c.WithStatePhoto, c.Available, c.Expiring);
        }).ToList();
        // Students the state knows without a district are counted in the state total only.
        var all = counts;
        Totals = new CoverageRow("", "State total", all.Sum(c => c.Students), all.Sum(c => c.OptedIn), all.Sum(c => c.OptedOut),
            all.Sum(c => c.Students - c.OptedIn - c.OptedOut), all.Sum(c => c.OptedInWithoutPhoto), all.Sum(c => c.WithStatePhoto),
            all.Sum(c => c.Available), all.Sum(c => c.Expiring));
    }
}
