using PhotoRepository.Core.Rules;

namespace PhotoRepository.Core.Tests.Rules;

public class CalendarAndAgeTests
{
    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    [Fact]
    public void Today_is_counted_in_Denver_not_UTC()
    {
        // 03:00 UTC on 1 July is still 30 June in Montana.
        var time = new FixedTime(new DateTimeOffset(2026, 7, 1, 3, 0, 0, TimeSpan.Zero));
        Assert.Equal(new DateOnly(2026, 6, 30), StateCalendar.Today(time));
        Assert.Equal("2025-26", StateCalendar.CurrentSchoolYear(time));
    }

    [Theory]
    [InlineData("2026-07-01", "2026-27")]
    [InlineData("2027-06-30", "2026-27")]
    [InlineData("2099-09-01", "2099-00")]
    public void School_years_run_July_to_June(string day, string year) =>
        Assert.Equal(year, StateCalendar.SchoolYearOf(DateOnly.Parse(day)));

    [Theory]
    [InlineData("2024-09-15", "2026-09-14", false)]
    [InlineData("2024-09-15", "2026-09-15", true)]
    [InlineData("2024-02-29", "2026-02-27", false)]
    [InlineData("2024-02-29", "2026-02-28", true)]
    public void A_photo_is_too_old_on_its_second_anniversary(string photoDate, string today, bool tooOld) =>
        Assert.Equal(tooOld, PhotoAge.IsTooOld(DateOnly.Parse(photoDate), DateOnly.Parse(today)));

    [Theory]
    [InlineData("Seán", "sean")]
    [InlineData("  ZOË ", "zoe")]
    [InlineData("Łucja", "lucja")]
    [InlineData("O'Brien", "obrien")]
    [InlineData("Søren", "soren")]
    [InlineData("Jørgensen", "jorgensen")]
    [InlineData("Mary-Kate", "marykate")]
    [InlineData("St. John", "st john")]
    [InlineData("Ærøskøbing", "aeroskobing")]
    [InlineData("Œuvre", "oeuvre")]
    [InlineData("Großmann", "grossmann")]
    [InlineData("Đorđević", "dordevic")]
    [InlineData("Þórsdóttir", "thorsdottir")]
    [InlineData("Yıldız", "yildiz")]
    [InlineData("Žofie", "zofie")]
    public void Search_folds_accents_case_letters_without_decomposition_and_punctuation(string name, string folded) =>
        Assert.Equal(folded, SearchText.Fold(name));

    [Fact]
    public void A_name_key_keeps_parts_apart_but_drops_spaces_and_hyphens_inside_a_part() =>
        Assert.Equal("obrien marykate st", SearchText.NameKey("O'Brien", "Mary Kate", "St."));
}
