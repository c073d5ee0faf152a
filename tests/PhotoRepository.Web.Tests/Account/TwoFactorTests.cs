using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PhotoRepository.Core.Security;

namespace PhotoRepository.Web.Tests.Account;

public class TwoFactorTests(AppFactory factory) : IClassFixture<AppFactory>
{
    private static Dictionary<string, string> Code(string code) => new() { ["Input.Code"] = code };

    [Fact]
    public async Task A_DOJ_user_must_give_the_authenticator_code_after_the_password()
    {
        var client = factory.NewClient();
        var login = await client.GetPageAsync("/Account/Login");
        var afterPassword = await client.SubmitAsync(login, "form", new Dictionary<string, string> { ["Input.Email"] = DemoData.DojStaff, ["Input.Password"] = DemoData.Password });
        Assert.Contains("/Account/LoginWith2fa", afterPassword.Headers.Location!.ToString());

        // Password alone is not a session.
        Assert.Contains("/Account/Login", (await client.GetAsync("/State/Doj")).Headers.Location!.ToString());

        var codePage = await client.GetPageAsync(afterPassword.Headers.Location.ToString());
        var wrong = await client.SubmitAsync(codePage, "form", Code("000000"));
        Assert.Contains("not right", (await Browser.ParseAsync(wrong)).QuerySelector(".errors")!.TextContent);

        codePage = await client.GetPageAsync(afterPassword.Headers.Location.ToString());
        var right = await client.SubmitAsync(codePage, "form", Code(await TotpLedger.For(client).NextCodeAsync(DemoData.DojStaff, DemoData.AuthenticatorKey)));
        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/State/Doj")).StatusCode);
    }

    [Fact]
    public async Task A_DOJ_user_without_an_authenticator_is_made_to_enrol_before_reaching_any_DOJ_page()
    {
        const string email = "new.investigator@doj.example";
        await factory.WithDbAsync(async _ =>
        {
            using var scope = factory.Services.CreateScope();
            var (user, errors) = await AccountSeeder.CreateAsync(scope.ServiceProvider, email, DemoData.Password, Roles.DojStaff, "New investigator");
            Assert.True(user is not null, string.Join(" ", errors));
            return 0;
        });
        var client = await factory.SignedInClientAsync(email);

        var refused = await client.GetAsync("/State/Doj");
        Assert.Contains("/Account/EnableAuthenticator", refused.Headers.Location!.ToString());
        foreach (var doj in new[] { "/State/Doj/Search", "/State/Doj/History", "/State/Doj/Cases" })
        {
            var sent = await client.GetAsync(doj);
            Assert.True(sent.StatusCode == HttpStatusCode.Redirect, $"{doj} answered {(int)sent.StatusCode} before enrolment");
            Assert.Contains("/Account/EnableAuthenticator", sent.Headers.Location!.ToString());
        }

        var setUp = await client.GetPageAsync(refused.Headers.Location.ToString());
        var key = setUp.QuerySelector(".shared-key")!.TextContent.Replace(" ", "").ToUpperInvariant();
        var enabled = await client.SubmitAsync(setUp, "main form", Code(Totp.Code(key, factory.Time.GetUtcNow())));
        var shown = await Browser.ParseAsync(enabled);
        Assert.True(shown.QuerySelectorAll(".recovery-codes li").Length == 10, $"{(int)enabled.StatusCode} {enabled.Headers.Location} {shown.QuerySelector("main")?.TextContent}");
        Assert.Equal(10, shown.QuerySelectorAll(".recovery-codes li").Length);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/State/Doj")).StatusCode);

        // Next time: password, then a recovery code instead of the app.
        var recovery = shown.QuerySelectorAll(".recovery-codes code").First().TextContent;
        var next = factory.NewClient();
        var login = await next.GetPageAsync("/Account/Login");
        var second = await next.SubmitAsync(login, "form", new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = DemoData.Password });
        var recoveryPage = await next.GetPageAsync("/Account/LoginWithRecoveryCode");
        var signedIn = await next.SubmitAsync(recoveryPage, "form", new Dictionary<string, string> { ["Input.RecoveryCode"] = recovery });
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await next.GetAsync("/State/Doj")).StatusCode);
        Assert.True(factory.WithDb(db => db.AuditEvents.Any(a => a.UserName == email && a.Action == "SignInRecoveryCode")));
        _ = second;
    }

    [Fact]
    public async Task A_DOJ_session_ends_after_fifteen_idle_minutes_but_a_clerks_does_not()
    {
        var time = new FakeTimeProvider(AppFactory.Start);
        using var app = factory.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(time)));
        var doj = app.CreateClient(new() { AllowAutoRedirect = false });
        // The app checks the authenticator code against this clock, so the code comes from it too.
        TotpLedger.Use(doj, new TotpLedger(time, time.Advance));
        await doj.SignInAsync(DemoData.DojStaff);
        var clerk = app.CreateClient(new() { AllowAutoRedirect = false });
        await clerk.SignInAsync(DemoData.HelenaClerk);
        Assert.Equal(HttpStatusCode.OK, (await doj.GetAsync("/State/Doj")).StatusCode);

        time.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(HttpStatusCode.OK, (await doj.GetAsync("/State/Doj")).StatusCode);

        time.Advance(TimeSpan.FromMinutes(16));
        Assert.Contains("/Account/Login", (await doj.GetAsync("/State/Doj")).Headers.Location!.ToString());
        Assert.Equal(HttpStatusCode.OK, (await clerk.GetAsync("/District")).StatusCode);
    }
}
