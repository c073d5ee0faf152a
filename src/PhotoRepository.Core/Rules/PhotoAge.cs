namespace PhotoRepository.Core.Rules;

/// <summary>"Any photograph two years old or older is deleted": photo date + 2 years &lt;= today is too old.</summary>
public static class PhotoAge
{
    /// <summary>The first day on which the photo is too old. A photo of 29 February expires on 28 February.</summary>
    public static DateOnly ExpiresOn(DateOnly photoDate) => photoDate.AddYears(2);

    public static bool IsTooOld(DateOnly photoDate, DateOnly today) => ExpiresOn(photoDate) <= today;

    public static bool ExpiresWithin(DateOnly photoDate, DateOnly today, int days) =>
        !IsTooOld(photoDate, today) && ExpiresOn(photoDate) <= today.AddDays(days);
}
