using PhotoRepository.Core.Entities;
using PhotoRepository.Core.Rules;

namespace PhotoRepository.Core.Tests.Rules;

public class StateAvailabilityTests
{
    [Fact]
    public void The_query_cutoff_agrees_with_PhotoAge_for_every_photo_date_around_every_day_of_eight_years()
    {
        // Covers 29 February both as photo date and as today.
        for (var today = new DateOnly(2024, 1, 1); today <= new DateOnly(2031, 12, 31); today = today.AddDays(1))
        {
            var cutoff = StateAvailability.LastTooOldPhotoDate(today);
            for (var photo = today.AddYears(-2).AddDays(-3); photo <= today.AddYears(-2).AddDays(3); photo = photo.AddDays(1))
                Assert.True(PhotoAge.IsTooOld(photo, today) == (photo <= cutoff), $"today {today}, photo {photo}");
        }
    }

    [Fact]
    public void A_photo_of_29_February_is_too_old_on_28_February_two_years_later()
    {
        Assert.Equal(new DateOnly(2024, 2, 29), StateAvailability.LastTooOldPhotoDate(new DateOnly(2026, 2, 28)));
        Assert.False(StateAvailability.IsAvailable(OptInChoice.OptIn, new DateOnly(2024, 2, 29), new DateOnly(2026, 2, 28)));
        Assert.True(StateAvailability.IsAvailable(OptInChoice.OptIn, new DateOnly(2024, 2, 29), new DateOnly(2026, 2, 27)));
    }

    [Theory]
    [InlineData(OptInChoice.OptOut)]
    [InlineData(OptInChoice.Unknown)]
    [InlineData(null)]
    public void Only_opt_in_is_available(OptInChoice? value)
    {
        Assert.False(StateAvailability.IsAvailable(value, new DateOnly(2026, 1, 1), new DateOnly(2026, 6, 1)));
        Assert.True(StateAvailability.IsAvailable(OptInChoice.OptIn, new DateOnly(2026, 1, 1), new DateOnly(2026, 6, 1)));
        Assert.False(StateAvailability.IsAvailable(OptInChoice.OptIn, null, new DateOnly(2026, 6, 1)));
    }
}
