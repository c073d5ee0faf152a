using System.ComponentModel.DataAnnotations;
using PhotoRepository.Core.Demographics;
using PhotoRepository.Core.Security;

namespace PhotoRepository.Web.Areas.District.Pages.Students;

/// <summary>
/// A student's demographics as a clerk types them (Create and Edit). Model binding validates it whole: the
/// attributes, then <see cref="Validate"/> (run only when the attributes pass). Checks that need more than the
/// input (a state ID another record holds, a claim on a known child) belong to the page, after validation.
/// </summary>
public class DemographicsInput : IValidatableObject
{
    [Required(ErrorMessage = "Enter the state student ID."), StringLength(20, ErrorMessage = "At most 20 characters.")]
    [RegularExpression("^[A-Za-z0-9]+$", ErrorMessage = "Letters and digits only.")]
    public string? StateStudentId { get; set; }

    [StringLength(20, ErrorMessage = "At most 20 characters.")]
    public string? LocalStudentNumber { get; set; }

    [Required(ErrorMessage = "Enter the last name."), StringLength(100, ErrorMessage = "At most 100 characters.")]
    public string? LastName { get; set; }

    [Required(ErrorMessage = "Enter the first name."), StringLength(100, ErrorMessage = "At most 100 characters.")]
    public string? FirstName { get; set; }

    [StringLength(100, ErrorMessage = "At most 100 characters.")]
    public string? MiddleName { get; set; }

    [Required(ErrorMessage = "Enter the birth date.")]
    public DateOnly? BirthDate { get; set; }

    [StringLength(20, ErrorMessage = "At most 20 characters.")]
    public string? Gender { get; set; }

    [Required(ErrorMessage = "Choose the grade.")]
    public string? Grade { get; set; }

    [Required(ErrorMessage = "Choose the school.")]
    public int? SchoolId { get; set; }

    public Guid Version { get; set; }

    public static DemographicsInput From(Student s) => new()
    {
        StateStudentId = s.StateStudentId, LocalStudentNumber = s.LocalStudentNumber, LastName = s.LastName, FirstName = s.FirstName,
        MiddleName = s.MiddleName, BirthDate = s.BirthDate, Gender = s.Gender, Grade = s.Grade, SchoolId = s.SchoolId, Version = s.Version,
    };

    /// <summary>Checks beyond the attributes: a plausible birth date (today in Denver), a known grade, one of the clerk's district's schools.</summary>
    public IEnumerable<ValidationResult> Validate(ValidationContext context)
    {
        var today = StateCalendar.Today(context.GetRequiredService<TimeProvider>());
        if (BirthDate > today) yield return new("The birth date cannot be in the future.", [nameof(BirthDate)]);
        if (BirthDate < today.AddYears(-30)) yield return new("That birth date is more than 30 years ago.", [nameof(BirthDate)]);
        if (DemographicsTemplate.NormalizeGrade(Grade) is null) yield return new("Choose a grade from the list.", [nameof(Grade)]);
        var district = context.GetRequiredService<IRequestContext>().DistrictScope;
        if (SchoolId is { } id && !context.GetRequiredService<PhotoRepositoryDbContext>().Schools.Any(s => s.Id == id && s.DistrictId == district))
            yield return new("Choose one of your district's schools.", [nameof(SchoolId)]);
    }

    public void CopyTo(Student s)
    {
        s.StateStudentId = StateStudentId!.Trim();
        s.LocalStudentNumber = (LocalStudentNumber ?? "").Trim();
        s.LastName = LastName!.Trim();
        s.FirstName = FirstName!.Trim();
        s.MiddleName = (MiddleName ?? "").Trim();
        s.BirthDate = BirthDate!.Value;
        s.Gender = (Gender ?? "").Trim();
        s.Grade = DemographicsTemplate.NormalizeGrade(Grade)!;
        s.SchoolId = SchoolId;
    }
}
