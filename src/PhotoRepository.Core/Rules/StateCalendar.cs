namespace PhotoRepository.Core.Rules;

/// <summary>
/// Dates as the rules count them: in America/Denver, whatever the server's zone.
/// School years run July 1 to June 30 and are written "2026-27".
/// </summary>
public static class StateCalendar
{
    public static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("America/Denver");

    public static DateOnly Today(TimeProvider time) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), Zone).DateTime);

    public static string SchoolYearOf(DateOnly day)
    {
        var start = day.Month >= 7 ? day.Year : day.Year - 1;
        return $"{start}-{(start + 1) % 100:00}";
    }

    public static string CurrentSchoolYear(TimeProvider time) => SchoolYearOf(Today(time));
}
