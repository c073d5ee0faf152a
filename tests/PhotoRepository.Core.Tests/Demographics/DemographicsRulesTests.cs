using System.Text;
using PhotoRepository.Core.Demographics;
using PhotoRepository.Core.Entities;
using PhotoRepository.Core.Rules;

namespace PhotoRepository.Core.Tests.Demographics;

public class DemographicsRulesTests
{
    private const string Header = "StateStudentId,LocalStudentNumber,LastName,FirstName,MiddleName,BirthDate,Gender,Grade,SchoolCode,MissingChildPhotoOptIn";
    private static readonly DateOnly Today = new(2026, 11, 23);
    private static readonly Dictionary<string, int> Schools = new(StringComparer.OrdinalIgnoreCase) { ["HHS"] = 10 };

    private static DemographicsFile.Result Parse(params string[] lines) =>
        DemographicsFile.Parse(Encoding.UTF8.GetBytes(string.Join("\r\n", lines) + "\r\n"));

    [Theory]
    [InlineData("1", OptInChoice.OptIn)]
    [InlineData("2", OptInChoice.OptOut)]
    [InlineData("0", OptInChoice.Unknown)]
    [InlineData("", OptInChoice.Unknown)]
    [InlineData("  1 ", OptInChoice.OptIn)]
    [InlineData(" 2\t", OptInChoice.OptOut)]
    public void Every_template_code_reads_as_its_value(string code, OptInChoice expected)
    {
        Assert.True(DemographicsTemplate.TryParseOptIn(code, out var choice));
        Assert.Equal(expected, choice);
    }

    [Theory]
    [InlineData("3")]
    [InlineData("Y")]
    [InlineData("01")]
    [InlineData("-1")]
    [InlineData("1.0")]
    public void Any_other_code_is_an_error(string code) => Assert.False(DemographicsTemplate.TryParseOptIn(code, out _));

    private static Student Existing(OptInChoice optIn) => new()
    {
        Id = 5, DistrictId = 1, StateStudentId = "100", LastName = "Smith", FirstName = "Ann", BirthDate = new DateOnly(2015, 1, 2),
        Gender = "F", Grade = "03", SchoolId = 10, LocalStudentNumber = "7", OptIn = optIn,
    };

    public static TheoryData<OptInChoice, string, RowOutcome, bool, bool> Transitions() => new()
    {
        // existing value, file code, outcome, opt-in changes (history row), needs confirmation
        { OptInChoice.Unknown, "1", RowOutcome.Updated, true, false },
        { OptInChoice.Unknown, "2", RowOutcome.Updated, true, false },
        { OptInChoice.Unknown, "0", RowOutcome.Unchanged, false, false },
        { OptInChoice.OptIn, "1", RowOutcome.Unchanged, false, false },
        { OptInChoice.OptIn, "2", RowOutcome.Updated, true, false },
        { OptInChoice.OptIn, "", RowOutcome.Updated, true, true },
        { OptInChoice.OptOut, "2", RowOutcome.Unchanged, false, false },
        { OptInChoice.OptOut, "1", RowOutcome.Updated, true, false },
        { OptInChoice.OptOut, "0", RowOutcome.Updated, true, true },
    };

    [Theory]
    [MemberData(nameof(Transitions))]
    public void Every_transition_is_planned_and_applied_with_its_history(OptInChoice before, string code, RowOutcome outcome, bool changes, bool confirm)
    {
        var student = Existing(before);
        var file = Parse(Header, $"100,7,Smith,Ann,,2015-01-02,F,03,HHS,{code}");
        var plan = DemographicsPlan.Build(file, new Dictionary<string, Student> { ["100"] = student }, Schools, StateIdClaim.NoneKnown, Today);

        var row = Assert.Single(plan.Rows);
        Assert.Equal(outcome, row.Outcome);
        Assert.Equal(confirm, row.LosesExplicitChoice);
        Assert.Equal(before, student.OptIn); // the plan alone changes nothing

        var added = plan.Apply(1, "f.csv", "clerk", new DateTime(2026, 11, 23, 17, 0, 0, DateTimeKind.Utc), Today);
        Assert.Empty(added);
        Assert.Equal(changes ? 1 : 0, student.OptInHistory.Count);
        if (changes)
        {
            var h = student.OptInHistory[0];
            Assert.Equal((before, student.OptIn, ConsentSource.DemographicsUpload, "f.csv", "2026-27"), (h.OldValue, h.NewValue, h.Source, h.FileName, h.SchoolYear));
            Assert.Equal(Today, student.OptInGivenOn);
        }
    }

    [Fact]
    public void A_new_student_is_added_with_history_only_for_an_explicit_choice()
    {
        var file = Parse(Header, "200,1,A,B,,2015-01-02,F,K,hhs,1", "201,2,C,D,,2015-01-02,M,pk,HHS,0");
        var plan = DemographicsPlan.Build(file, new Dictionary<string, Student>(), Schools, StateIdClaim.NoneKnown, Today);
        Assert.Equal(2, plan.NewCount);
        var added = plan.Apply(1, "f.csv", "clerk", DateTime.UtcNow, Today);
        Assert.Equal([1, 0], added.Select(s => s.OptInHistory.Count));
        Assert.Equal(["K", "PK"], added.Select(s => s.Grade));
    }

