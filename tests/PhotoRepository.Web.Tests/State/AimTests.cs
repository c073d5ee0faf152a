
namespace PhotoRepository.Web.Tests.State;

/// <summary>State AIM staff: read-only status, contacts and coverage; never a photo.</summary>
public class AimTests(AppFactory factory) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task Lookup_by_state_id_or_name_and_birth_date_shows_the_value_last_choice_and_history_and_no_photo_or_control()
    {
        var (id, _) = await StateRecords.AddAsync(factory, "A100000001", "Movin", "Student", new(2010, 10, 10), OptInChoice.OptIn, StateRecords.Today.AddMonths(-1));
        await factory.WithDbAsync(async db =>
        {
            var missoula = db.Districts.First(d => d.Code == "0202").Id;
            var s = db.StateStudents.Single(x => x.Id == id);
            s.LastExplicitChoice = OptInChoice.OptIn; s.LastExplicitDistrictId = missoula; s.LastExplicitAt = new DateTime(2026, 9, 2, 15, 0, 0, DateTimeKind.Utc);
            db.StateOptInChanges.Add(new StateOptInChange { StateStudentId = id, OldValue = null, NewValue = OptInChoice.OptIn, DistrictId = missoula, ChangedAt = DateTime.UtcNow });
            return await db.SaveChangesAsync();
        });
        var state = await factory.SignedInClientAsync(DemoData.StateStaff);

        var byId = await state.GetPageAsync("/State/Aim/Students?stateId=A100000001");
        var facts = byId.QuerySelector("#state-value")!.TextContent;
        Assert.Contains("Opt In", facts);
        Assert.Contains("Missoula", facts);
        Assert.Contains("2026-09-02", facts);
        Assert.Single(byId.QuerySelectorAll("#history tbody tr"));
        Assert.Empty(byId.QuerySelectorAll("main img"));
        // The only form is the lookup itself (posted, so names stay out of URLs): nothing changes a value.
        Assert.Equal(["lookup-form"], byId.QuerySelectorAll("main form[method=post]").Select(f => f.Id));

        var lookup = await state.GetPageAsync("/State/Aim/Students");
        var byName = await Browser.ParseAsync(await state.SubmitAsync(lookup, "#lookup-form", new Dictionary<string, string> { ["Input.Name"] = "movin", ["Input.BirthDate"] = "2010-10-10" }));
        Assert.NotNull(byName.QuerySelector("#state-value"));
        var nameOnly = await Browser.ParseAsync(await state.SubmitAsync(lookup, "#lookup-form", new Dictionary<string, string> { ["Input.Name"] = "movin" }));
        Assert.Contains("name and birth date together", nameOnly.Body!.TextContent);
    }

    [Fact]
    public async Task The_lookup_says_before_any_attempt_that_it_needs_a_state_id_or_a_name_and_birth_date_together()
    {
        await StateRecords.AddAsync(factory, "A100000002", "Upfront", "Hinted", new(2011, 11, 11), OptInChoice.OptOut, null);
        var state = await factory.SignedInClientAsync(DemoData.StateStaff);

        var lookup = await state.GetPageAsync("/State/Aim/Students");
        var needs = lookup.QuerySelector("#lookup-needs")!;
        Assert.Contains("state student ID alone", needs.TextContent);
        Assert.Contains("name and birth date together", needs.TextContent);
        Assert.Null(lookup.QuerySelector("main .error"));
        // It comes before the form, and every field points to it (screen readers read it with the field).
        var form = lookup.QuerySelector("#lookup-form")!;
        Assert.True(needs.CompareDocumentPosition(form).HasFlag(AngleSharp.Dom.DocumentPositions.Following));
        Assert.All(form.QuerySelectorAll("input[name^='Input.']"), i => Assert.Equal("lookup-needs", i.GetAttribute("aria-describedby")));

        // What it says is what the page does: a birth date alone is refused, a name with the birth date finds the student.
        var dateOnly = await Browser.ParseAsync(await state.SubmitAsync(lookup, "#lookup-form", new Dictionary<string, string> { ["Input.BirthDate"] = "2011-11-11" }));
        Assert.Null(dateOnly.QuerySelector("#state-value"));
        Assert.Contains("name and birth date together", dateOnly.QuerySelector("main .error")!.TextContent);
        var both = await Browser.ParseAsync(await state.SubmitAsync(lookup, "#lookup-form", new Dictionary<string, string> { ["Input.Name"] = "upfront", ["Input.BirthDate"] = "2011-11-11" }));
        Assert.Contains("A100000002", both.QuerySelector("#state-value")!.TextContent);
    }

    [Fact]
    public async Task The_contact_directory_lists_every_district()
    {
        var state = await factory.SignedInClientAsync(DemoData.StateStaff);
        var page = await state.GetPageAsync("/State/Aim/Districts");
        Assert.Equal(factory.WithDb(db => db.Districts.Count()), page.QuerySelectorAll("#contacts tbody tr").Length);
    }

    [Fact]
    public async Task Coverage_counts_per_district_add_up_to_the_state_totals_and_download_as_csv()
    {
        var state = await factory.SignedInClientAsync(DemoData.StateStaff);
        var page = await state.GetPageAsync("/State/Aim/Coverage");
        var rows = page.QuerySelectorAll("#coverage tbody tr").ToList();
        var total = rows.Last();
        Assert.Contains("State total", total.TextContent);
        int Cell(AngleSharp.Dom.IElement row, int i) => int.Parse(row.QuerySelectorAll("td")[i].TextContent);
        Assert.Equal(factory.WithDb(db => db.StateStudents.Count()), Cell(total, 1));
        Assert.Equal(factory.WithDb(db => db.StateStudents.Count(s => s.OptIn == OptInChoice.OptIn)), Cell(total, 2));
        Assert.Equal(rows.SkipLast(1).Sum(r => Cell(r, 2)), Cell(total, 2));

        var csv = await state.GetAsync("/State/Aim/Coverage?handler=Csv");
        var lines = (await CsvDownload.ReadForExcelAsync(csv)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(rows.Count + 1, lines.Length);
        Assert.StartsWith("State total", lines[^1].TrimStart(','));
    }
}
