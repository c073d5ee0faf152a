using PhotoRepository.Core.Entities;
using PhotoRepository.Core.Rules;
using static PhotoRepository.Core.Entities.OptInChoice;
using static PhotoRepository.Core.Rules.PhotoAction;

namespace PhotoRepository.Core.Tests.Rules;

/// <summary>The decision table of DOMAIN.md ("Sync to the state"), row by row.</summary>
public class SyncDecisionTests
{
    private static readonly DateOnly Today = new(2026, 11, 23);
    private static readonly PhotoRef Current = new("aaa", Today.AddDays(-100));
    private static readonly PhotoRef Other = new("bbb", Today.AddDays(-200));
    private static readonly PhotoRef Expired = new("ccc", Today.AddYears(-2));

    public enum DistrictPhoto { Current, Absent, Expired }
    public enum StatePhoto { Absent, SameAsDistrict, Other, Expired }

    /// <summary>One district's record: its current value and the last explicit choice in its history.</summary>
    public enum Record { OptedIn, OptedOut, NeverChose, UnknownAfterOptIn, UnknownAfterOptOut }

    private static DistrictRecord Helena(Record r, PhotoRef? photo, DateTime? at = null) => r switch
    {
        Record.OptedIn => new(1, OptIn, OptIn, at ?? T, photo),
        Record.OptedOut => new(1, OptOut, OptOut, at ?? T, photo),
        Record.UnknownAfterOptIn => new(1, Unknown, OptIn, at ?? T, photo),
        Record.UnknownAfterOptOut => new(1, Unknown, OptOut, at ?? T, photo),
        _ => new(1, Unknown, null, null, photo),
    };

    /// <summary>The state value is the last explicit choice in the history; Unknown only when there never was one.</summary>
    private static readonly (Record Record, OptInChoice Value)[] Values =
    [
        (Record.OptedIn, OptIn), (Record.OptedOut, OptOut), (Record.NeverChose, Unknown),
        (Record.UnknownAfterOptIn, OptIn), (Record.UnknownAfterOptOut, OptOut),
    ];

    /// <summary>
    /// The table's photo column for one district. Only a current value of Opt In copies; Opt Out removes;
    /// Unknown copies nothing and leaves what is at the state, unless that is two years old or older.
    /// </summary>
    private static readonly (Record Record, DistrictPhoto District, StatePhoto State, PhotoAction Action)[] Photos =
    [
        (Record.OptedIn, DistrictPhoto.Current, StatePhoto.Absent, Copy),
        (Record.OptedIn, DistrictPhoto.Current, StatePhoto.SameAsDistrict, Keep),
        (Record.OptedIn, DistrictPhoto.Current, StatePhoto.Other, Replace),
        (Record.OptedIn, DistrictPhoto.Current, StatePhoto.Expired, Replace),
        (Record.OptedIn, DistrictPhoto.Absent, StatePhoto.Absent, None),
        (Record.OptedIn, DistrictPhoto.Absent, StatePhoto.Other, Keep),
        (Record.OptedIn, DistrictPhoto.Absent, StatePhoto.Expired, RemoveExpired),
        (Record.OptedIn, DistrictPhoto.Expired, StatePhoto.Absent, None),
        (Record.OptedIn, DistrictPhoto.Expired, StatePhoto.SameAsDistrict, RemoveExpired),
        (Record.OptedIn, DistrictPhoto.Expired, StatePhoto.Other, Keep),
        (Record.OptedOut, DistrictPhoto.Current, StatePhoto.Absent, None),
        (Record.OptedOut, DistrictPhoto.Current, StatePhoto.SameAsDistrict, RemoveOptedOut),
        (Record.OptedOut, DistrictPhoto.Absent, StatePhoto.Other, RemoveOptedOut),
        (Record.OptedOut, DistrictPhoto.Expired, StatePhoto.Expired, RemoveOptedOut),
        (Record.NeverChose, DistrictPhoto.Current, StatePhoto.Absent, None),
        (Record.NeverChose, DistrictPhoto.Current, StatePhoto.Other, Keep),
        (Record.NeverChose, DistrictPhoto.Current, StatePhoto.Expired, RemoveExpired),
        (Record.UnknownAfterOptIn, DistrictPhoto.Current, StatePhoto.Absent, None),
        (Record.UnknownAfterOptIn, DistrictPhoto.Current, StatePhoto.SameAsDistrict, Keep),
        (Record.UnknownAfterOptIn, DistrictPhoto.Current, StatePhoto.Other, Keep),
        (Record.UnknownAfterOptIn, DistrictPhoto.Absent, StatePhoto.Expired, RemoveExpired),
        (Record.UnknownAfterOptOut, DistrictPhoto.Current, StatePhoto.Absent, None),
        (Record.UnknownAfterOptOut, DistrictPhoto.Current, StatePhoto.SameAsDistrict, RemoveOptedOut),
        (Record.UnknownAfterOptOut, DistrictPhoto.Absent, StatePhoto.Other, RemoveOptedOut),
    ];

