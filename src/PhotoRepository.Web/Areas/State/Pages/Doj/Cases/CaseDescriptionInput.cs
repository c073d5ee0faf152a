using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using PhotoRepository.Core.Entities;
using PhotoRepository.Core.Rules;

namespace PhotoRepository.Web.Areas.State.Pages.Doj.Cases;

/// <summary>
/// What the flyer says besides the photo, on the new-case and edit forms; every field optional. Height is typed as
/// feet and inches and kept as inches; the last-seen time is typed in Montana time and kept in UTC.
/// </summary>
public class CaseDescriptionInput
{
    [StringLength(30, ErrorMessage = "The agency's phone is at most 30 characters.")]
    [RegularExpression(@"^\+?[0-9 ().-]{7,20}( ?(ext\.?|x) ?[0-9]{1,6})?$", ErrorMessage = "Enter the agency's phone as digits, for example 406-555-0100 (an extension as x123).")]
    [Display(Name = "Agency phone")]
    public string? AgencyPhone { get; set; }

    [Range(0, 8, ErrorMessage = "The height in feet must be between 0 and 8.")]
    public int? HeightFeet { get; set; }

    [Range(0, 11, ErrorMessage = "The inches of the height must be between 0 and 11.")]
    public int? HeightInches { get; set; }

    [Range(5, 500, ErrorMessage = "The weight must be between 5 and 500 pounds.")]
    public int? WeightPounds { get; set; }

    [StringLength(60, ErrorMessage = "The hair is at most 60 characters.")]
    public string? Hair { get; set; }

    [StringLength(60, ErrorMessage = "The eyes are at most 60 characters.")]
    public string? Eyes { get; set; }

    [StringLength(200, ErrorMessage = "Where the child was last seen is at most 200 characters.")]
    public string? LastSeenPlace { get; set; }

    /// <summary>Wall-clock time in Montana (a datetime-local field).</summary>
    public DateTime? LastSeenAt { get; set; }

    public static CaseDescriptionInput From(MissingChildCase c) => new()
    {
        AgencyPhone = c.AgencyPhone,
        HeightFeet = c.ChildHeightInches / 12,
        HeightInches = c.ChildHeightInches % 12,
        WeightPounds = c.ChildWeightPounds,
        Hair = c.ChildHair,
        Eyes = c.ChildEyes,
        LastSeenPlace = c.LastSeenPlace,
        LastSeenAt = c.LastSeenAt is { } at ? TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(at, DateTimeKind.Utc), StateCalendar.Zone) : null,
    };

    /// <summary>The rules across fields: a height needs its feet, and the child cannot have been last seen in the future.</summary>
    public void Check(ModelStateDictionary state, string prefix, TimeProvider time)
    {
        if (HeightInches is not null && HeightFeet is null)
            state.AddModelError($"{prefix}.HeightFeet", "Enter the feet of the height too (0 if under a foot).");
        if (LastSeenAt is not { } seen) return;
        if (StateCalendar.Zone.IsInvalidTime(DateTime.SpecifyKind(seen, DateTimeKind.Unspecified)))
            state.AddModelError($"{prefix}.LastSeenAt", "That time did not exist in Montana (the clocks moved forward an hour): enter the time as it was shown.");
        else if (ToUtc(seen) > time.GetUtcNow().UtcDateTime)
            state.AddModelError($"{prefix}.LastSeenAt", "The time last seen cannot be in the future.");
    }

    public void ApplyTo(MissingChildCase c)
    {
        c.AgencyPhone = AgencyPhone?.Trim() ?? "";
        c.ChildHeightInches = HeightFeet is { } feet ? feet * 12 + (HeightInches ?? 0) : null;
        c.ChildWeightPounds = WeightPounds;
        c.ChildHair = Hair?.Trim() ?? "";
        c.ChildEyes = Eyes?.Trim() ?? "";
        c.LastSeenPlace = LastSeenPlace?.Trim() ?? "";
        c.LastSeenAt = LastSeenAt is { } seen ? ToUtc(seen) : null;
    }

    private static DateTime ToUtc(DateTime montana) =>
        TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(montana, DateTimeKind.Unspecified), StateCalendar.Zone);
}

/// <summary>How the flyer and the case pages say a case's description.</summary>
public static class CaseDescriptionText
{
    public static string? Height(MissingChildCase c) => c.ChildHeightInches is { } h ? $"{h / 12} ft {h % 12} in" : null;

    public static string? Weight(MissingChildCase c) => c.ChildWeightPounds is { } w ? $"{w} lb" : null;

    public static string? LastSeen(MissingChildCase c)
    {
        var when = c.LastSeenAt is { } at ? Labels.When(at) : null;
        var where = string.IsNullOrWhiteSpace(c.LastSeenPlace) ? null : c.LastSeenPlace;
        return when is null && where is null ? null : string.Join(", ", new[] { where, when }.Where(p => p is not null));
    }
}
