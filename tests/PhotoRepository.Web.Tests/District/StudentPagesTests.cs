using System.Text;
using AngleSharp.Html.Dom;

namespace PhotoRepository.Web.Tests.District;

public class StudentPagesTests(SyncRecordingAppFactory factory) : IClassFixture<SyncRecordingAppFactory>
{
    private int HelenaStudent(Func<Student, bool>? where = null) => factory.WithDb(db =>
        db.Students.Where(s => s.District!.Code == "0101").OrderBy(s => s.Id).AsEnumerable().First(s => where?.Invoke(s) ?? true).Id);

    private Student Reload(int id) => factory.WithDb(db => db.Students.Single(s => s.Id == id));

    private static Dictionary<string, string> OptInForm(OptInChoice value, string givenOn, string schoolYear = "2026-27", string note = "") => new()
    {
        ["Input.NewValue"] = value.ToString(), ["Input.Source"] = nameof(ConsentSource.WrittenRequest),
        ["Input.GivenOn"] = givenOn, ["Input.SchoolYear"] = schoolYear, ["Input.Note"] = note,
    };

    private static string Yesterday => DateOnly.FromDateTime(DateTime.UtcNow.AddDays(-1)).ToString("yyyy-MM-dd");

    [Fact]
    public async Task Saving_opt_out_records_the_change_with_its_evidence_and_withdraws_the_photo_from_the_state_early()
    {
        var id = HelenaStudent(s => s.OptIn == OptInChoice.OptIn);
        var before = Reload(id);
        var client = await factory.SignedInClientAsync(DemoData.HelenaClerk);

        var page = await client.GetPageAsync($"/District/Students/OptIn/{id}");
        var response = await client.SubmitAsync(page, "#opt-in-form", OptInForm(OptInChoice.OptOut, Yesterday, note: "Letter from mother"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var after = Reload(id);
        Assert.Equal(OptInChoice.OptOut, after.OptIn);
        Assert.Equal(Yesterday, after.OptInGivenOn?.ToString("yyyy-MM-dd"));
        Assert.NotEqual(before.OptInRecordedAt, after.OptInRecordedAt);
        var change = factory.WithDb(db => db.OptInChanges.Where(c => c.StudentId == id).OrderByDescending(c => c.Id).First());
        Assert.Equal((OptInChoice.OptIn, OptInChoice.OptOut, ConsentSource.WrittenRequest, DemoData.HelenaClerk, "Letter from mother"),
            (change.OldValue, change.NewValue, change.Source, change.ChangedBy, change.Note));
        Assert.Contains(before.StateStudentId, factory.SyncQueue.Requested);

        var details = await client.GetPageAsync($"/District/Students/Details/{id}");
        Assert.Contains("Opt In → Opt Out", details.QuerySelector("#opt-in-history")!.TextContent);
        Assert.Contains("Written request", details.QuerySelector("#opt-in-history")!.TextContent);
    }

    [Fact]
    public async Task Saving_opt_in_does_not_ask_for_an_early_withdrawal()
    {
        var id = HelenaStudent(s => s.OptIn == OptInChoice.Unknown);
        var stateId = Reload(id).StateStudentId;
        var client = await factory.SignedInClientAsync(DemoData.HelenaClerk);
        var page = await client.GetPageAsync($"/District/Students/OptIn/{id}");
        await client.SubmitAsync(page, "#opt-in-form", OptInForm(OptInChoice.OptIn, Yesterday));
        Assert.Equal(OptInChoice.OptIn, Reload(id).OptIn);
        Assert.DoesNotContain(stateId, factory.SyncQueue.Requested);
    }

    [Fact]
    public async Task A_date_given_in_the_future_is_refused_with_a_message_and_nothing_changes()
    {
        var id = HelenaStudent(s => s.OptIn == OptInChoice.OptOut);
        var historyBefore = factory.WithDb(db => db.OptInChanges.Count(c => c.StudentId == id));
        var client = await factory.SignedInClientAsync(DemoData.HelenaClerk);
        var page = await client.GetPageAsync($"/District/Students/OptIn/{id}");
        var tomorrow = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(2)).ToString("yyyy-MM-dd");

        var response = await client.SubmitAsync(page, "#opt-in-form", OptInForm(OptInChoice.OptIn, tomorrow));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("cannot be in the future", await response.Content.ReadAsStringAsync());
        Assert.Equal(OptInChoice.OptOut, Reload(id).OptIn);
        Assert.Equal(historyBefore, factory.WithDb(db => db.OptInChanges.Count(c => c.StudentId == id)));
    }

    [Theory]
    [InlineData("Input.NewValue", "7")]
    [InlineData("Input.Source", "DemographicsUpload")]
    [InlineData("Input.SchoolYear", "2026")]
    [InlineData("Input.GivenOn", "not-a-date")]
    public async Task Malformed_opt_in_input_gets_a_message_not_a_500(string field, string value)
    {
        var id = HelenaStudent(s => s.OptIn == OptInChoice.OptOut);
        var client = await factory.SignedInClientAsync(DemoData.HelenaClerk);
        var page = await client.GetPageAsync($"/District/Students/OptIn/{id}");
        var form = OptInForm(OptInChoice.OptIn, Yesterday);
        form[field] = value;
        var response = await client.SubmitAsync(page, "#opt-in-form", form);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await Browser.ParseAsync(response);
        Assert.NotEmpty(html.QuerySelectorAll(".field-validation-error, .validation-summary-errors li"));
        Assert.Equal(OptInChoice.OptOut, Reload(id).OptIn);
    }

    [Fact]
    public async Task Two_clerks_changing_the_same_student_the_second_is_told_and_nothing_is_overwritten()
    {
        var id = HelenaStudent(s => s.OptIn == OptInChoice.OptIn);
        var first = await factory.SignedInClientAsync(DemoData.HelenaClerk);
        var second = await factory.SignedInClientAsync(DemoData.HelenaClerk);
        var firstPage = await first.GetPageAsync($"/District/Students/OptIn/{id}");
        var secondPage = await second.GetPageAsync($"/District/Students/OptIn/{id}");

        await first.SubmitAsync(firstPage, "#opt-in-form", OptInForm(OptInChoice.OptOut, Yesterday));
        var response = await second.SubmitAsync(secondPage, "#opt-in-form", OptInForm(OptInChoice.Unknown, Yesterday));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await Browser.ParseAsync(response);
        var conflict = html.QuerySelector("#conflict")!.TextContent;
        Assert.Contains("changed by someone else", conflict);
        Assert.Contains("Opt Out", conflict);
        Assert.Equal(OptInChoice.OptOut, Reload(id).OptIn);
        Assert.Single(factory.WithDb(db => db.OptInChanges.Where(c => c.StudentId == id && c.NewValue == OptInChoice.OptOut && c.OldValue == OptInChoice.OptIn).ToList()));
        Assert.Empty(factory.WithDb(db => db.OptInChanges.Where(c => c.StudentId == id && c.NewValue == OptInChoice.Unknown).ToList()));

        // The re-shown form carries the new version: saving again now works.
        var retry = await second.SubmitAsync(html, "#opt-in-form", OptInForm(OptInChoice.Unknown, Yesterday));
        Assert.Equal(HttpStatusCode.Redirect, retry.StatusCode);
        Assert.Equal(OptInChoice.Unknown, Reload(id).OptIn);
    }

    [Fact]
    public async Task Editing_demographics_saves_and_a_stale_edit_gets_the_conflict_message()
    {
        var id = HelenaStudent();
        var first = await factory.SignedInClientAsync(DemoData.HelenaClerk);
        var second = await factory.SignedInClientAsync(DemoData.HelenaClerk);
        var firstPage = await first.GetPageAsync($"/District/Students/Edit/{id}");
        var secondPage = await second.GetPageAsync($"/District/Students/Edit/{id}");

        var saved = await first.SubmitAsync(firstPage, "#demographics-form", new Dictionary<string, string> { ["Input.LastName"] = "O'Sullivan-Núñez" });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal("O'Sullivan-Núñez", Reload(id).LastName);

        var stale = await second.SubmitAsync(secondPage, "#demographics-form", new Dictionary<string, string> { ["Input.FirstName"] = "Overwritten" });
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        var html = await Browser.ParseAsync(stale);
        Assert.Contains("changed by someone else", html.QuerySelector("#conflict")!.TextContent);
        Assert.Contains("O'Sullivan-Núñez", html.QuerySelector("#conflict")!.TextContent);
        Assert.NotEqual("Overwritten", Reload(id).FirstName);
    }

    [Fact]
    public async Task A_clerk_adds_a_student_by_hand_and_a_duplicate_state_id_is_refused()
    {
        var client = await factory.SignedInClientAsync(DemoData.HelenaClerk);
        var page = await client.GetPageAsync("/District/Students/Create");
        var school = ((IHtmlSelectElement)page.QuerySelector("select[name='Input.SchoolId']")!).Options[1].Value;
        var form = new Dictionary<string, string>
        {
            ["Input.StateStudentId"] = "9990000001", ["Input.LastName"] = "Łukasz", ["Input.FirstName"] = "Zoë", ["Input.BirthDate"] = "2016-03-04",
            ["Input.Grade"] = "04", ["Input.SchoolId"] = school,
        };
        var response = await client.SubmitAsync(page, "#demographics-form", form);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var added = factory.WithDb(db => db.Students.Single(s => s.StateStudentId == "9990000001"));
        Assert.Equal((OptInChoice.Unknown, "04"), (added.OptIn, added.Grade));

        var again = await client.SubmitAsync(await client.GetPageAsync("/District/Students/Create"), "#demographics-form", form);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains("already has a student with state ID 9990000001", await again.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_list_finds_accented_names_without_accents_and_filters_by_opt_in()
    {
        var id = HelenaStudent();
        factory.WithDb(db => { var s = db.Students.Single(x => x.Id == id); s.FirstName = "Seán"; s.LastName = "Ó Briain"; return db.SaveChanges(); });
        var client = await factory.SignedInClientAsync(DemoData.HelenaClerk);

        var found = await client.GetPageAsync("/District/Students?Filter.Q=o%20briain%20sean");
        Assert.Contains(found.QuerySelectorAll("table.list tbody a"), a => a.GetAttribute("href")!.EndsWith($"/{id}"));

        var optedOut = await client.GetPageAsync("/District/Students?Filter.OptIn=OptOut");
        var badges = optedOut.QuerySelectorAll("table.list tbody .badge").Select(b => b.TextContent).ToList();
        Assert.NotEmpty(badges);
        Assert.All(badges, b => Assert.Equal("Opt Out", b));
        Assert.True(badges.Count <= 50);
    }

    [Fact]
    public async Task The_export_neutralizes_spreadsheet_formulas()
    {
        var id = HelenaStudent();
        factory.WithDb(db => { var s = db.Students.Single(x => x.Id == id); s.LastName = "=HYPERLINK(\"http://evil\")"; s.FirstName = "+Ann, Jr"; return db.SaveChanges(); });
        var client = await factory.SignedInClientAsync(DemoData.HelenaClerk);

        var response = await client.GetAsync("/District/Students?handler=Export");
        var csv = await CsvDownload.ReadForExcelAsync(response);
        var accented = factory.WithDb(db => db.Students.Where(s => s.District!.Code == "0101").Select(s => s.LastName).AsEnumerable().First(n => n.Any(c => c > 127)));
        Assert.Contains(accented, csv);
        Assert.Contains("\"'=HYPERLINK(\"\"http://evil\"\")\"", csv);
        Assert.Contains("\"'+Ann, Jr\"", csv);
        Assert.DoesNotContain(",=HYPERLINK", csv);
        var otherDistrict = factory.WithDb(db => db.Students.First(s => s.District!.Code == "0202").StateStudentId);
        Assert.DoesNotContain(otherDistrict, csv);
    }

    [Fact]
    public async Task Another_districts_student_is_not_found_on_every_student_page()
    {
        var other = factory.WithDb(db => db.Students.First(s => s.District!.Code == "0202" && s.OptIn == OptInChoice.OptIn).Id);
        var client = await factory.SignedInClientAsync(DemoData.HelenaClerk);
        foreach (var page in new[] { "Details", "Edit", "OptIn", "OptInForm" })
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/District/Students/{page}/{other}")).StatusCode);

        var own = await client.GetPageAsync($"/District/Students/OptIn/{HelenaStudent()}");
        var form = own.QuerySelector("#opt-in-form")!;
        form.SetAttribute("action", $"/District/Students/OptIn/{other}");
        var post = await client.SubmitAsync(own, "#opt-in-form", OptInForm(OptInChoice.OptOut, Yesterday));
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        Assert.Equal(OptInChoice.OptIn, factory.WithDb(db => db.Students.Single(s => s.Id == other)).OptIn);
    }

    [Fact]
    public async Task The_student_page_shows_what_the_state_holds_and_the_record_of_disclosures()
    {
        var id = HelenaStudent(s => s.OptIn == OptInChoice.OptIn);
        var stateId = Reload(id).StateStudentId;
        factory.WithDb(db =>
        {
            db.DisclosureRecords.Add(new DisclosureRecord
            {
                At = DateTime.UtcNow, UserName = DemoData.DojStaff, Kind = DisclosureKind.PhotoViewed, StudentStateId = stateId,
                CaseNumber = "MT-2026-0042", Agency = "Helena PD", LegalBasis = LegalBasis.MissingChildReport,
            });
            return db.SaveChanges();
        });
        var client = await factory.SignedInClientAsync(DemoData.HelenaClerk);
        var page = await client.GetPageAsync($"/District/Students/Details/{id}");

        Assert.Contains("MT-2026-0042", page.QuerySelector("#disclosures")!.TextContent);
        Assert.Contains("Helena PD", page.QuerySelector("#disclosures")!.TextContent);
        Assert.NotNull(page.QuerySelector("#state-holds"));
        Assert.NotNull(page.QuerySelector($"a[href='/District/Students/Photo/{id}']"));
    }

    [Fact]
    public async Task The_clerk_edits_the_districts_aim_contact()
    {
        var client = await factory.SignedInClientAsync(DemoData.HelenaClerk);
        var page = await client.GetPageAsync("/District/Contact");
        var bad = await client.SubmitAsync(page, "#contact-form", new Dictionary<string, string> { ["Input.Email"] = "not an email" });
        Assert.Contains("valid email", await bad.Content.ReadAsStringAsync());

        var ok = await client.SubmitAsync(page, "#contact-form", new Dictionary<string, string>
            { ["Input.Name"] = "Renée Two Bears", ["Input.Email"] = "renee@helena.example", ["Input.Phone"] = "406-555-0199" });
        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        var district = factory.WithDb(db => db.Districts.Single(d => d.Code == "0101"));
        Assert.Equal(("Renée Two Bears", "renee@helena.example", "406-555-0199"), (district.ContactName, district.ContactEmail, district.ContactPhone));
        Assert.NotEqual("Renée Two Bears", factory.WithDb(db => db.Districts.Single(d => d.Code == "0202")).ContactName);
    }
}
