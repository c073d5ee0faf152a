using PhotoRepository.Core.Entities;

namespace PhotoRepository.Core.Demographics;

/// <summary>The state demographics template: its exact columns (docs/demographics-template.md) and codes.</summary>
public static class DemographicsTemplate
{
    public const string StateStudentId = "StateStudentId";
    public const string LocalStudentNumber = "LocalStudentNumber";
    public const string LastName = "LastName";
    public const string FirstName = "FirstName";
    public const string MiddleName = "MiddleName";
    public const string BirthDate = "BirthDate";
    public const string Gender = "Gender";
    public const string Grade = "Grade";
    public const string SchoolCode = "SchoolCode";
    public const string OptIn = "MissingChildPhotoOptIn";

    public static readonly string[] Columns =
        [StateStudentId, LocalStudentNumber, LastName, FirstName, MiddleName, BirthDate, Gender, Grade, SchoolCode, OptIn];

    public static readonly string[] Grades = ["PK", "K", "01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "11", "12"];

    /// <summary>Files larger than this are refused before parsing (20,000 students is about 2 MB).</summary>
    public const long MaxBytes = 10 * 1024 * 1024;

    public static string Header => string.Join(",", Columns);

    /// <summary>Template codes: 1 Opt In, 2 Opt Out, 0 or blank Unknown; surrounding spaces ignored.</summary>
    public static bool TryParseOptIn(string? code, out OptInChoice choice)
    {
        switch ((code ?? "").Trim())
        {
            case "" or "0": choice = OptInChoice.Unknown; return true;
            case "1": choice = OptInChoice.OptIn; return true;
            case "2": choice = OptInChoice.OptOut; return true;
            default: choice = OptInChoice.Unknown; return false;
        }
    }

    public static string Code(OptInChoice choice) => ((int)choice).ToString();

    /// <summary>Grades are written two digits ("1" and "01" are the same grade), K and PK as letters.</summary>
    public static string? NormalizeGrade(string? grade)
    {
        var g = (grade ?? "").Trim().ToUpperInvariant();
        if (g.Length == 1 && char.IsAsciiDigit(g[0])) g = "0" + g;
        return Grades.Contains(g) ? g : null;
    }
}
