using PhotoRepository.Core.Entities;
using PhotoRepository.Core.Rules;

namespace PhotoRepository.Core.Demographics;

public enum RowOutcome
{
    New = 1,
    Updated = 2,
    Unchanged = 3,
}

/// <summary>What one accepted row will do to the district's students.</summary>
public sealed record PlannedRow(DemographicsRow Row, RowOutcome Outcome, int SchoolId, Student? Existing)
{
    /// <summary>The value goes from an explicit choice to Unknown: the clerk must confirm.</summary>
    public bool LosesExplicitChoice => Existing is { OptIn: not OptInChoice.Unknown } && Row.OptIn == OptInChoice.Unknown;

    public bool ChangesOptIn => (Existing?.OptIn ?? OptInChoice.Unknown) != Row.OptIn;
}

/// <summary>
/// The preview of a demographics upload: compares every accepted line with the district's students
/// (looked up once, by state student ID) and changes nothing until <see cref="Apply"/> is called.
/// </summary>
public sealed class DemographicsPlan
{
    public IReadOnlyList<PlannedRow> Rows { get; }
    public IReadOnlyList<RowRejection> Rejections { get; }

    public int NewCount => Rows.Count(r => r.Outcome == RowOutcome.New);
    public int UpdatedCount => Rows.Count(r => r.Outcome == RowOutcome.Updated);
    public int UnchangedCount => Rows.Count(r => r.Outcome == RowOutcome.Unchanged);
    public int RejectedLineCount => Rejections.Select(r => r.Line).Distinct().Count();
    public IEnumerable<PlannedRow> ToUnknown => Rows.Where(r => r.LosesExplicitChoice);

    private DemographicsPlan(List<PlannedRow> rows, List<RowRejection> rejections)
    {
        Rows = rows;
        Rejections = rejections;
    }

    /// <param name="existing">The district's students by state student ID.</param>
    /// <param name="schoolIds">The district's schools by school code.</param>
    /// <param name="known">Who the state already knows under the file's new state IDs (<see cref="StateIdClaim"/>).</param>
    public static DemographicsPlan Build(DemographicsFile.Result file, IReadOnlyDictionary<string, Student> existing,
        IReadOnlyDictionary<string, int> schoolIds, ILookup<string, KnownChild> known, DateOnly today)
    {
        var rejections = file.Rejections.ToList();
        var planned = new List<PlannedRow>();

        // A state ID on several lines: which line is right is the clerk's call, so every such line is rejected.
        var duplicates = file.Rows.GroupBy(r => r.StateStudentId, StringComparer.OrdinalIgnoreCase)
            .Where(g => g.Count() > 1)
            .ToDictionary(g => g.Key, g => g.Select(r => r.Line).ToList(), StringComparer.OrdinalIgnoreCase);

        foreach (var row in file.Rows)
        {
            var before = rejections.Count;
            if (duplicates.TryGetValue(row.StateStudentId, out var lines))
                rejections.Add(new(row.Line, DemographicsTemplate.StateStudentId,
                    $"Duplicate state ID {row.StateStudentId} in the file (lines {string.Join(", ", lines)})."));
            if (!schoolIds.TryGetValue(row.SchoolCode, out var schoolId))
                rejections.Add(new(row.Line, DemographicsTemplate.SchoolCode, $"Unknown school code \"{row.SchoolCode}\" for this district."));
            if (row.BirthDate > today)
                rejections.Add(new(row.Line, DemographicsTemplate.BirthDate, $"Birth date {row.BirthDate:yyyy-MM-dd} is in the future."));
            existing.TryGetValue(row.StateStudentId, out var student);
            if (student is null && StateIdClaim.Refusal(row.StateStudentId, known[row.StateStudentId], row.LastName, row.BirthDate) is { } refusal)
                rejections.Add(new(row.Line, DemographicsTemplate.StateStudentId, refusal));
            if (rejections.Count > before) continue;

            var outcome = student is null ? RowOutcome.New : Differs(student, row, schoolId) ? RowOutcome.Updated : RowOutcome.Unchanged;
            planned.Add(new PlannedRow(row, outcome, schoolId, student));
        }
        rejections.Sort((a, b) => a.Line.CompareTo(b.Line));
        return new DemographicsPlan(planned, rejections);
    }

    private static bool Differs(Student s, DemographicsRow r, int schoolId) =>
        s.LocalStudentNumber != r.LocalStudentNumber || s.LastName != r.LastName || s.FirstName != r.FirstName
        || s.MiddleName != r.MiddleName || s.BirthDate != r.BirthDate || s.Gender != r.Gender || s.Grade != r.Grade
        || s.SchoolId != schoolId || s.OptIn != r.OptIn;

    /// <summary>
    /// Applies the accepted rows: updates existing students in place and returns the new ones to add.
    /// Every opt-in change gets a history row with source "demographics upload" and the file name.
    /// </summary>
    public IReadOnlyList<Student> Apply(int districtId, string fileName, string changedBy, DateTime nowUtc, DateOnly today)
    {
        var added = new List<Student>();
        var schoolYear = StateCalendar.SchoolYearOf(today);
        foreach (var p in Rows.Where(r => r.Outcome != RowOutcome.Unchanged))
        {
            var r = p.Row;
            var student = p.Existing ?? new Student
            {
                DistrictId = districtId, StateStudentId = r.StateStudentId, LastName = r.LastName, FirstName = r.FirstName,
            };
            var oldValue = p.Existing?.OptIn ?? OptInChoice.Unknown;
            student.LocalStudentNumber = r.LocalStudentNumber;
            student.LastName = r.LastName;
            student.FirstName = r.FirstName;
            student.MiddleName = r.MiddleName;
            student.BirthDate = r.BirthDate;
            student.Gender = r.Gender;
            student.Grade = r.Grade;
            student.SchoolId = p.SchoolId;
            if (oldValue != r.OptIn)
            {
                student.OptIn = r.OptIn;
                student.OptInGivenOn = today;
                student.OptInSchoolYear = schoolYear;
                student.OptInRecordedAt = nowUtc;
                student.OptInHistory.Add(new OptInChange
                {
                    DistrictId = districtId, OldValue = oldValue, NewValue = r.OptIn, Source = ConsentSource.DemographicsUpload,
                    GivenOn = today, SchoolYear = schoolYear, FileName = fileName, ChangedBy = changedBy, ChangedAt = nowUtc,
                    Note = $"Line {r.Line}",
                });
            }
            if (p.Existing is null) added.Add(student);
        }
        return added;
    }
}
