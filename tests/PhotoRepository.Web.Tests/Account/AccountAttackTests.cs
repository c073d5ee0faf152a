using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PhotoRepository.Core.Entities;
using PhotoRepository.Core.Security;
using PhotoRepository.Web.Pages.Account;
using PhotoRepository.Web.Seeding;
using PhotoRepository.Web.Tests.Infrastructure;

namespace PhotoRepository.Web.Tests.Account;

/// <summary>Issue 12 items 6-9 and the route id: sessions, second factor, guessing, passwords, tried as an attacker would.</summary>
public class AccountAttackTests(AppFactory factory) : IClassFixture<AppFactory>
{
    private async Task<string> CreateAsync(string email, string role = Roles.StateStaff, int? district = null)
    {
        using var scope = factory.Services.CreateScope();
        var (user, errors) = await AccountSeeder.CreateAsync(scope.ServiceProvider, email, DemoData.Password, role, email, district);
        Assert.True(user is not null, string.Join(" ", errors));
        return user!.Id;
    }

    private static string? AuthCookie(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var values)
            ? values.Select(v => v.Split(';')[0]).LastOrDefault(v => v.StartsWith("PhotoRepository.Auth=") && v.Length > "PhotoRepository.Auth=".Length)
            : null;

    private static async Task<(HttpClient Client, string Cookie)> SignInKeepingCookieAsync(WebApplicationFactory app, string email)
    {
        var client = app.CreateClient(new() { AllowAutoRedirect = false });
        var response = await client.SignInAsync(email);
        var cookie = AuthCookie(response);
        Assert.True(cookie is not null, $"no sign-in cookie for {email}: {(int)response.StatusCode}");
        return (client, cookie!);
    }

    private static HttpClient WithCookie(WebApplicationFactory app, string cookie)
    {
        var client = app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        client.DefaultRequestHeaders.Add("Cookie", cookie);
        return client;
    }

    private static bool SignedOut(HttpResponseMessage r) => r.StatusCode == HttpStatusCode.Redirect && r.Headers.Location!.ToString().Contains("/Account/Login");

    private sealed class WebApplicationFactory(Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> inner)
    {
        public HttpClient CreateClient(Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions o) => inner.CreateClient(o);
    }

