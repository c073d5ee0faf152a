namespace PhotoRepository.Core.Rules;

/// <summary>How a district photo stands against the two-year rule, as the student list filters it.</summary>
public enum PhotoStatus
{
    None = 0,
    Current = 1,
    ExpiringSoon = 2,
    TooOld = 3,
}

public static class PhotoStatusRule
{
    /// <summary>The list warns this many days before a photo turns two years old.</summary>
    public const int WarningDays = 60;

    public static PhotoStatus Of(DateOnly? photoDate, DateOnly today) =>
        photoDate is null ? PhotoStatus.None
        : PhotoAge.IsTooOld(photoDate.Value, today) ? PhotoStatus.TooOld
        : PhotoAge.ExpiresWithin(photoDate.Value, today, WarningDays) ? PhotoStatus.ExpiringSoon
        : PhotoStatus.Current;

    /// <summary>
    /// The latest photo date that is too old on <paramref name="today"/>, so a database query can compare
    /// dates directly (photo date &lt;= this). Agrees with PhotoAge, including a 29 February photo.
    /// </summary>
    public static DateOnly TooOldOnOrBefore(DateOnly today)
    {
        var cutoff = today.AddYears(-2);
        // 29 Feb + 2 years is 28 Feb, so on 28 Feb a 29 Feb photo two years back is already too old.
        if (cutoff.Month == 2 && cutoff.Day == 28 && DateTime.IsLeapYear(cutoff.Year)) cutoff = cutoff.AddDays(1);
        return cutoff;
    }

    public static string Label(this PhotoStatus status) => status switch
    {
        PhotoStatus.Current => "Current",
        PhotoStatus.ExpiringSoon => "Expiring within 60 days",
        PhotoStatus.TooOld => "Two years old or more: will not go to the state",
        _ => "No photo",
    };
}
