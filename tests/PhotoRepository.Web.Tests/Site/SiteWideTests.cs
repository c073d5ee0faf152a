using System.Net;
using PhotoRepository.Core.Entities;
using PhotoRepository.Web.Seeding;
using PhotoRepository.Web.Tests.Infrastructure;

namespace PhotoRepository.Web.Tests.Site;

/// <summary>What every page does for the people using it: skip link, where am I, errors that are announced and lead to their field, the session's end.</summary>
public class SiteWideTests(AppFactory factory) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task Every_page_starts_with_a_skip_link_to_the_main_content_and_marks_the_current_page_in_the_navigation()
    {
        var clerk = await factory.SignedInClientAsync(DemoData.HelenaClerk);
        var page = await clerk.GetPageAsync("/District/Students");

        var first = page.Body!.QuerySelector("a")!;
        Assert.Equal("#main", first.GetAttribute("href"));
        Assert.NotNull(page.QuerySelector("main#main"));
        var current = page.QuerySelectorAll("nav.main-nav a[aria-current]").ToList();
        Assert.Equal(["Students"], current.Select(a => a.TextContent.Trim()));
        Assert.Equal("page", current[0].GetAttribute("aria-current"));

        var id = factory.WithDb(db => db.Students.First(s => s.District!.Code == "0101").Id);
        var details = await clerk.GetPageAsync($"/District/Students/Details/{id}");
        Assert.Equal("true", details.QuerySelector("nav.main-nav a[aria-current]")!.GetAttribute("aria-current"));
        Assert.Equal("Students", details.QuerySelector("nav.main-nav a[aria-current]")!.TextContent.Trim());

        var home = await clerk.GetPageAsync("/District");
        Assert.Equal(["District home"], home.QuerySelectorAll("nav.main-nav a[aria-current]").Select(a => a.TextContent.Trim()));
        Assert.NotNull(home.QuerySelector("link[rel=icon]"));
    }

    [Fact]
    public async Task A_refused_form_gets_an_alert_that_links_each_error_to_its_field_which_is_marked_invalid_and_no_inline_style()
    {
        var client = factory.NewClient();
        var login = await client.GetPageAsync("/Account/Login");
        Assert.Null(login.QuerySelector(".error-summary"));
        Assert.DoesNotContain("style=", login.Body!.InnerHtml);

        var clerk = await factory.SignedInClientAsync(DemoData.HelenaClerk);
        var create = await clerk.GetPageAsync("/District/Students/Create");
        Assert.DoesNotContain("style=", create.Body!.InnerHtml);
        var response = await clerk.SubmitAsync(create, "#demographics-form", new Dictionary<string, string>
            { ["Input.LastName"] = "", ["Input.FirstName"] = "", ["Input.StateStudentId"] = "" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var refused = await Browser.ParseAsync(response);

        var summary = refused.QuerySelector(".error-summary")!;
        Assert.Equal("alert", summary.GetAttribute("role"));
        var items = summary.QuerySelectorAll("li").Select(li => li.TextContent).ToList();
        Assert.Equal(items.Distinct().Count(), items.Count);
        var links = summary.QuerySelectorAll("a[href^='#']").ToList();
        Assert.NotEmpty(links);
        foreach (var link in links)
        {
            var field = refused.QuerySelector(link.GetAttribute("href")!);
            Assert.True(field is not null, $"The error '{link.TextContent}' links to {link.GetAttribute("href")}, which is not on the page.");
            Assert.Equal("true", field!.GetAttribute("aria-invalid"));
        }
        Assert.DoesNotContain("style=", refused.Body!.InnerHtml);
        // A field that was fine is not marked.
        Assert.Null(refused.QuerySelector("#Input_MiddleName[aria-invalid]"));
    }

    [Fact]
    public async Task An_expired_session_sends_the_user_to_a_sign_in_page_that_says_so_and_that_a_posted_change_was_not_saved()
    {
        var client = factory.NewClient();
        using var get = new HttpRequestMessage(HttpMethod.Get, "/District/Students");
        get.Headers.Add("Cookie", "PhotoRepository.Auth=an-expired-or-damaged-ticket");
        var redirect = await client.SendAsync(get);
        Assert.Equal(HttpStatusCode.Redirect, redirect.StatusCode);
        Assert.Contains("expired=1", redirect.Headers.Location!.OriginalString);

        using var post = new HttpRequestMessage(HttpMethod.Post, "/District/Students/Create") { Content = new FormUrlEncodedContent([new("Input.LastName", "Lost")]) };
        post.Headers.Add("Cookie", "PhotoRepository.Auth=an-expired-or-damaged-ticket");
        var lost = await client.SendAsync(post);
        Assert.Equal(HttpStatusCode.Redirect, lost.StatusCode);
        Assert.Contains("expired=lost", lost.Headers.Location!.OriginalString);
        var page = await factory.NewClient().GetPageAsync(lost.Headers.Location!.OriginalString);
        Assert.Contains("not saved", page.QuerySelector("#session-expired")!.TextContent);

        // Someone who was never signed in is not told a session expired.
        var fresh = await factory.NewClient().GetAsync("/District/Students");
        Assert.DoesNotContain("expired", fresh.Headers.Location!.OriginalString);
        var plain = await factory.NewClient().GetPageAsync("/Account/Login");
        Assert.Null(plain.QuerySelector("#session-expired"));
    }

    [Fact]
    public async Task A_signed_in_page_says_when_the_session_ends_and_staying_signed_in_reports_the_new_end()
    {
        var clerk = await factory.SignedInClientAsync(DemoData.HelenaClerk);
        var page = await clerk.GetPageAsync("/District");
        var ends = DateTimeOffset.Parse(page.Body!.GetAttribute("data-session-ends")!);
        // The cookie session lasts eight hours (sliding).
        Assert.InRange(ends - factory.Time.GetUtcNow(), TimeSpan.FromHours(7.9), TimeSpan.FromHours(8.1)); // the app's clock, not the real one
        Assert.NotNull(page.QuerySelector("#session-warning[hidden]"));

        var session = await clerk.GetAsync("/session");
        Assert.Equal(HttpStatusCode.OK, session.StatusCode);
        Assert.Contains("endsAt", await session.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await factory.NewClient().GetAsync("/session")).StatusCode);

        var anonymous = await factory.NewClient().GetPageAsync("/Account/Login");
        Assert.True(string.IsNullOrEmpty(anonymous.Body!.GetAttribute("data-session-ends")));
    }

    [Fact]
    public void Times_read_in_america_denver_with_the_zone_and_codes_read_as_words()
    {
        Assert.Equal("2026-11-30 06:08 MST", Labels.When(new DateTime(2026, 11, 30, 13, 8, 0, DateTimeKind.Utc)));
        Assert.Equal("2026-07-04 12:00:30 MDT", Labels.When(new DateTime(2026, 7, 4, 18, 0, 30, DateTimeKind.Utc), seconds: true));
        Assert.Equal("State AIM staff", Labels.RoleLabel("StateStaff"));
        Assert.Equal("District clerk", Labels.RoleLabel("DistrictClerk"));
        Assert.Equal("Password accepted, second step asked", Labels.ActionLabel("SignInPasswordOk"));
        Assert.Equal("Student changed", Labels.ActionLabel("StudentChanged"));
        Assert.Equal("Could not be checked: upload the ZIP again", PhotoImportStatus.CheckFailed.Label());
        Assert.Equal("Waiting for the clerk to confirm", PhotoImportStatus.Previewed.Label());
    }

    [Fact]
    public async Task Pages_show_plain_words_not_internal_names()
    {
        var admin = await factory.SignedInClientAsync(DemoData.Administrator);
        var accounts = await admin.GetPageAsync("/Admin");
        var text = accounts.QuerySelector("main")!.TextContent;
        Assert.Contains("State AIM staff", text);
        Assert.DoesNotContain("StateStaff", text);
        Assert.DoesNotContain("DistrictClerk", text);
        var audit = await admin.GetPageAsync("/Admin/Audit");
        var rows = audit.QuerySelector("table.audit tbody")!.TextContent;
        Assert.DoesNotContain("SignInPasswordOk", rows);
        Assert.Matches(@"\d\d:\d\d:\d\d M[SD]T", rows);
    }
}