    public static TheoryData<Record, DistrictPhoto, StatePhoto, PhotoAction> PhotoRows()
    {
        var data = new TheoryData<Record, DistrictPhoto, StatePhoto, PhotoAction>();
        foreach (var row in Photos) data.Add(row.Record, row.District, row.State, row.Action);
        return data;
    }

    [Theory]
    [MemberData(nameof(PhotoRows))]
    public void The_table_decides_value_and_photo_for_one_district(Record record, DistrictPhoto districtPhoto, StatePhoto statePhoto, PhotoAction expected)
    {
        PhotoRef? dp = districtPhoto switch { DistrictPhoto.Current => Current, DistrictPhoto.Expired => Expired, _ => null };
        PhotoRef? sp = statePhoto switch
        {
            StatePhoto.SameAsDistrict => dp ?? Current,
            StatePhoto.Other => Other,
            StatePhoto.Expired => new PhotoRef("ddd", Today.AddYears(-3)),
            _ => null,
        };
        var state = sp is { } p ? new StatePhotoRef(p, 1) : (StatePhotoRef?)null;

        var verdict = SyncDecision.Decide([Helena(record, dp)], state, Today);

        Assert.Equal(Values.Single(v => v.Record == record).Value, verdict.StateValue);
        Assert.Equal(expected, verdict.Photo);
    }

    [Fact]
    public void Nobody_holding_the_id_leaves_it_blank_and_its_photo_goes()
    {
        var verdict = SyncDecision.Decide([], new StatePhotoRef(Current, 1), Today);
        Assert.Null(verdict.StateValue);
        Assert.Equal(RemoveNoLongerHeld, verdict.Photo);
        Assert.Equal(None, SyncDecision.Decide([], null, Today).Photo);
    }

    [Theory]
    // A photo of 29 February 2024 expires on 28 February 2026 (two years later, there is no 29th).
    [InlineData("2026-02-27", Copy)]
    [InlineData("2026-02-28", None)]
    [InlineData("2026-03-01", None)]
    public void A_photo_dated_29_February_is_copied_until_the_day_before_it_expires(string today, PhotoAction expected)
    {
        var leapDay = new PhotoRef("leap", new DateOnly(2024, 2, 29));
        Assert.Equal(expected, SyncDecision.Decide([Helena(Record.OptedIn, leapDay)], null, DateOnly.Parse(today)).Photo);
    }

    [Theory]
    [InlineData("2026-02-27", Keep)]
    [InlineData("2026-02-28", RemoveExpired)]
    public void A_state_photo_dated_29_February_is_removed_on_28_February_two_years_later(string today, PhotoAction expected)
    {
        var leapDay = new PhotoRef("leap", new DateOnly(2024, 2, 29));
        Assert.Equal(expected, SyncDecision.Decide([Helena(Record.OptedIn, leapDay)], new StatePhotoRef(leapDay, 1), DateOnly.Parse(today)).Photo);
        Assert.Equal(expected == Keep, StateAvailability.IsAvailable(OptIn, leapDay.PhotoDate, DateOnly.Parse(today)));
    }

