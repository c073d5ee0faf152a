using System.Net;
using PhotoRepository.Web.Tests.Infrastructure;

namespace PhotoRepository.Web.Tests;

public class HealthTests(AppFactory factory) : IClassFixture<AppFactory>
{
    private static readonly HttpStatusCode[] Refused = [HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden, HttpStatusCode.Redirect];

    [Fact]
    public async Task Health_reports_the_database_reachable_without_signing_in()
    {
        var response = await factory.NewClient().GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Every_page_carries_the_security_headers()
    {
        var response = await factory.NewClient().GetAsync("/Account/Login");
        Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.DoesNotContain("unsafe-inline", response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
    }

    [Fact]
    public async Task The_job_dashboard_is_for_administrators_only()
    {
        var clerk = await factory.SignedInClientAsync(Who.Clerk.Email()!);
        var state = await factory.SignedInClientAsync(Who.State.Email()!);
        var admin = await factory.SignedInClientAsync(Who.Admin.Email()!);
        var anonymous = await factory.NewClient().GetAsync("/jobs");
        Assert.Contains("/Account/Login", anonymous.Headers.Location?.ToString());
        Assert.Contains((await clerk.GetAsync("/jobs")).StatusCode, Refused);
        Assert.Contains((await state.GetAsync("/jobs")).StatusCode, Refused);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/jobs")).StatusCode);
    }
}
