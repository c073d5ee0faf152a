using PhotoRepository.Web.Infrastructure;
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

    /// <summary>
    /// No dragnet: a search names the child somehow: a name part of two letters or more, a birth date or a
    /// state ID. An age range or a district only narrows such a search.
    /// </summary>
    public bool NamesAChild => BirthDate is not null || !string.IsNullOrWhiteSpace(StateStudentId)
                               || SearchText.Words(Name).Any(w => w.Count(char.IsLetter) >= 2);

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

public class SearchModel(PhotoRepositoryDbContext db, CaseContextStore cases, SearchRateLimit limit, DisclosureWriter disclosures, TimeProvider time, IMemoryCache cache) : CaseBoundPageModel(cases)
{
    public const int MaxResults = 25;

    [BindProperty]
    public SearchInput Input { get; set; } = new();

    public IReadOnlyList<SearchResult>? Results { get; private set; }
    public bool TooMany { get; private set; }
    public bool RateLimited { get; private set; }
    /// <summary>For a search that found nobody: other spellings to try (each a search of its own).</summary>
    public IReadOnlyList<string> Suggestions { get; private set; } = [];
    public List<SelectListItem> Districts { get; private set; } = [];

    public async Task OnGetAsync() => await LoadDistrictsAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        await LoadDistrictsAsync();
        if (!Input.NamesAChild)
            ModelState.AddModelError("", "Search by the child: a name (at least two letters of a first or last name), a birth date or a state student ID. An age range or a district only narrows such a search.");
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

        // The search itself (criteria, count: the rate limit counts these), then one record per child shown, so
        // each child's district sees that the child was disclosed. All in one commit: nothing is shown unrecorded.
        var at = time.GetUtcNow().UtcDateTime;
        var criteria = Input.Describe();
        var record = DisclosureLog.For(DisclosureKind.Search, user, Case, at);
        record.Criteria = criteria;
        record.ResultCount = Results.Count;
        var records = new List<DisclosureRecord> { record };
        foreach (var shown in found.Take(MaxResults))
        {
            var child = DisclosureLog.For(DisclosureKind.SearchResult, user, Case, at);
            child.StateStudentId = shown.Id;
            child.DistrictId = shown.DistrictId;
            child.StudentStateId = shown.StateStudentId;
            child.Criteria = criteria;
            child.ResultCount = Results.Count;
            records.Add(child);
        }
        await disclosures.WriteAsync(records, HttpContext.RequestAborted);
        if (Results.Count == 0) Suggestions = SearchSuggestions.For(Input);
        Response.DoNotStore();
        return Page();
    }

    public sealed record Row(int Id, int? DistrictId, Guid AccessKey, string StateStudentId, string Name, DateOnly BirthDate, string District, string School, DateOnly PhotoDate);

    /// <summary>Which index narrows a name search: SQLite's (FTS5 trigrams, and two-letter pairs) or SQL Server's n-gram table.</summary>
    public enum NameIndex { Trigram, NameGrams }

    /// <summary>Only students whose photo is available to law enforcement; the rest are never matched at all.</summary>
    public static IQueryable<Row> AvailableMatches(PhotoRepositoryDbContext db, SearchInput input, DateOnly today, NameIndex? index = null)
    {
        var lastTooOld = StateAvailability.LastTooOldPhotoDate(today);
        // The photo's date as a correlated subquery rather than a join, so the students can be read in result order
        // (SearchOrder index). Not as EXISTS either: SQLite turns that into a semi-join and first builds a bloom
        // filter over every state photo, about 30 ms on each search at 150,000 students.
        var q = db.StateStudents.AsNoTracking()
            .Where(s => s.OptIn == OptInChoice.OptIn
                        && db.StatePhotos.Where(p => p.StateStudentId == s.Id).Select(p => (DateOnly?)p.PhotoDate).FirstOrDefault() > lastTooOld);
        var words = SearchText.Words(input.Name);
        foreach (var word in words)
            q = q.Where(s => s.SearchName.Contains(word));
        // The Contains above decides what matches; the name index only narrows the candidates first, so the
        // rows read are the students sharing the name parts, not the whole state. SQLite: the FTS5 trigram
        // index (see its Initial migration); SQL Server: the n-gram table (NameGrams). A birth date or a state
        // ID already narrows to a handful of rows: listing every student sharing a name part would cost more.
        var narrowed = input.BirthDate is not null || !string.IsNullOrWhiteSpace(input.StateStudentId);
        var nameIndex = index ?? (db.Database.IsSqlite() ? NameIndex.Trigram : NameIndex.NameGrams);
        if (!narrowed && nameIndex == NameIndex.Trigram && NameIndexMatch(words) is { } match)
        {
            var candidates = db.Database.SqlQuery<int>($"SELECT rowid AS Value FROM StateStudentNames WHERE StateStudentNames MATCH {match}");
            q = q.Where(s => candidates.Contains(s.Id));
        }
        else if (!narrowed && nameIndex == NameIndex.NameGrams && NameGrams.Candidates(db, words) is { } candidates)
            q = q.Where(s => candidates.Contains(s.Id));
        // Name parts all too short for trigrams (SQLite): read a two-letter part's pairs, already in result order, so the
        // search stops at its 26th match however rare the part is (decision 0012). A district narrows better by itself.
        var pair = !narrowed && nameIndex == NameIndex.Trigram && input.DistrictId is null && NameIndexMatch(words) is null
            ? words.FirstOrDefault(w => w.EnumerateRunes().Count() == 2)
            : null;
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
        IQueryable<StateStudent> ordered = pair is null
            ? q.OrderBy(s => s.LastName).ThenBy(s => s.FirstName).ThenBy(s => s.BirthDate)
            : from p in db.StateStudentNamePairs
              where p.Pair == pair
              join s in q on p.StateStudentId equals s.Id
              orderby p.LastName, p.FirstName, p.BirthDate
              select s;
        return ordered
            .Select(s => new Row(s.Id, s.DistrictId, s.Photo!.AccessKey, s.StateStudentId,
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
