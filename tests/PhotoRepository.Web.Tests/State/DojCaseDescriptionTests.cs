using PhotoRepository.Core.Rules;

namespace PhotoRepository.Web.Tests.State;

/// <summary>The case's agency phone and the child's description: typed on the new-case and edit forms, printed on the flyer.</summary>
public class DojCaseDescriptionTests(AppFactory factory) : IClassFixture<AppFactory>
{
    private static DateOnly Today => StateRecords.Today;

    private static Dictionary<string, string> Described(string caseNumber, DateTime lastSeenMontana) => new()
    {
        ["Input.CaseNumber"] = caseNumber, ["Input.Agency"] = "Great Falls Police", ["Input.ReportedOn"] = Today.ToString("yyyy-MM-dd"),
        ["Input.Description.AgencyPhone"] = "406-555-0142", ["Input.Description.HeightFeet"] = "4", ["Input.Description.HeightInches"] = "6",
        ["Input.Description.WeightPounds"] = "70", ["Input.Description.Hair"] = "brown, shoulder-length", ["Input.Description.Eyes"] = "green",
        ["Input.Description.LastSeenPlace"] = "Gibson Park, Great Falls", ["Input.Description.LastSeenAt"] = lastSeenMontana.ToString("yyyy-MM-ddTHH:mm"),
    };

    private DateTime MontanaNow => TimeZoneInfo.ConvertTime(factory.Time.GetUtcNow(), StateCalendar.Zone).DateTime;

    [Fact]
    public async Task A_case_opened_with_a_description_prints_it_and_the_agency_phone_on_the_flyer()
    {
        var (_, key) = await StateRecords.AddAsync(factory, "D100000001", "Flora", "Flyer", new(2014, 4, 4), OptInChoice.OptIn, Today.AddMonths(-5));
        var doj = await StateRecords.DojWithCaseAsync(factory, "CASE-DESC-SEARCH");
        var seen = MontanaNow.AddHours(-3);
        var seenMinute = new DateTime(seen.Year, seen.Month, seen.Day, seen.Hour, seen.Minute, 0);

        var form = await doj.GetPageAsync($"/State/Doj/Cases/Open?key={key}");
        var opened = await doj.SubmitAsync(form, "#open-case-form", Described("CASE-DESC-1", seenMinute));
        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);

        var saved = await factory.WithDbAsync(db => db.MissingChildCases.SingleAsync(c => c.CaseNumber == "CASE-DESC-1"));
        Assert.Equal("406-555-0142", saved.AgencyPhone);
        Assert.Equal(54, saved.ChildHeightInches);
        Assert.Equal(70, saved.ChildWeightPounds);
        Assert.Equal("green", saved.ChildEyes);
        // Typed in Montana time, kept in UTC.
        Assert.Equal(TimeZoneInfo.ConvertTimeToUtc(seenMinute, StateCalendar.Zone), saved.LastSeenAt);

