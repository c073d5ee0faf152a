using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace PhotoRepository.Web.Setup;

/// <summary>
/// What Production must have before it serves anyone, and how it sits behind the TLS proxy: forwarded headers
/// only from the proxies configured, HSTS for a year, Secure cookies over HTTPS.
/// </summary>
public static class ProductionSetup
{
    /// <summary>Refuses to start Production with demo accounts (their authenticator key is published) or with
    /// data-protection keys unencrypted at rest (unless explicitly allowed).</summary>
    public static void RequireSafeProductionSettings(this WebApplicationBuilder builder)
    {
        if (!builder.Environment.IsProduction()) return;
        var config = builder.Configuration;
        if (config.GetValue<bool>("Seed:DemoData"))
            throw new InvalidOperationException(
                "Refusing to start: Seed:DemoData=true in Production would create the demo accounts, whose password and authenticator key are published. Remove Seed__DemoData (or set it to false).");
        if (string.IsNullOrWhiteSpace(config["DataProtection:CertificatePath"]) && !config.GetValue<bool>("DataProtection:AllowUnprotectedKeys"))
            throw new InvalidOperationException(
                "Refusing to start: Production needs DataProtection:CertificatePath (a PKCS#12 certificate every instance has) to encrypt the sign-in keys at rest. "
                + "Set DataProtection__CertificatePath (and DataProtection__CertificatePassword), or set DataProtection__AllowUnprotectedKeys=true to run without it knowingly.");
    }

    public static IServiceCollection AddTransportSecurity(this IServiceCollection services, IConfiguration config)
    {
        services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            options.ForwardLimit = 1;
            // Only the proxies named here are believed; anything else sending X-Forwarded-* is ignored.
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            foreach (var proxy in Split(config["ForwardedHeaders:KnownProxies"]))
                options.KnownProxies.Add(IPAddress.Parse(proxy));
            foreach (var network in Split(config["ForwardedHeaders:KnownNetworks"]))
                options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
        });
        services.AddHsts(options =>
        {
            options.MaxAge = TimeSpan.FromDays(365);
            options.IncludeSubDomains = true;
        });
        return services;
    }

    private static string[] Split(string? list) =>
        (list ?? "").Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
