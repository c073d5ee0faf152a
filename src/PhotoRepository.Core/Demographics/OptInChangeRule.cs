using PhotoRepository.Core.Entities;
using PhotoRepository.Core.Rules;

namespace PhotoRepository.Core.Demographics;

/// <summary>A clerk recording the parent's or guardian's choice by hand.</summary>
public static class OptInChangeRule
{
    /// <summary>Sources a clerk may pick; "demographics upload" is only ever set by the upload.</summary>
    public static readonly ConsentSource[] ClerkSources =
        [ConsentSource.EnrollmentForm, ConsentSource.AnnualNoticeForm, ConsentSource.WrittenRequest, ConsentSource.InPerson, ConsentSource.Other];

    /// <summary>Problems with the request, keyed by field, empty when it may be saved.</summary>
    public static Dictionary<string, string> Check(OptInChoice newValue, ConsentSource source, DateOnly givenOn, string? schoolYear, DateOnly today)
    {
        var errors = new Dictionary<string, string>();
        if (!Enum.IsDefined(newValue)) errors["NewValue"] = "Choose Opt In, Opt Out or Unknown.";
        if (!ClerkSources.Contains(source)) errors["Source"] = "Choose how the parent or guardian gave the choice.";
        if (givenOn > today) errors["GivenOn"] = "The date the parent or guardian gave the choice cannot be in the future.";
        if (givenOn < today.AddYears(-25)) errors["GivenOn"] = "That date is too far in the past.";
        if (!IsSchoolYear(schoolYear)) errors["SchoolYear"] = "Write the school year as 2026-27.";
        return errors;
    }

    public static bool IsSchoolYear(string? text)
    {
        if (text is null || text.Length != 7 || text[4] != '-') return false;
        return int.TryParse(text[..4], out var start) && int.TryParse(text[5..], out var end) && start is > 1990 and < 2200 && (start + 1) % 100 == end;
    }

    /// <summary>Records the change on the student and returns the history row (the caller saves both).</summary>
    public static OptInChange Record(Student student, OptInChoice newValue, ConsentSource source, DateOnly givenOn,
        string schoolYear, string? note, string changedBy, DateTime nowUtc)
    {
        var change = new OptInChange
        {
            StudentId = student.Id, DistrictId = student.DistrictId, OldValue = student.OptIn, NewValue = newValue, Source = source,
            GivenOn = givenOn, SchoolYear = schoolYear, Note = (note ?? "").Trim(), ChangedBy = changedBy, ChangedAt = nowUtc,
        };
        student.OptIn = newValue;
        student.OptInGivenOn = givenOn;
        student.OptInSchoolYear = schoolYear;
        student.OptInRecordedAt = nowUtc;
        return change;
    }

    /// <summary>The annual notice: consent not given or renewed for the current school year.</summary>
    public static bool NeedsRenewal(string? optInSchoolYear, DateOnly today) => optInSchoolYear != StateCalendar.SchoolYearOf(today);
}
