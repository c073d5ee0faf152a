using Serilog;

namespace PhotoRepository.Web.Setup;

public static class LoggingSetup
{
    public static void AddLogging(this WebApplicationBuilder builder) =>
        builder.Services.AddSerilog((services, config) => config
            .ReadFrom.Configuration(builder.Configuration)
            .ReadFrom.Services(services)
            .Enrich.FromLogContext()
            // A request's log line is handed to a background writer: the console sink writes under a lock, and at
            // a few hundred requests a second requests queued on it. Full buffer: wait, never drop a line.
            .WriteTo.Async(sink => sink.Console(), blockWhenFull: true));
}
