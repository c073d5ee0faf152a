using System.Net;
using PhotoRepository.Web.Seeding;
using PhotoRepository.Web.Tests.Infrastructure;

namespace PhotoRepository.Web.Tests.Account;

public class LoginTests(AppFactory factory) : IClassFixture<AppFactory>
{
    [Theory]
    [InlineData(DemoData.HelenaClerk, "/District", "Helena Public Schools")]
    [InlineData(DemoData.StateStaff, "/State/Aim", "State repository")]
    [InlineData(DemoData.DojStaff, "/State/Doj", "Find a missing child")]
    [InlineData(DemoData.Administrator, "/Admin", "Administration")]
    public async Task Each_demo_role_signs_in_through_the_form_and_lands_on_its_area(string email, string home, string heading)
    {
        var client = factory.NewClient();
        var response = await client.SignInAsync(email);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        var start = await client.GetAsync(response.Headers.Location!.ToString());
        Assert.Equal(HttpStatusCode.Redirect, start.StatusCode);
        Assert.Equal(home, start.Headers.Location!.ToString());

        var page = await client.GetPageAsync(home);
        Assert.Contains(heading, page.QuerySelector("h1")!.TextContent);
    }

    [Fact]
    public async Task A_wrong_password_is_refused_with_a_message_and_recorded()
    {
        var client = factory.NewClient();
        var response = await client.SignInAsync(DemoData.BigSkyClerk, "not-the-password");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await Browser.ParseAsync(response);
        Assert.Contains("email or password is not right", page.QuerySelector(".errors")!.TextContent);
        Assert.True(factory.WithDb(db => db.AuditEvents.Any(a => a.Action == "SignInFailed" && a.UserName == DemoData.BigSkyClerk)));
    }

    [Fact]
    public async Task Repeated_failures_do_not_lock_the_account_the_right_password_still_works()
    {
        // Issue 12: five wrong passwords used to lock any account for 15 minutes (lockout as a weapon).
        var client = factory.NewClient();
        for (var i = 0; i < 5; i++) await client.SignInAsync(DemoData.MissoulaClerk, "wrong-" + i);
        var response = await client.SignInAsync(DemoData.MissoulaClerk);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Null(factory.WithDb(db => db.Users.Single(u => u.Email == DemoData.MissoulaClerk).LockoutEnd));
    }

    [Fact]
    public async Task A_login_post_without_the_antiforgery_token_is_rejected()
    {
        var client = factory.NewClient();
        var response = await client.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Email"] = DemoData.HelenaClerk,
            ["Input.Password"] = DemoData.Password,
        }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Signing_out_ends_the_session()
    {
        var client = await factory.SignedInClientAsync(DemoData.HelenaClerk);
        var home = await client.GetPageAsync("/District");
        var response = await client.SubmitAsync(home, "form.sign-out", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var after = await client.GetAsync("/District");
        Assert.Contains("/Account/Login", after.Headers.Location!.ToString());
    }
}
