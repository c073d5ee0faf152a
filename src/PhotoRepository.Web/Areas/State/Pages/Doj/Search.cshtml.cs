using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using PhotoRepository.Core.Data;
using PhotoRepository.Core.Entities;
using PhotoRepository.Core.Rules;
using PhotoRepository.Web.Disclosure;

namespace PhotoRepository.Web.Areas.State.Pages.Doj;

public class SearchInput
{
    [StringLength(100, ErrorMessage = "The name is at most 100 characters.")]
    public string? Name { get; set; }

    [DataType(DataType.Date)]
    public DateOnly? BirthDate { get; set; }

    [Range(0, 25, ErrorMessage = "The youngest age must be between 0 and 25.")]
    public int? AgeFrom { get; set; }

    [Range(0, 25, ErrorMessage = "The oldest age must be between 0 and 25.")]
    public int? AgeTo { get; set; }

    [StringLength(20, ErrorMessage = "A state student ID is at most 20 characters.")]
    public string? StateStudentId { get; set; }

    public int? DistrictId { get; set; }

    public bool IsEmpty => string.IsNullOrWhiteSpace(Name) && BirthDate is null && AgeFrom is null && AgeTo is null
                           && string.IsNullOrWhiteSpace(StateStudentId) && DistrictId is null;

    /// <summary>What was asked, as the record of disclosures keeps it.</summary>
    public string Describe()
    {
        var parts = new List<string>();
        if (!string.IsNullOrWhiteSpace(Name)) parts.Add($"name \"{Name.Trim()}\"");
        if (BirthDate is { } b) parts.Add($"born {b:yyyy-MM-dd}");
        if (AgeFrom is not null || AgeTo is not null) parts.Add($"age {AgeFrom?.ToString() ?? "any"}-{AgeTo?.ToString() ?? "any"}");
        if (!string.IsNullOrWhiteSpace(StateStudentId)) parts.Add($"state ID {StateStudentId.Trim()}");
        if (DistrictId is { } d) parts.Add($"district #{d}");
        return string.Join("; ", parts);
    }
}

public sealed record SearchResult(Guid AccessKey, string StateStudentId, string Name, DateOnly BirthDate, int Age, string District, string School, DateOnly PhotoDate);

public class SearchModel(PhotoRepositoryDbContext db, CaseContextStore cases, SearchRateLimit limit, TimeProvider time, IMemoryCache cache) : CaseBoundPageModel(cases)
{
    public const int MaxResults = 50;

    [BindProperty]
    public SearchInput Input { get; set; } = new();

    public IReadOnlyList<SearchResult>? Results { get; private set; }
    public bool TooMany { get; private set; }
    public bool RateLimited { get; private set; }
    public List<SelectListItem> Districts { get; private set; } = [];

    public async Task OnGetAsync() => await LoadDistrictsAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        await LoadDistrictsAsync();
        if (Input.IsEmpty) ModelState.AddModelError("", "Enter at least one thing to search by: a name, a birth date, an age range, a state student ID or a district.");
        if (Input.AgeFrom > Input.AgeTo) ModelState.AddModelError("", "The youngest age must not be above the oldest.");
        if (!ModelState.IsValid) return Page();

        var user = User.Identity!.Name!;
        if (!await limit.TryAcquireAsync(user, HttpContext.RequestAborted))
        {
            RateLimited = true;
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            return Page();
        }

        var today = StateCalendar.Today(time);
        var found = await AvailableMatches(db, Input, today).Take(MaxResults + 1).ToListAsync();
        TooMany = found.Count > MaxResults;
        Results = found.Take(MaxResults)
            .Select(s => new SearchResult(s.AccessKey, s.StateStudentId, s.Name, s.BirthDate, AgeOn(s.BirthDate, today), s.District, s.School, s.PhotoDate))
            .ToList();