        var flyer = await doj.GetPageAsync($"/State/Doj/Flyer?key={key}");
        var text = flyer.QuerySelector(".flyer")!.TextContent;
        Assert.Equal("406-555-0142", flyer.QuerySelector("#agency-phone")!.TextContent);
        Assert.Contains("call Great Falls Police at 406-555-0142 (case CASE-DESC-1) or 911", string.Join(" ", text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)));
        Assert.Contains("4 ft 6 in", text);
        Assert.Contains("70 lb", text);
        Assert.Contains("brown, shoulder-length", text);
        Assert.Contains("green", text);
        Assert.Contains("Gibson Park, Great Falls, " + Labels.When(saved.LastSeenAt!.Value), flyer.QuerySelector("#last-seen")!.TextContent);
    }

    [Fact]
    public async Task A_flyer_without_a_description_leaves_the_facts_out_and_still_names_the_agency()
    {
        var (_, key) = await StateRecords.AddAsync(factory, "D100000002", "Plain", "Flyer", new(2014, 4, 5), OptInChoice.OptIn, Today.AddMonths(-5));
        var doj = await StateRecords.DojWithCaseAsync(factory, "CASE-PLAIN-1", "Havre Police");
        var flyer = await doj.GetPageAsync($"/State/Doj/Flyer?key={key}");
        var text = flyer.QuerySelector(".flyer")!.TextContent;
        Assert.Contains("Havre Police", text);
        Assert.Null(flyer.QuerySelector("#agency-phone"));
        Assert.DoesNotContain("Height", text);
        Assert.Null(flyer.QuerySelector("#last-seen"));
    }

    [Fact]
    public async Task Bad_description_values_are_refused_field_by_field_and_nothing_is_saved()
    {
        var doj = await StateRecords.DojWithCaseAsync(factory, "CASE-BAD-SEARCH");
        var district = factory.WithDb(db => db.Districts.First().Id.ToString());
        var values = Described("CASE-BAD-1", MontanaNow.AddDays(2));
        values["Input.Description.AgencyPhone"] = "call the sheriff";
        values["Input.Description.HeightInches"] = "14";
        values["Input.Description.WeightPounds"] = "0";
        values["Input.Description.Hair"] = new string('x', 61);
        values["Input.ChildFirstName"] = "Bad";
        values["Input.ChildLastName"] = "Values";
        values["Input.ChildBirthDate"] = "2013-01-01";
        values["Input.ChildDistrictId"] = district;

        var form = await doj.GetPageAsync("/State/Doj/Cases/Open");
        var response = await doj.SubmitAsync(form, "#open-case-form", values);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await Browser.ParseAsync(response);
        var summary = page.QuerySelector(".error-summary")!.TextContent;
        Assert.Contains("Enter the agency's phone as digits", summary);
        Assert.Contains("inches of the height must be between 0 and 11", summary);
        Assert.Contains("weight must be between 5 and 500", summary);
        Assert.Contains("hair is at most 60", summary);
        Assert.Contains("cannot be in the future", summary);
        Assert.Equal("true", page.QuerySelector("#Input_Description_AgencyPhone")!.GetAttribute("aria-invalid"));
        // What was typed stays in the form.
        Assert.Equal("Gibson Park, Great Falls", page.QuerySelector("#Input_Description_LastSeenPlace")!.GetAttribute("value"));
        Assert.False(factory.WithDb(db => db.MissingChildCases.Any(c => c.CaseNumber == "CASE-BAD-1")));
    }

    [Fact]
    public async Task The_edit_form_shows_the_case_as_saved_changes_it_confirms_once_and_refuses_a_closed_case()
    {
        var (id, _) = await AddCaseAsync("CASE-EDIT-1", closed: false);
        var (closedId, _) = await AddCaseAsync("CASE-EDIT-CLOSED", closed: true);
        var doj = await factory.SignedInClientAsync(DemoData.DojStaff);

        var cases = await doj.GetPageAsync("/State/Doj/Cases");
        Assert.NotNull(cases.QuerySelector($"a.edit-case[href='/State/Doj/Cases/Edit/{id}']"));
        var form = await doj.GetPageAsync($"/State/Doj/Cases/Edit/{id}");
        Assert.Equal("5", form.QuerySelector("#Input_Description_HeightFeet")!.GetAttribute("value"));
        Assert.Equal("1", form.QuerySelector("#Input_Description_HeightInches")!.GetAttribute("value"));
        Assert.Equal("hazel", form.QuerySelector("#Input_Description_Eyes")!.GetAttribute("value"));

        var saved = await doj.SubmitAsync(form, "#edit-case-form", new Dictionary<string, string>
        {
            ["Input.Agency"] = "Cascade County Sheriff", ["Input.Description.AgencyPhone"] = "(406) 555-0199 x12",
            ["Input.Description.WeightPounds"] = "95", ["Input.Description.Eyes"] = "",
        });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var after = await factory.WithDbAsync(db => db.MissingChildCases.AsNoTracking().SingleAsync(c => c.Id == id));
        Assert.Equal("Cascade County Sheriff", after.Agency);
        Assert.Equal("(406) 555-0199 x12", after.AgencyPhone);
        Assert.Equal(95, after.ChildWeightPounds);
        Assert.Equal(61, after.ChildHeightInches);
        Assert.Equal("", after.ChildEyes);
        Assert.Equal("CASE-EDIT-1", after.CaseNumber);
        var list = await doj.GetStringAsync(saved.Headers.Location!.OriginalString);
        Assert.Single(list.Split("Case CASE-EDIT-1 saved.").Skip(1));

        Assert.Equal(HttpStatusCode.NotFound, (await doj.GetAsync($"/State/Doj/Cases/Edit/{closedId}")).StatusCode);
        var token = Browser.Token(form);
        var forged = await doj.PostAsync($"/State/Doj/Cases/Edit/{closedId}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["Input.Agency"] = "Forged",
        }));
        Assert.Equal(HttpStatusCode.NotFound, forged.StatusCode);
        Assert.NotEqual("Forged", factory.WithDb(db => db.MissingChildCases.Single(c => c.Id == closedId).Agency));
    }

    private async Task<(int Id, string CaseNumber)> AddCaseAsync(string caseNumber, bool closed) => await factory.WithDbAsync(async db =>
    {
        var c = new MissingChildCase
        {
            CaseNumber = caseNumber, Agency = "Great Falls Police", ReportedOn = Today, OpenedBy = DemoData.DojStaff, OpenedAt = factory.Time.GetUtcNow().UtcDateTime,
            ChildFirstName = "Edith", ChildLastName = "Editable", ChildHeightInches = 61, ChildEyes = "hazel",
            ClosedAt = closed ? factory.Time.GetUtcNow().UtcDateTime : null,
        };
        db.MissingChildCases.Add(c);
        await db.SaveChangesAsync();
        return (c.Id, caseNumber);
    });
}
