using PhotoRepository.Core.Entities;
using PhotoRepository.Core.Rules;
using static PhotoRepository.Core.Entities.OptInChoice;

namespace PhotoRepository.Core.Tests.Rules;

/// <summary>The decision table, every row against every prior state value and photo situation.</summary>
public class SyncDecisionTests
{
    private static readonly DateOnly Today = new(2026, 11, 23);
    private static readonly DistrictPhotoFacts Current = new("new", new DateOnly(2026, 9, 10));
    private static readonly DistrictPhotoFacts Expired = new("old", new DateOnly(2024, 9, 10));

    public enum StatePhoto { Absent, Present, Expired }

    private static StateFacts State(OptInChoice? value, StatePhoto photo) => photo switch
    {
        StatePhoto.Present => new(value, "state", new DateOnly(2025, 9, 1)),
        StatePhoto.Expired => new(value, "state", new DateOnly(2024, 9, 1)),
        _ => new(value, null, null),
    };

    public static TheoryData<OptInChoice, OptInChoice?, StatePhoto> EveryRow()
    {
        var data = new TheoryData<OptInChoice, OptInChoice?, StatePhoto>();
        foreach (var d in new[] { OptIn, OptOut, Unknown })
            foreach (var s in new OptInChoice?[] { null, Unknown, OptIn, OptOut })
                foreach (var p in Enum.GetValues<StatePhoto>())
                    data.Add(d, s, p);
        return data;
    }

    [Theory]
    [MemberData(nameof(EveryRow))]
    public void The_table_holds_for_every_district_value_prior_state_and_photo(OptInChoice district, OptInChoice? prior, StatePhoto photo)
    {
        var outcome = SyncDecision.Decide([new DistrictValue(1, district, new DateTime(2026, 10, 1), Current)], State(prior, photo), Today);

        switch (district)
        {
            case OptIn:
                Assert.Equal(OptIn, outcome.NewValue);
                // The district's current photo reaches the state, replacing a different one.
                Assert.Equal(photo == StatePhoto.Absent ? PhotoAction.Copy : PhotoAction.Replace, outcome.Photo);
                Assert.Equal(Current, outcome.PhotoToCopy);
                break;
            case OptOut:
                Assert.Equal(OptOut, outcome.NewValue);
                Assert.Equal(photo == StatePhoto.Absent ? PhotoAction.None : PhotoAction.RemoveOptedOut, outcome.Photo);
                break;
            default:
                // Unknown never overwrites an explicit value; it only fills a blank.
                Assert.Equal(prior ?? Unknown, outcome.NewValue);
                Assert.Null(outcome.PhotoToCopy);
                // A photo already there stays, unless the state value is Opt Out (then the photo should never
                // have been there, and opted-out photos are always removed) or it has expired.
                var expected = photo == StatePhoto.Absent ? PhotoAction.None
                    : prior == OptOut ? PhotoAction.RemoveOptedOut
                    : photo == StatePhoto.Expired ? PhotoAction.RemoveExpired : PhotoAction.None;
                Assert.Equal(expected, outcome.Photo);
                break;
        }
        Assert.Equal(outcome.NewValue != prior, outcome.ValueChanged);
    }

    [Fact]
    public void An_opted_in_district_photo_two_years_old_is_not_copied_and_an_expired_state_photo_goes()
    {
        var none = SyncDecision.Decide([new DistrictValue(1, OptIn, DateTime.UtcNow, Expired)], State(null, StatePhoto.Absent), Today);
        Assert.Equal(PhotoAction.None, none.Photo);
        var gone = SyncDecision.Decide([new DistrictValue(1, OptIn, DateTime.UtcNow, Expired)], State(OptIn, StatePhoto.Expired), Today);
        Assert.Equal(PhotoAction.RemoveExpired, gone.Photo);
    }

    [Fact]
    public void The_same_photo_already_at_the_state_is_left_alone()
    {
        var outcome = SyncDecision.Decide([new DistrictValue(1, OptIn, DateTime.UtcNow, Current)], new StateFacts(OptIn, Current.Sha256, Current.PhotoDate), Today);
        Assert.Equal(PhotoAction.None, outcome.Photo);
        Assert.False(outcome.ValueChanged);
    }

    [Fact]
    public void After_a_move_the_most_recent_explicit_choice_wins_and_Unknown_never_overrides_it()
    {
        var oldDistrictOptIn = new DistrictValue(1, OptIn, new DateTime(2025, 9, 1), Current);
        var newDistrictOptOut = new DistrictValue(2, OptOut, new DateTime(2026, 9, 1), null);
        var newerUnknown = new DistrictValue(3, Unknown, new DateTime(2026, 11, 1), null);

        var outcome = SyncDecision.Decide([oldDistrictOptIn, newDistrictOptOut, newerUnknown], State(OptIn, StatePhoto.Present), Today);
        Assert.Equal(OptOut, outcome.NewValue);
        Assert.Equal(2, outcome.DecidingDistrictId);
        Assert.Equal(PhotoAction.RemoveOptedOut, outcome.Photo);

        var movedIn = SyncDecision.Decide([oldDistrictOptIn, newerUnknown], State(OptIn, StatePhoto.Absent), Today);
        Assert.Equal(OptIn, movedIn.NewValue);
        Assert.Equal(1, movedIn.DecidingDistrictId);
        Assert.Equal(PhotoAction.Copy, movedIn.Photo);
    }

    [Theory]
    [InlineData("2026-02-27", true)]
    [InlineData("2026-02-28", false)]
    public void A_photo_dated_29_February_leaves_the_state_on_28_February_two_years_on(string today, bool available)
    {
        var photoDate = new DateOnly(2024, 2, 29);
        Assert.Equal(available, SyncDecision.IsAvailable(OptIn, photoDate, DateOnly.Parse(today)));
        var outcome = SyncDecision.Decide([new DistrictValue(1, Unknown, null, null)], new StateFacts(OptIn, "x", photoDate), DateOnly.Parse(today));
        Assert.Equal(available ? PhotoAction.None : PhotoAction.RemoveExpired, outcome.Photo);
    }

    [Fact]
    public void Only_an_opted_in_state_value_with_a_current_photo_is_available()
    {
        Assert.True(SyncDecision.IsAvailable(OptIn, Current.PhotoDate, Today));
        Assert.False(SyncDecision.IsAvailable(OptOut, Current.PhotoDate, Today));
        Assert.False(SyncDecision.IsAvailable(Unknown, Current.PhotoDate, Today));
        Assert.False(SyncDecision.IsAvailable(null, Current.PhotoDate, Today));
        Assert.False(SyncDecision.IsAvailable(OptIn, null, Today));
        Assert.False(SyncDecision.IsAvailable(OptIn, Expired.PhotoDate, Today));
    }
}