    private static readonly DateTime T = new(2026, 9, 1, 12, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void After_a_move_the_most_recent_explicit_choice_wins_and_supplies_the_photo()
    {
        var helena = Helena(Record.OptedIn, Current);
        var missoula = new DistrictRecord(2, OptOut, OptOut, T.AddDays(30), null);
        Assert.Same(missoula, SyncDecision.Speaker([helena, missoula]));

        var missoulaOptsIn = missoula with { Current = OptIn, LastExplicit = OptIn, LastExplicitAt = T.AddDays(40), Photo = Other };
        var verdict = SyncDecision.Decide([helena, missoulaOptsIn], new StatePhotoRef(Current, 1), Today);
        Assert.Equal((OptIn, Replace), (verdict.StateValue, verdict.Photo));
        Assert.Same(missoulaOptsIn, verdict.Speaker);
    }

    [Fact]
    public void Unknown_at_a_newer_district_does_not_override_the_old_explicit_choice()
    {
        var helena = Helena(Record.OptedIn, Current);
        var missoula = new DistrictRecord(2, Unknown, null, null, null);
        var verdict = SyncDecision.Decide([missoula, helena], null, Today);
        Assert.Equal((OptIn, Copy), (verdict.StateValue, verdict.Photo));
    }

    [Fact]
    public void An_older_Opt_In_never_comes_back_when_the_newer_Opt_Out_turns_Unknown()
    {
        // Issue #11, case 1: Helena Opt In with a photo, later Missoula Opt Out, then Missoula Unknown.
        var helena = Helena(Record.OptedIn, Current);
        var missoula = new DistrictRecord(2, Unknown, OptOut, T.AddDays(30), null);
        var verdict = SyncDecision.Decide([helena, missoula], null, Today);
        Assert.Equal((OptOut, None), (verdict.StateValue, verdict.Photo));
        Assert.Equal(RemoveOptedOut, SyncDecision.Decide([helena, missoula], new StatePhotoRef(Current, 1), Today).Photo);
    }

    [Fact]
    public void Two_explicit_choices_at_the_same_instant_Opt_Out_wins_whatever_the_district_ids()
    {
        var optIn = new DistrictRecord(9, OptIn, OptIn, T, Current);
        var optOut = new DistrictRecord(1, OptOut, OptOut, T, null);
        Assert.Equal(OptOut, SyncDecision.StateValue([optIn, optOut]));
        Assert.Equal(OptOut, SyncDecision.StateValue([optOut, optIn with { DistrictId = 0 }]));
        // Unknown times count as the same instant.
        Assert.Equal(OptOut, SyncDecision.StateValue([optIn with { LastExplicitAt = null }, optOut with { LastExplicitAt = null }]));
    }

    [Fact]
    public void A_photo_whose_district_let_go_of_the_id_is_removed()
    {
        // Issue #11, case 2: Helena's record (the photo's source) now carries another ID; Missoula never chose.
        var missoula = new DistrictRecord(2, Unknown, null, null, null);
        Assert.Equal(RemoveNoLongerHeld, SyncDecision.Decide([missoula], new StatePhotoRef(Current, 1), Today).Photo);
    }

    [Theory]
    [InlineData(OptIn, true, 100, true)]
    [InlineData(OptIn, false, 0, false)]
    [InlineData(OptIn, true, 800, false)]
    [InlineData(OptOut, true, 100, false)]
    [InlineData(Unknown, true, 100, false)]
    [InlineData(null, true, 100, false)]
    public void Available_to_law_enforcement_only_while_Opt_In_with_a_current_state_photo(OptInChoice? value, bool hasPhoto, int daysOld, bool expected) =>
        Assert.Equal(expected, StateAvailability.IsAvailable(value, hasPhoto ? Today.AddDays(-daysOld) : null, Today));
}
