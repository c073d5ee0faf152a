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

    public static string Label(this PhotoStatus status) => status switch
    {
        PhotoStatus.Current => "Current",
        PhotoStatus.ExpiringSoon => "Expiring within 60 days",
        PhotoStatus.TooOld => "Two years old or more: will not go to the state",
        _ => "No photo",
    };
}
