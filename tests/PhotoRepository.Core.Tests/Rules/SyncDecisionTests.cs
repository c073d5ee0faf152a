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

    /// <summary>State value after D arrives over S (null = blank).</summary>
    private static readonly (OptInChoice D, OptInChoice? S, OptInChoice After)[] Values =
    [
        (OptIn, null, OptIn), (OptIn, Unknown, OptIn), (OptIn, OptIn, OptIn), (OptIn, OptOut, OptIn),
        (OptOut, null, OptOut), (OptOut, Unknown, OptOut), (OptOut, OptIn, OptOut), (OptOut, OptOut, OptOut),
        (Unknown, null, Unknown), (Unknown, Unknown, Unknown), (Unknown, OptIn, OptIn), (Unknown, OptOut, OptOut),
    ];

    /// <summary>What happens to the state photo, whatever the state value was before.</summary>
    private static readonly (OptInChoice D, DistrictPhoto District, StatePhoto State, PhotoAction Action)[] Photos =
    [
        (OptIn, DistrictPhoto.Current, StatePhoto.Absent, Copy),
        (OptIn, DistrictPhoto.Current, StatePhoto.SameAsDistrict, Keep),
        (OptIn, DistrictPhoto.Current, StatePhoto.Other, Replace),
        (OptIn, DistrictPhoto.Current, StatePhoto.Expired, Replace),
        (OptIn, DistrictPhoto.Absent, StatePhoto.Absent, None),
        (OptIn, DistrictPhoto.Absent, StatePhoto.SameAsDistrict, Keep),
        (OptIn, DistrictPhoto.Absent, StatePhoto.Other, Keep),
        (OptIn, DistrictPhoto.Absent, StatePhoto.Expired, RemoveExpired),
        (OptIn, DistrictPhoto.Expired, StatePhoto.Absent, None),
        (OptIn, DistrictPhoto.Expired, StatePhoto.SameAsDistrict, RemoveExpired),
        (OptIn, DistrictPhoto.Expired, StatePhoto.Other, Keep),
        (OptIn, DistrictPhoto.Expired, StatePhoto.Expired, RemoveExpired),
        (OptOut, DistrictPhoto.Current, StatePhoto.Absent, None),
        (OptOut, DistrictPhoto.Current, StatePhoto.SameAsDistrict, RemoveOptedOut),
        (OptOut, DistrictPhoto.Current, StatePhoto.Other, RemoveOptedOut),
        (OptOut, DistrictPhoto.Current, StatePhoto.Expired, RemoveOptedOut),
        (OptOut, DistrictPhoto.Absent, StatePhoto.Absent, None),
        (OptOut, DistrictPhoto.Absent, StatePhoto.SameAsDistrict, RemoveOptedOut),
        (OptOut, DistrictPhoto.Absent, StatePhoto.Other, RemoveOptedOut),
        (OptOut, DistrictPhoto.Absent, StatePhoto.Expired, RemoveOptedOut),
        (OptOut, DistrictPhoto.Expired, StatePhoto.Absent, None),
        (OptOut, DistrictPhoto.Expired, StatePhoto.SameAsDistrict, RemoveOptedOut),
        (OptOut, DistrictPhoto.Expired, StatePhoto.Other, RemoveOptedOut),
        (OptOut, DistrictPhoto.Expired, StatePhoto.Expired, RemoveOptedOut),
        (Unknown, DistrictPhoto.Current, StatePhoto.Absent, None),
        (Unknown, DistrictPhoto.Current, StatePhoto.SameAsDistrict, Keep),
        (Unknown, DistrictPhoto.Current, StatePhoto.Other, Keep),
        (Unknown, DistrictPhoto.Current, StatePhoto.Expired, RemoveExpired),
        (Unknown, DistrictPhoto.Absent, StatePhoto.Absent, None),
        (Unknown, DistrictPhoto.Absent, StatePhoto.SameAsDistrict, Keep),
        (Unknown, DistrictPhoto.Absent, StatePhoto.Other, Keep),
        (Unknown, DistrictPhoto.Absent, StatePhoto.Expired, RemoveExpired),
        (Unknown, DistrictPhoto.Expired, StatePhoto.Absent, None),
        (Unknown, DistrictPhoto.Expired, StatePhoto.SameAsDistrict, RemoveExpired),
        (Unknown, DistrictPhoto.Expired, StatePhoto.Other, Keep),
        (Unknown, DistrictPhoto.Expired, StatePhoto.Expired, RemoveExpired),
    ];

    /// <summary>Every district value x every prior state value x every district photo x every state photo.</summary>
    public static TheoryData<OptInChoice, OptInChoice?, DistrictPhoto, StatePhoto> EveryCase()
    {
        var data = new TheoryData<OptInChoice, OptInChoice?, DistrictPhoto, StatePhoto>();
        foreach (var d in new[] { OptIn, OptOut, Unknown })
        foreach (var s in new OptInChoice?[] { null, Unknown, OptIn, OptOut })
        foreach (var dp in Enum.GetValues<DistrictPhoto>())
        foreach (var sp in Enum.GetValues<StatePhoto>())
            data.Add(d, s, dp, sp);
        return data;
    }

    [Theory]
    [MemberData(nameof(EveryCase))]
    public void The_table_decides_value_and_photo(OptInChoice district, OptInChoice? stateBefore, DistrictPhoto districtPhoto, StatePhoto statePhoto)
    {
        PhotoRef? dp = districtPhoto switch { DistrictPhoto.Current => Current, DistrictPhoto.Expired => Expired, _ => null };
        PhotoRef? sp = statePhoto switch
        {
            StatePhoto.SameAsDistrict => dp ?? Current,
            StatePhoto.Other => Other,
            StatePhoto.Expired => new PhotoRef("ddd", Today.AddYears(-3)),
            _ => null,
        };
        // "SameAsDistrict" of an expired district photo is that expired photo.
        if (statePhoto == StatePhoto.Expired && districtPhoto == DistrictPhoto.Expired) sp = Expired;

        var verdict = SyncDecision.Decide(district, stateBefore, dp, sp, Today);

        Assert.Equal(Values.Single(v => v.D == district && v.S == stateBefore).After, verdict.StateValue);
        Assert.Equal(Photos.Single(p => p.D == district && p.District == districtPhoto && p.State == statePhoto).Action, verdict.Photo);
    }

    [Fact]
    public void Unknown_never_overwrites_an_explicit_state_value_and_blank_becomes_Unknown()
    {
        Assert.Equal(OptIn, SyncDecision.StateValue(Unknown, OptIn));
        Assert.Equal(OptOut, SyncDecision.StateValue(Unknown, OptOut));
        Assert.Equal(Unknown, SyncDecision.StateValue(Unknown, null));
    }

    [Theory]
    // A photo of 29 February 2024 expires on 28 February 2026 (two years later, there is no 29th).
    [InlineData("2026-02-27", Copy)]
    [InlineData("2026-02-28", None)]
    [InlineData("2026-03-01", None)]
    public void A_photo_dated_29_February_is_copied_until_the_day_before_it_expires(string today, PhotoAction expected)
    {
        var leapDay = new PhotoRef("leap", new DateOnly(2024, 2, 29));
        Assert.Equal(expected, SyncDecision.Decide(OptIn, null, leapDay, null, DateOnly.Parse(today)).Photo);
    }

    [Theory]
    [InlineData("2026-02-27", Keep)]
    [InlineData("2026-02-28", RemoveExpired)]
    public void A_state_photo_dated_29_February_is_removed_on_28_February_two_years_later(string today, PhotoAction expected)
    {
        var leapDay = new PhotoRef("leap", new DateOnly(2024, 2, 29));
        Assert.Equal(expected, SyncDecision.Decide(OptIn, OptIn, leapDay, leapDay, DateOnly.Parse(today)).Photo);
        Assert.Equal(expected == Keep, StateAvailability.IsAvailable(OptIn, leapDay.PhotoDate, DateOnly.Parse(today)));
    }

    private static readonly DateTime T = new(2026, 9, 1, 12, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void After_a_move_the_most_recent_explicit_choice_wins_and_supplies_the_photo()
    {
        var helena = new DistrictRecord(1, OptIn, T, Current);
        var missoula = new DistrictRecord(2, OptOut, T.AddDays(30), null);
        Assert.Same(missoula, SyncDecision.Supplier([helena, missoula]));

        var missoulaOptsIn = missoula with { OptIn = OptIn, RecordedAt = T.AddDays(40), Photo = Other };
        Assert.Same(missoulaOptsIn, SyncDecision.Supplier([helena, missoulaOptsIn]));
    }

    [Fact]
    public void After_a_move_Unknown_at_the_new_district_does_not_override_the_old_explicit_choice()
    {
        var helena = new DistrictRecord(1, OptIn, T, Current);
        var missoula = new DistrictRecord(2, Unknown, T.AddDays(30), null);
        var supplier = SyncDecision.Supplier([missoula, helena])!;
        Assert.Same(helena, supplier);
        Assert.Equal(Copy, SyncDecision.Decide(supplier.OptIn, null, supplier.Photo, null, Today).Photo);
    }

    [Fact]
    public void With_only_Unknown_records_the_most_recent_speaks_and_ties_are_broken_the_same_way_every_time()
    {
        var a = new DistrictRecord(1, Unknown, T, null);
        var b = new DistrictRecord(2, Unknown, T.AddDays(1), null);
        Assert.Same(b, SyncDecision.Supplier([a, b]));
        var c = new DistrictRecord(3, OptIn, T, null);
        var d = new DistrictRecord(4, OptIn, T, null);
        Assert.Same(d, SyncDecision.Supplier([c, d]));
        Assert.Same(d, SyncDecision.Supplier([d, c]));
        Assert.Null(SyncDecision.Supplier([]));
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
