using System.Net;
using System.Text;
using PhotoRepository.Core.Demographics;
using PhotoRepository.Core.Entities;
using PhotoRepository.Web.Seeding;
using PhotoRepository.Web.Tests.Infrastructure;

namespace PhotoRepository.Web.Tests.District;

/// <summary>The clerk's notice season: forms in bulk, the notice in Spanish, a demographics commit that says what it did.</summary>
public class NoticeSeasonTests(SyncRecordingAppFactory factory) : IClassFixture<SyncRecordingAppFactory>
{
    [Fact]
    public async Task Opt_in_forms_print_in_bulk_for_a_school_or_a_grade_one_sheet_per_student_with_the_student_number_and_only_the_clerks_district()
    {
        var (school, students) = factory.WithDb(db =>
        {
            var s = db.Schools.Where(x => x.District!.Code == "0101").OrderBy(x => x.Id).First();
            return (s.Id, db.Students.Where(x => x.SchoolId == s.Id).Select(x => new { x.LocalStudentNumber, x.Grade }).ToList());
        });
        var clerk = await factory.SignedInClientAsync(DemoData.HelenaClerk);

        var page = await clerk.GetPageAsync($"/District/Students/OptInForms?School={school}");
        var sheets = page.QuerySelectorAll("article.opt-in-sheet").ToList();
        Assert.Equal(students.Count, sheets.Count);
        Assert.Equal(students.Select(s => s.LocalStudentNumber).Order(), sheets.Select(s => s.QuerySelectorAll("dd")[1].TextContent.Split(' ')[0]).Order());
        Assert.NotNull(page.QuerySelector("button[data-print]"));

        var grade = students[0].Grade;
        var byGrade = await clerk.GetPageAsync($"/District/Students/OptInForms?School={school}&Grade={grade}&Lang=es");
        var spanish = byGrade.QuerySelectorAll("article.opt-in-sheet").ToList();
        Assert.Equal(students.Count(s => s.Grade == grade), spanish.Count);
        Assert.All(spanish, s => Assert.Equal("es", s.GetAttribute("lang")));
        Assert.Contains("Número de estudiante", spanish[0].TextContent);

        // Another district's school gives no forms to this clerk.
        var missoulaSchool = factory.WithDb(db => db.Schools.First(x => x.District!.Code == "0202").Id);
        var other = await clerk.GetPageAsync($"/District/Students/OptInForms?School={missoulaSchool}");
        Assert.Empty(other.QuerySelectorAll("article.opt-in-sheet"));
    }

    [Fact]
    public async Task The_notice_and_the_single_form_come_in_english_and_spanish_with_a_print_button()
    {
        var clerk = await factory.SignedInClientAsync(DemoData.HelenaClerk);
        var notice = await clerk.GetPageAsync("/District/Notice?lang=es");
        Assert.Equal("es", notice.QuerySelector("#parent-notice")!.GetAttribute("lang"));
        Assert.Contains("aviso", notice.QuerySelector("#parent-notice h1")!.TextContent);
        Assert.DoesNotContain("Ctrl+P", notice.Body!.TextContent);
        Assert.NotNull(notice.QuerySelector("button[data-print]"));

        var id = factory.WithDb(db => db.Students.First(s => s.District!.Code == "0101"));
        var form = await clerk.GetPageAsync($"/District/Students/OptInForm/{id.Id}");
        Assert.Single(form.QuerySelectorAll("article.opt-in-sheet"));
        Assert.Contains(id.LocalStudentNumber, form.QuerySelector("article.opt-in-sheet")!.TextContent);
    }

    [Fact]
    public async Task After_a_commit_the_upload_names_who_was_added_and_updated_and_offers_no_second_commit()
    {
        var (existing, school) = factory.WithDb(db =>
        {
            var s = db.Students.Where(x => x.District!.Code == "0101" && x.SchoolId != null && x.OptIn != OptInChoice.OptIn).OrderBy(x => x.Id).First();
            return (s, db.Schools.Single(x => x.Id == s.SchoolId).Code);
        });
        var csv = string.Join("\r\n", DemographicsTemplate.Header,
            $"{existing.StateStudentId},{existing.LocalStudentNumber},{existing.LastName},{existing.FirstName},,{existing.BirthDate:yyyy-MM-dd},{existing.Gender},{existing.Grade},{school},1",
            $"8880000001,N-1,Arroyo,Lucía,,2015-03-04,F,03,{school},0") + "\r\n";
        var clerk = await factory.SignedInClientAsync(DemoData.HelenaClerk);
        var upload = await clerk.GetPageAsync("/District/Import/Demographics");
        var content = new MultipartFormDataContent
        {
            { new StringContent(upload.QuerySelector("#upload-form input[name=__RequestVerificationToken]")!.GetAttribute("value")!), "__RequestVerificationToken" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes(csv)), "Input.File", "names.csv" },
        };
        var posted = await clerk.PostAsync("/District/Import/Demographics", content);
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var previewUrl = posted.Headers.Location!.OriginalString;
        var preview = await clerk.GetPageAsync(previewUrl);
        var committed = await clerk.SubmitAsync(preview, "#commit-form", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, committed.StatusCode);

        var result = await clerk.GetPageAsync(committed.Headers.Location!.OriginalString);
        Assert.Contains("Arroyo, Lucía (8880000001)", result.QuerySelector("#added")!.TextContent);
        Assert.Contains(existing.StateStudentId, result.QuerySelector("#updated")!.TextContent);
        Assert.Null(result.QuerySelector("#commit-form"));
        Assert.Null(result.QuerySelector("#counts"));

        // Opened again later: still what the commit did, never a live "Commit 0 changes".
        var again = await clerk.GetPageAsync(previewUrl);
        Assert.Contains("1 new, 1 updated", again.QuerySelector("#commit-summary")!.TextContent);
        Assert.Null(again.QuerySelector("#commit-form button"));
    }
}
