namespace PhotoRepository.Core.Rules;

using PhotoRepository.Core.Entities;

/// <summary>The photo date: as the clerk enters it, else the picture's capture date, else the upload day.</summary>
public static class PhotoDateRule
{
    public sealed record Decision(DateOnly Date, PhotoDateSource Source, string? Error, bool TooOldForState);

    public static Decision Decide(DateOnly? entered, DateOnly? captured, DateOnly today)
    {
        if (entered is { } e)
            return e > today
                ? new Decision(e, PhotoDateSource.Entered, $"The photo date {e:yyyy-MM-dd} is in the future.", false)
                : new Decision(e, PhotoDateSource.Entered, null, PhotoAge.IsTooOld(e, today));
        // A camera clock set wrong can give a future date: the picture is not from the future, so fall back.
        if (captured is { } c && c <= today && c.Year >= 1990)
            return new Decision(c, PhotoDateSource.CaptureDate, null, PhotoAge.IsTooOld(c, today));
        return new Decision(today, PhotoDateSource.UploadDate, null, false);
    }
}
