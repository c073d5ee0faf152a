using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using PhotoRepository.Web.Tests.Infrastructure;

namespace PhotoRepository.Web.Tests.Security;

/// <summary>Issue 12 items 10 and 11: Production refuses unsafe settings and honours its proxy; the legal records are append-only in the database.</summary>
public class ProductionAndRecordTests(AppFactory factory) : IClassFixture<AppFactory>
{
    private sealed class ProductionApp(Dictionary<string, string?> settings, string? remoteIp = null) : AppFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseEnvironment("Production");
            foreach (var (key, value) in settings) builder.UseSetting(key, value);
            if (remoteIp is not null)
                builder.ConfigureTestServices(s => s.AddSingleton<Microsoft.AspNetCore.Hosting.IStartupFilter>(new RemoteIp(remoteIp)));
        }
    }

    /// <summary>TestServer has no remote address: this plays the TLS proxy's connection.</summary>
    private sealed class RemoteIp(string ip) : Microsoft.AspNetCore.Hosting.IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) => { context.Connection.RemoteIpAddress = System.Net.IPAddress.Parse(ip); return nextMiddleware(context); });
            next(app);
        };
    }

    [Fact]
    public void Production_refuses_demo_data()
    {
        using var app = new ProductionApp(new() { ["Seed:DemoData"] = "true", ["DataProtection:AllowUnprotectedKeys"] = "true" });
        var e = Assert.ThrowsAny<Exception>(() => app.CreateClient());
        Assert.Contains("Seed:DemoData", e.ToString());
    }

    [Fact]
    public void Production_refuses_to_start_without_a_data_protection_certificate_unless_allowed()
    {
        using var app = new ProductionApp(new() { ["Seed:DemoData"] = "false" });
        var e = Assert.ThrowsAny<Exception>(() => app.CreateClient());
        Assert.Contains("DataProtection__CertificatePath", e.ToString());
    }

    [Fact]
    public async Task Behind_a_configured_proxy_cookies_are_secure_and_hsts_lasts_a_year_but_an_unknown_sender_is_not_believed()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Seed:DemoData"] = "false", ["DataProtection:AllowUnprotectedKeys"] = "true", ["ForwardedHeaders:KnownProxies"] = "10.9.8.7",
        };
        using var app = new ProductionApp(settings, "10.9.8.7");
        var client = app.CreateClient(new() { AllowAutoRedirect = false, BaseAddress = new Uri("http://photos.example.org") });
        var request = new HttpRequestMessage(HttpMethod.Get, "/Account/Login");
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-For", "203.0.113.5");
        var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("max-age=31536000", string.Join(";", response.Headers.GetValues("Strict-Transport-Security")));
        var antiforgery = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("PhotoRepository.Antiforgery"));
        Assert.Contains("secure", antiforgery, StringComparison.OrdinalIgnoreCase);

        using var untrusted = new ProductionApp(settings, "10.1.1.1");
        var other = untrusted.CreateClient(new() { AllowAutoRedirect = false, BaseAddress = new Uri("http://photos.example.org") });
        var spoofed = new HttpRequestMessage(HttpMethod.Get, "/Account/Login");
        spoofed.Headers.Add("X-Forwarded-Proto", "https");
        var answer = await other.SendAsync(spoofed);
        // Not believed: the request stays plain HTTP, so no HSTS and no cookie claims to be Secure.
        Assert.False(answer.Headers.Contains("Strict-Transport-Security"));
        if (answer.Headers.TryGetValues("Set-Cookie", out var cookies))
            Assert.DoesNotContain(cookies, c => c.Contains("secure", StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [InlineData("UPDATE DisclosureRecords SET CaseNumber = 'X'")]
    [InlineData("DELETE FROM DisclosureRecords")]
    [InlineData("UPDATE AuditEvents SET Action = 'X'")]
    [InlineData("DELETE FROM AuditEvents")]
    [InlineData("UPDATE OptInChanges SET NewValue = 1")]
    [InlineData("DELETE FROM OptInChanges")]
    public async Task The_legal_records_refuse_update_and_delete_in_the_database_itself(string sql)
    {
        _ = factory.NewClient();
        await factory.WithDbAsync(async db =>
        {
            db.AuditEvents.Add(new Core.Entities.AuditEvent { Action = "Test", At = DateTime.UtcNow });
            db.DisclosureRecords.Add(new Core.Entities.DisclosureRecord { At = DateTime.UtcNow, UserName = "t", Kind = Core.Entities.DisclosureKind.Search });
            return await db.SaveChangesAsync();
        });
        Assert.True(factory.WithDb(db => db.OptInChanges.Any()), "the demo data has opt-in history to attack");
        await using var connection = new SqliteConnection($"Data Source={factory.DatabasePath}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var e = await Assert.ThrowsAsync<SqliteException>(() => command.ExecuteNonQueryAsync());
        Assert.Contains("append-only", e.Message);
    }
}
