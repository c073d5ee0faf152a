namespace PhotoRepository.Core.Rules;

/// <summary>"Any photograph two years old or older is deleted": photo date + 2 years &lt;= today is too old.</summary>
public static class PhotoAge
{
    /// <summary>The first day on which the photo is too old. A photo of 29 February expires on 28 February.</summary>
    public static DateOnly ExpiresOn(DateOnly photoDate) => photoDate.AddYears(2);

    public static bool IsTooOld(DateOnly photoDate, DateOnly today) => ExpiresOn(photoDate) <= today;

    /// <summary>
    /// The same rule in a form a database query can use: the latest photo date that is already too old on
    /// <paramref name="today"/> (photo date &lt;= this is too old). today.AddYears(-2) alone misses 29 February:
    /// on 28 February 2026 a photo of 29 February 2024 expires (AddYears clamps it to 28 February), so the
    /// cut-off moves one day later.
    /// </summary>
    public static DateOnly LastTooOldPhotoDate(DateOnly today)
    {
        var cutoff = today.AddYears(-2);
        var next = cutoff.AddDays(1);
        return IsTooOld(next, today) ? next : cutoff;
    }

    public static bool ExpiresWithin(DateOnly photoDate, DateOnly today, int days) =>
        !IsTooOld(photoDate, today) && ExpiresOn(photoDate) <= today.AddDays(days);
}
