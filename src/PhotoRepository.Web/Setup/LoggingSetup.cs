using Serilog;

namespace PhotoRepository.Web.Setup;

public static class LoggingSetup
{
    public static void AddLogging(this WebApplicationBuilder builder) =>
        builder.Services.AddSerilog((services, config) => config
            .ReadFrom.Configuration(builder.Configuration)
            .ReadFrom.Services(services)
            .Enrich.FromLogContext()
            .WriteTo.Console());
}