    [Fact]
    public void Real_export_quirks_are_read_correctly()
    {
        var text = "\uFEFF" + Header.ToLowerInvariant() + "\n" + "300,1,\"O'Brien, Jr\",\"Seán \"\"Jack\"\"\",Łucja,05/06/2014,F,4,HHS, 2 \r\n";
        var file = DemographicsFile.Parse(Encoding.UTF8.GetBytes(text));
        Assert.Null(file.FileError);
        var row = Assert.Single(file.Rows);
        Assert.Equal(("O'Brien, Jr", "Seán \"Jack\"", "Łucja", new DateOnly(2014, 5, 6), "04", OptInChoice.OptOut),
            (row.LastName, row.FirstName, row.MiddleName, row.BirthDate, row.Grade, row.OptIn));
    }

    [Fact]
    public void Rejected_lines_name_the_line_the_record_starts_on_even_after_a_quoted_line_break()
    {
        var file = Parse(Header, "400,1,\"Two\nLines\",A,,2015-01-02,F,03,HHS,1", "401,1,B,A,,2015-01-02,F,03,HHS,9");
        Assert.Single(file.Rows);
        var rejection = Assert.Single(file.Rejections);
        Assert.Equal((4, "MissingChildPhotoOptIn"), (rejection.Line, rejection.Column));
    }

    [Fact]
    public void A_line_with_too_many_fields_or_an_open_quote_is_rejected()
    {
        var file = Parse(Header, "500,1,Smith, Jr,A,,2015-01-02,F,03,HHS,1", "501,1,\"Open,A,,2015-01-02,F,03,HHS,1");
        Assert.Empty(file.Rows);
        Assert.Contains(file.Rejections, r => r.Line == 2 && r.Reason.Contains("fields"));
        Assert.Contains(file.Rejections, r => r.Line == 3 && r.Reason.Contains("quote"));
    }

    [Fact]
    public void Future_birth_dates_unknown_schools_and_duplicates_are_rejected_by_the_plan()
    {
        var file = Parse(Header, "600,1,A,B,,2030-01-01,F,03,HHS,1", "601,1,A,B,,2015-01-01,F,03,XYZ,1", "602,1,A,B,,2015-01-01,F,03,HHS,1", "602,2,A,C,,2015-01-01,F,03,HHS,1");
        var plan = DemographicsPlan.Build(file, new Dictionary<string, Student>(), Schools, StateIdClaim.NoneKnown, Today);
        Assert.Empty(plan.Rows);
        Assert.Equal([2, 3, 4, 5], plan.Rejections.Select(r => r.Line));
    }

    [Fact]
    public void An_oversized_file_is_refused_with_the_limit()
    {
        var result = DemographicsFile.Parse(new byte[DemographicsTemplate.MaxBytes + 1]);
        Assert.Contains("limit is 10 MB", result.FileError);
    }

    [Theory]
    [InlineData("=1+1", "'=1+1")]
    [InlineData("+Ann", "'+Ann")]
    [InlineData("-2", "'-2")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("O'Brien, Jr", "\"O'Brien, Jr\"")]
    [InlineData("Plain", "Plain")]
    public void Export_cells_are_safe_in_a_spreadsheet(string value, string cell) => Assert.Equal(cell, CsvLines.Cell(value));

    [Fact]
    public void A_clerk_may_not_date_a_choice_in_the_future_or_pick_the_upload_source()
    {
        Assert.Empty(OptInChangeRule.Check(OptInChoice.OptOut, ConsentSource.InPerson, Today, "2026-27", Today));
        Assert.Contains("GivenOn", OptInChangeRule.Check(OptInChoice.OptOut, ConsentSource.InPerson, Today.AddDays(1), "2026-27", Today).Keys);
        Assert.Contains("Source", OptInChangeRule.Check(OptInChoice.OptOut, ConsentSource.DemographicsUpload, Today, "2026-27", Today).Keys);
        Assert.Contains("SchoolYear", OptInChangeRule.Check(OptInChoice.OptOut, ConsentSource.InPerson, Today, "2026-28", Today).Keys);
    }

    [Fact]
    public void The_photo_status_cutoff_agrees_with_the_two_year_rule_every_day_including_leap_days()
    {
        for (var today = new DateOnly(2025, 1, 1); today < new DateOnly(2031, 1, 1); today = today.AddDays(1))
        {
            var cutoff = PhotoStatusRule.TooOldOnOrBefore(today);
            Assert.True(PhotoAge.IsTooOld(cutoff, today), $"{cutoff} on {today}");
            Assert.False(PhotoAge.IsTooOld(cutoff.AddDays(1), today), $"{cutoff.AddDays(1)} on {today}");
        }
        Assert.Equal(PhotoStatus.ExpiringSoon, PhotoStatusRule.Of(Today.AddYears(-2).AddDays(30), Today));
        Assert.Equal(PhotoStatus.Current, PhotoStatusRule.Of(Today.AddYears(-1), Today));
        Assert.Equal(PhotoStatus.None, PhotoStatusRule.Of(null, Today));
    }
}
