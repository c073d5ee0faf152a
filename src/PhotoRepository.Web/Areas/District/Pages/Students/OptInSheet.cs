namespace PhotoRepository.Web.Areas.District.Pages.Students;

/// <summary>One printed opt-in form: what the sheet says about the student, in English or Spanish.</summary>
public sealed record OptInSheet(string StudentName, string StudentNumber, string StateStudentId, string? School, string Grade,
    Core.Entities.District District, string SchoolYear, bool Spanish)
{
    public static bool IsSpanish(string? lang) => string.Equals(lang, "es", StringComparison.OrdinalIgnoreCase);
}