        var record = DisclosureLog.For(DisclosureKind.Search, user, Case, time.GetUtcNow().UtcDateTime);
        record.Criteria = Input.Describe();
        record.ResultCount = Results.Count;
        // A search that finds exactly one child discloses that child: keep it with the student's record too.
        if (Results.Count == 1)
        {
            var only = await db.StateStudents.AsNoTracking().FirstAsync(s => s.StateStudentId == Results[0].StateStudentId);
            record.StateStudentId = only.Id;
            record.DistrictId = only.DistrictId;
            record.StudentStateId = only.StateStudentId;
        }
        await DisclosureLog.WriteAsync(db, record);
        Response.Headers.CacheControl = "no-store";
        return Page();
    }

    public sealed record Row(Guid AccessKey, string StateStudentId, string Name, DateOnly BirthDate, string District, string School, DateOnly PhotoDate);

    /// <summary>Only students whose photo is available to law enforcement; the rest are never matched at all.</summary>
    public static IQueryable<Row> AvailableMatches(PhotoRepositoryDbContext db, SearchInput input, DateOnly today)
    {
        var lastTooOld = StateAvailability.LastTooOldPhotoDate(today);
        var q = db.StateStudents.AsNoTracking()
            .Where(s => s.OptIn == OptInChoice.OptIn && s.Photo != null && s.Photo.PhotoDate > lastTooOld);
        var words = SearchText.Words(input.Name);
        foreach (var word in words)
            q = q.Where(s => s.SearchName.Contains(word));
        // The Contains above decides what matches; the trigram index only narrows the candidates first, so the
        // rows scanned are the students sharing the name parts, not the whole state (SQLite only: see the migration).
        if (NameIndexMatch(words) is { } match && db.Database.IsSqlite())
        {
            var candidates = db.Database.SqlQuery<int>($"SELECT rowid AS Value FROM StateStudentNames WHERE StateStudentNames MATCH {match}");
            q = q.Where(s => candidates.Contains(s.Id));
        }
        if (input.BirthDate is { } born) q = q.Where(s => s.BirthDate == born);
        if (input.AgeFrom is { } from)
        {
            var bornBy = today.AddYears(-from);
            q = q.Where(s => s.BirthDate <= bornBy);
        }
        if (input.AgeTo is { } to)
        {
            var bornAfter = today.AddYears(-(to + 1));
            q = q.Where(s => s.BirthDate > bornAfter);
        }
        if (!string.IsNullOrWhiteSpace(input.StateStudentId))
        {
            var id = input.StateStudentId.Trim();
            q = q.Where(s => s.StateStudentId == id);
        }
        if (input.DistrictId is { } district) q = q.Where(s => s.DistrictId == district);
        return q.OrderBy(s => s.LastName).ThenBy(s => s.FirstName).ThenBy(s => s.BirthDate)
            .Select(s => new Row(s.Photo!.AccessKey, s.StateStudentId,
                s.MiddleName == "" ? s.FirstName + " " + s.LastName : s.FirstName + " " + s.MiddleName + " " + s.LastName,
                s.BirthDate, s.District != null ? s.District.Name : "", s.SchoolName, s.Photo.PhotoDate));
    }

    /// <summary>
    /// The FTS5 query for the trigram index: every word of three characters or more as a quoted string, which
    /// the trigram tokenizer matches anywhere in the name. Shorter words cannot use trigrams and are left to
    /// Contains alone; null when no word is long enough.
    /// </summary>
    public static string? NameIndexMatch(IEnumerable<string> foldedWords)
    {
        var indexed = foldedWords.Where(w => w.EnumerateRunes().Count() >= 3).Select(w => "\"" + w.Replace("\"", "\"\"") + "\"").ToList();
        return indexed.Count == 0 ? null : string.Join(" AND ", indexed);
    }

    public static int AgeOn(DateOnly born, DateOnly today)
    {
        var age = today.Year - born.Year;
        return born.AddYears(age) > today ? age - 1 : age;
    }

    /// <summary>The 400 districts of the filter change a few times a year; a search should not re-read them each time.</summary>
    private async Task LoadDistrictsAsync()
    {
        var districts = await cache.GetOrCreateAsync("doj-search-districts", async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(5);
            return await db.Districts.AsNoTracking().OrderBy(d => d.Name)
                .Select(d => new { Text = d.Name + " (" + d.Code + ")", Value = d.Id.ToString() }).ToListAsync();
        }) ?? [];
        Districts = districts.Select(d => new SelectListItem(d.Text, d.Value)).ToList();
    }
}