    [Fact]
    public async Task A_cookie_saved_before_logout_lock_or_two_factor_reset_stops_working_within_a_minute()
    {
        // The fixture's own clock: this app and the fixture check authenticator codes against one timeline.
        var time = factory.Time;
        using var host = factory.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(time)));
        var app = new WebApplicationFactory(host);
        await CreateAsync("saved.cookie@state.example");
        await CreateAsync("locked.cookie@state.example");

        // Logout
        var (client, saved) = await SignInKeepingCookieAsync(app, "saved.cookie@state.example");
        var home = await client.GetPageAsync("/State/Aim");
        var logout = await client.SubmitAsync(home, "form[action='/Account/Logout']", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);
        time.Advance(TimeSpan.FromSeconds(61));
        Assert.True(SignedOut(await WithCookie(app, saved).GetAsync("/State/Aim")), "a cookie saved before logout still works");

        // An administrator locks the account: the open session ends within a minute.
        var (victim, victimCookie) = await SignInKeepingCookieAsync(app, "locked.cookie@state.example");
        Assert.Equal(HttpStatusCode.OK, (await victim.GetAsync("/State/Aim")).StatusCode);
        var admin = app.CreateClient(new() { AllowAutoRedirect = false });
        TotpLedger.Use(admin, factory.Codes);
        await admin.SignInAsync(DemoData.Administrator);
        var id = factory.WithDb(db => db.Users.Single(u => u.Email == "locked.cookie@state.example").Id);
        var edit = await admin.GetPageAsync($"/Admin/Accounts/Edit/{id}");
        Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitAsync(edit, "form[action*='handler=Lock']", new Dictionary<string, string>())).StatusCode);
        time.Advance(TimeSpan.FromSeconds(61));
        Assert.True(SignedOut(await WithCookie(app, victimCookie).GetAsync("/State/Aim")), "a locked account's session still works");
    }

    [Fact]
    public async Task A_clerk_moved_to_another_district_loses_the_old_districts_pages_within_a_minute()
    {
        var time = factory.Time;
        using var host = factory.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(time)));
        var app = new WebApplicationFactory(host);
        var (helena, missoula) = factory.WithDb(db => (db.Districts.Single(d => d.Name.StartsWith("Helena")).Id, db.Districts.Single(d => d.Name.StartsWith("Missoula")).Id));
        var helenaStudent = factory.WithDb(db => db.Students.IgnoreQueryFilters().First(s => s.DistrictId == helena).Id);
        await CreateAsync("moved.clerk@district.example", Roles.DistrictClerk, helena);
        var (clerk, cookie) = await SignInKeepingCookieAsync(app, "moved.clerk@district.example");
        Assert.Equal(HttpStatusCode.OK, (await clerk.GetAsync($"/District/Students/Details/{helenaStudent}")).StatusCode);

        var admin = app.CreateClient(new() { AllowAutoRedirect = false });
        TotpLedger.Use(admin, factory.Codes);
        await admin.SignInAsync(DemoData.Administrator);
        var id = factory.WithDb(db => db.Users.Single(u => u.Email == "moved.clerk@district.example").Id);
        // A clerk without a district is refused, and nothing changes.
        var edit = await admin.GetPageAsync($"/Admin/Accounts/Edit/{id}");
        await admin.SubmitAsync(edit, "#change-role", new Dictionary<string, string> { ["NewRole"] = Roles.DistrictClerk, ["NewDistrictId"] = "" });
        Assert.Equal(helena, factory.WithDb(db => db.Users.Single(u => u.Id == id).DistrictId));

        edit = await admin.GetPageAsync($"/Admin/Accounts/Edit/{id}");
        var moved = await admin.SubmitAsync(edit, "#change-role", new Dictionary<string, string> { ["NewRole"] = Roles.DistrictClerk, ["NewDistrictId"] = missoula.ToString() });
        Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);
        Assert.Equal(missoula, factory.WithDb(db => db.Users.Single(u => u.Id == id).DistrictId));
        Assert.True(factory.WithDb(db => db.AuditEvents.Any(a => a.Action == "RoleChanged" && a.EntityId == "moved.clerk@district.example")), "the role change is not in the audit trail");

        // An administrator cannot change their own role (the state could be left without one).
        var adminId = factory.WithDb(db => db.Users.Single(u => u.Email == DemoData.Administrator).Id);
        var own = await admin.GetPageAsync($"/Admin/Accounts/Edit/{adminId}");
        await admin.SubmitAsync(own, "#change-role", new Dictionary<string, string> { ["NewRole"] = Roles.StateStaff, ["NewDistrictId"] = "" });
        Assert.True(factory.WithDb(db => db.UserRoles.Any(r => r.UserId == adminId && db.Roles.Any(x => x.Id == r.RoleId && x.Name == Roles.Administrator))),
            "an administrator changed their own role");

        time.Advance(TimeSpan.FromSeconds(61));
        var old = await WithCookie(app, cookie).GetAsync($"/District/Students/Details/{helenaStudent}");
        Assert.True(SignedOut(old), $"the old Helena session still works after the move: {(int)old.StatusCode}");
    }

    [Fact]
    public async Task Every_session_ends_twelve_hours_after_sign_in_however_active()
    {
        var time = new AdjustableTime(factory.Time);
        using var host = factory.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(time)));
        var clerk = host.CreateClient(new() { AllowAutoRedirect = false });
        await clerk.SignInAsync(DemoData.HelenaClerk);
        for (var hour = 0; hour < 11; hour++)
        {
            time.Advance(TimeSpan.FromHours(1));
            Assert.Equal(HttpStatusCode.OK, (await clerk.GetAsync("/District")).StatusCode);
        }
        time.Advance(TimeSpan.FromMinutes(61));
        Assert.True(SignedOut(await clerk.GetAsync("/District")), "an active clerk session outlived 12 hours");
    }

    [Fact]
    public async Task An_authenticator_code_signs_in_once_and_a_minute_old_code_is_refused()
    {
        var first = factory.NewClient();
        var step = factory.Time.GetUtcNow().ToUnixTimeSeconds() / 30;
        // A code from two steps ago (a minute old) is refused.
        Assert.Equal(HttpStatusCode.OK, (await SecondStepAsync(first, Totp.Code(DemoData.AuthenticatorKey, DateTimeOffset.FromUnixTimeSeconds((step - 2) * 30)))).StatusCode);
        var code = Totp.Code(DemoData.AuthenticatorKey, DateTimeOffset.FromUnixTimeSeconds((step + 1) * 30));
        Assert.Equal(HttpStatusCode.Redirect, (await SecondStepAsync(factory.NewClient(), code)).StatusCode);
        // The same code again (an attacker who saw it): refused, and so is an older one.
        Assert.Equal(HttpStatusCode.OK, (await SecondStepAsync(factory.NewClient(), code)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SecondStepAsync(factory.NewClient(), Totp.Code(DemoData.AuthenticatorKey, DateTimeOffset.FromUnixTimeSeconds(step * 30)))).StatusCode);
        Assert.True(factory.WithDb(db => db.AuditEvents.Count(a => a.UserName == DemoData.DojStaff && a.Action == "SignIn2faFailed")) >= 3);
    }

    private static async Task<HttpResponseMessage> SecondStepAsync(HttpClient client, string code)
    {
        var login = await client.GetPageAsync("/Account/Login");
        var password = await client.SubmitAsync(login, "form", new Dictionary<string, string> { ["Input.Email"] = DemoData.DojStaff, ["Input.Password"] = DemoData.Password });
        var page = await client.GetPageAsync(password.Headers.Location!.ToString());
        return await client.SubmitAsync(page, "form", new Dictionary<string, string> { ["Input.Code"] = code });
    }

    [Fact]
    public async Task An_enrolled_key_is_never_shown_again_and_starting_over_needs_the_password()
    {
        var admin = await factory.SignedInClientAsync(DemoData.Administrator);
        var page = await admin.GetPageAsync("/Account/EnableAuthenticator");
        Assert.Null(page.QuerySelector(".shared-key"));
        Assert.DoesNotContain("otpauth://", page.Source.Text);
        Assert.DoesNotContain(DemoData.AuthenticatorKey, page.Source.Text, StringComparison.OrdinalIgnoreCase);
        // Posting the enrolment form anyway issues no recovery codes.
        var forged = await admin.PostAsync("/Account/EnableAuthenticator", new FormUrlEncodedContent([
            new("Input.Code", Totp.Code(DemoData.AuthenticatorKey, factory.Time.GetUtcNow())), new("__RequestVerificationToken", Browser.Token(page))]));
        Assert.Empty((await Browser.ParseAsync(forged)).QuerySelectorAll(".recovery-codes li"));
        // A wrong password changes nothing.
        var wrong = await admin.SubmitAsync(page, "#reset-authenticator", new Dictionary<string, string> { ["Reset.Password"] = "not-the-password-1A!" });
        Assert.Null((await Browser.ParseAsync(wrong)).QuerySelector(".shared-key"));
        Assert.True(factory.WithDb(db => db.Users.Single(u => u.Email == DemoData.Administrator).TwoFactorEnabled));
    }

    [Fact]
    public async Task Guessing_never_locks_an_account_and_known_and_unknown_accounts_get_the_same_answer()
    {
        var attacker = factory.NewClient();
        var messages = new HashSet<string>();
        foreach (var email in new[] { DemoData.MissoulaClerk, "nobody.here@nowhere.example" })
        {
            for (var i = 0; i < LoginThrottle.FailuresPerAccount + 2; i++)
            {
                var login = await attacker.GetPageAsync("/Account/Login");
                var response = await attacker.SubmitAsync(login, "form", new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = $"Wrong-guess-{i}!" });
                var text = (await Browser.ParseAsync(response)).QuerySelector(".errors")!.TextContent.Trim();
                messages.Add($"{i < LoginThrottle.FailuresPerAccount}:{(int)response.StatusCode}:{text}");
            }
        }
        // Exactly two answers whatever the account: "not right" while under the limit, then "too many".
        Assert.Equal(2, messages.Count);
        Assert.DoesNotContain(messages, m => m.Contains("locked", StringComparison.OrdinalIgnoreCase) && !m.Contains("administrator can tell"));
        Assert.Null(factory.WithDb(db => db.Users.Single(u => u.Email == DemoData.MissoulaClerk).LockoutEnd));
        // The account's owner, from elsewhere, is slowed too but never locked: the limit lifts by itself (sliding window).
        Assert.Contains(messages, m => m.Contains("Wait ten minutes"));
    }

    [Fact]
    public async Task An_admin_set_password_must_be_changed_and_common_or_short_passwords_are_refused()
    {
        var admin = await factory.SignedInClientAsync(DemoData.Administrator);
        var create = await admin.GetPageAsync("/Admin/Accounts/Create");
        var form = new Dictionary<string, string>
        {
            ["Input.Email"] = "forced.change@state.example", ["Input.DisplayName"] = "Forced", ["Input.Role"] = Roles.StateStaff, ["Input.Password"] = "Password123!",
        };
        var refused = await admin.SubmitAsync(create, "form#create-account, main form", form);
        Assert.Contains("most common passwords", await refused.Content.ReadAsStringAsync());
        form["Input.Password"] = "Admin-Chosen-Start-7";
        Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitAsync(create, "form#create-account, main form", form)).StatusCode);

        var person = factory.NewClient();
        await person.SignInAsync("forced.change@state.example", "Admin-Chosen-Start-7");
        var sent = await person.GetAsync("/State/Aim");
        Assert.Equal(PasswordChange.Path, sent.Headers.Location?.ToString());
        var change = await person.GetPageAsync(PasswordChange.Path);
        Assert.NotNull(change.QuerySelector("#forced-change"));
        foreach (var bad in new[] { "Short-1a!", "Password123!", "Qwerty123456!" })
        {
            var r = await person.SubmitAsync(change, "#change-password-form", new Dictionary<string, string>
            {
                ["Input.CurrentPassword"] = "Admin-Chosen-Start-7", ["Input.NewPassword"] = bad, ["Input.ConfirmPassword"] = bad,
            });
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        }
        var done = await person.SubmitAsync(change, "#change-password-form", new Dictionary<string, string>
        {
            ["Input.CurrentPassword"] = "Admin-Chosen-Start-7", ["Input.NewPassword"] = "Granite-Otter-Lantern-42", ["Input.ConfirmPassword"] = "Granite-Otter-Lantern-42",
        });
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await person.GetAsync("/State/Aim")).StatusCode);
        var fresh = factory.NewClient();
        Assert.Equal(HttpStatusCode.Redirect, (await fresh.SignInAsync("forced.change@state.example", "Granite-Otter-Lantern-42")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await fresh.GetAsync("/State/Aim")).StatusCode);
    }

    [Fact]
    public async Task A_form_field_id_cannot_redirect_an_admin_action_to_another_account()
    {
        var target = await CreateAsync("route.target@state.example");
        var bystander = await CreateAsync("route.bystander@state.example");
        var admin = await factory.SignedInClientAsync(DemoData.Administrator);
        var edit = await admin.GetPageAsync($"/Admin/Accounts/Edit/{target}");
        var response = await admin.SubmitAsync(edit, "form[action*='handler=Lock']", new Dictionary<string, string> { ["id"] = bystander });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var users = factory.WithDb(db => db.Users.Where(u => u.Id == target || u.Id == bystander).ToDictionary(u => u.Id, u => u.LockoutEnd));
        Assert.NotNull(users[target]);
        Assert.Null(users[bystander]);
    }
}
