using PhotoRepository.Core.Entities;

namespace PhotoRepository.Core.Demographics;

/// <summary>One accepted line of a demographics file, cleaned (trimmed, grade normalized).</summary>
public sealed record DemographicsRow(
    int Line,
    string StateStudentId,
    string LocalStudentNumber,
    string LastName,
    string FirstName,
    string MiddleName,
    DateOnly BirthDate,
    string Gender,
    string Grade,
    string SchoolCode,
    OptInChoice OptIn);

/// <summary>A line that cannot be imported: where and why, in words a clerk can act on.</summary>
public sealed record RowRejection(int Line, string Column, string Reason);
