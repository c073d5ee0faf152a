using Microsoft.Extensions.DependencyInjection;

namespace PhotoRepository.Web.Tests;

/// <summary>Each configuration section is bound once and checked at start-up: a bad value stops the app with its own message.</summary>
public class OptionsTests
{
    [Theory]
    [InlineData("Sync:FullRunEveryDays", "0", "Sync:FullRunEveryDays must be between 1 and 365.")]
    [InlineData("Doj:SearchesPerMinute", "0", "Doj:SearchesPerMinute must be between 1 and 100000.")]
    [InlineData("Doj:IdleMinutes", "-5", "Doj:IdleMinutes must be between 1 and 1440.")]
    [InlineData("Photos:MaxFileBytes", "0", "Photos:MaxFileBytes must be at least 1.")]
    [InlineData("Jobs:WorkerCount", "0", "Jobs:WorkerCount must be between 1 and 256.")]
    public void A_bad_setting_stops_start_up_with_its_message(string key, string value, string message)
    {
        using var factory = new AppFactory();
        factory.Settings[key] = value;
        var error = Record.Exception(() => factory.Server);
        Assert.NotNull(error);
        Assert.Contains(message, Messages(error));
    }

    [Fact]
    public void The_sections_bind_to_the_services_that_use_them()
    {
        using var factory = new AppFactory();
        factory.Settings["Doj:SearchesPerMinute"] = "7";
        factory.Settings["Photos:MaxFileBytes"] = "1048576";
        using var scope = factory.Services.CreateScope();
        Assert.Equal(7, scope.ServiceProvider.GetRequiredService<Disclosure.SearchRateLimit>().PerMinute);
        Assert.Equal("1 MB", scope.ServiceProvider.GetRequiredService<Core.Photos.PhotoLimits>().MaxFileText);
    }

    private static string Messages(Exception error) => error switch
    {
        AggregateException all => string.Join("\n", all.InnerExceptions.Select(Messages)),
        { InnerException: { } inner } => error.Message + "\n" + Messages(inner),
        _ => error.Message,
    };
}
