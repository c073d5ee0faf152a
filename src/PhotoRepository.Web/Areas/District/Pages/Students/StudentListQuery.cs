using Microsoft.EntityFrameworkCore;
using PhotoRepository.Core.Entities;
using PhotoRepository.Core.Rules;

namespace PhotoRepository.Web.Areas.District.Pages.Students;

/// <summary>
/// The student list's filters, sort and paging as one query, shared by the page, the CSV export and
/// the benchmark. Projects to a row: never loads photo bytes or history.
/// </summary>
public class StudentListQuery
{
    public const int PageSize = 50;

    public string? Q { get; set; }
    public int? School { get; set; }
    public string? Grade { get; set; }
    public OptInChoice? OptIn { get; set; }
    /// <summary>A school year ("2026-27"), or "not-renewed" for consent not given for the current year.</summary>
    public string? Consent { get; set; }
    public PhotoStatus? Photo { get; set; }
    /// <summary>Opted in but no current photo (none, or two years old).</summary>
    public bool OptedInNoPhoto { get; set; }
    public string? Sort { get; set; }
    public int PageNumber { get; set; } = 1;

    public const string NotRenewed = "not-renewed";

    public record Row(int Id, string LastName, string FirstName, string MiddleName, string StateStudentId, string LocalStudentNumber,
        DateOnly BirthDate, string Gender, string Grade, string? SchoolCode, string? School, OptInChoice OptIn, DateOnly? OptInGivenOn,
        string? OptInSchoolYear, DateOnly? PhotoDate);

    public IQueryable<Student> Filter(IQueryable<Student> students, DateOnly today)
    {
        var query = students.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(Q))
        {
            var term = Q.Trim();
            // Every word must appear in the name (folded as it was stored), or the term is a student's ID or number.
            var byName = query;
            foreach (var word in SearchText.Words(term))
                byName = byName.Where(s => s.SearchName.Contains(word));
            query = query.Where(s => s.StateStudentId == term || s.LocalStudentNumber == term || byName.Any(n => n.Id == s.Id));
        }
        if (School is { } school) query = query.Where(s => s.SchoolId == school);
        if (!string.IsNullOrWhiteSpace(Grade)) query = query.Where(s => s.Grade == Grade);
        if (OptIn is { } optIn) query = query.Where(s => s.OptIn == optIn);
        if (Consent == NotRenewed)
        {
            var current = StateCalendar.SchoolYearOf(today);
            query = query.Where(s => s.OptInSchoolYear == null || s.OptInSchoolYear != current);
        }
        else if (!string.IsNullOrWhiteSpace(Consent)) query = query.Where(s => s.OptInSchoolYear == Consent);

        var tooOld = PhotoStatusRule.TooOldOnOrBefore(today);
        var expiringBy = PhotoStatusRule.TooOldOnOrBefore(today.AddDays(PhotoStatusRule.WarningDays));
        query = Photo switch
        {
            PhotoStatus.None => query.Where(s => s.Photo == null),
            PhotoStatus.TooOld => query.Where(s => s.Photo != null && s.Photo.PhotoDate <= tooOld),
            PhotoStatus.ExpiringSoon => query.Where(s => s.Photo != null && s.Photo.PhotoDate > tooOld && s.Photo.PhotoDate <= expiringBy),
            PhotoStatus.Current => query.Where(s => s.Photo != null && s.Photo.PhotoDate > tooOld),
            _ => query,
        };
        if (OptedInNoPhoto)
            query = query.Where(s => s.OptIn == OptInChoice.OptIn && (s.Photo == null || s.Photo.PhotoDate <= tooOld));
        return query;
    }

    public IQueryable<Row> Sorted(IQueryable<Student> filtered)
    {
        IOrderedQueryable<Student> ordered = Sort switch
        {
            "name-desc" => filtered.OrderByDescending(s => s.SearchName),
            "id" => filtered.OrderBy(s => s.StateStudentId),
            "grade" => filtered.OrderBy(s => s.Grade).ThenBy(s => s.SearchName),
            "school" => filtered.OrderBy(s => s.School!.Name).ThenBy(s => s.SearchName),
            "optin" => filtered.OrderBy(s => s.OptIn).ThenBy(s => s.SearchName),
            "photo" => filtered.OrderBy(s => s.Photo!.PhotoDate).ThenBy(s => s.SearchName),
            _ => filtered.OrderBy(s => s.SearchName),
        };
        return ordered.ThenBy(s => s.Id).Select(s => new Row(s.Id, s.LastName, s.FirstName, s.MiddleName, s.StateStudentId, s.LocalStudentNumber,
            s.BirthDate, s.Gender, s.Grade, s.School!.Code, s.School!.Name, s.OptIn, s.OptInGivenOn, s.OptInSchoolYear,
            s.Photo == null ? null : s.Photo.PhotoDate));
    }

    public async Task<(List<Row> Rows, int Total)> PageAsync(IQueryable<Student> students, DateOnly today, CancellationToken ct = default)
    {
        var filtered = Filter(students, today);
        var total = await filtered.CountAsync(ct);
        var pages = Math.Max(1, (total + PageSize - 1) / PageSize);
        PageNumber = Math.Clamp(PageNumber, 1, pages);
        var rows = await Sorted(filtered).Skip((PageNumber - 1) * PageSize).Take(PageSize).ToListAsync(ct);
        return (rows, total);
    }
}
