using System.ComponentModel.DataAnnotations;

namespace PhotoRepository.Web.Setup;

/// <summary>"Sync": when the nightly sync runs and how often it decides every student.</summary>
public sealed class SyncOptions
{
    public const string Section = "Sync";

    /// <summary>A nightly run decides every student when the last full run is this many days old (decision 0005).</summary>
    [Range(1, 365, ErrorMessage = "Sync:FullRunEveryDays must be between 1 and 365.")]
    public int FullRunEveryDays { get; set; } = 7;

    [Required(ErrorMessage = "Sync:NightlyCron is required (cron, e.g. \"0 1 * * *\").")]
    public string NightlyCron { get; set; } = "0 1 * * *";

    /// <summary>The zone the schedules are read in (an IANA id).</summary>
    [Required(ErrorMessage = "Sync:TimeZone is required (an IANA zone id).")]
    public string TimeZone { get; set; } = "America/Denver";
}

/// <summary>"Doj": limits on DOJ sessions and searches.</summary>
public sealed class DojOptions
{
    public const string Section = "Doj";

    /// <summary>Searches one DOJ user may make per minute, counted across every instance.</summary>
    [Range(1, 100_000, ErrorMessage = "Doj:SearchesPerMinute must be between 1 and 100000.")]
    public int SearchesPerMinute { get; set; } = 30;

    /// <summary>A DOJ session ends after this many idle minutes.</summary>
    [Range(1, 1440, ErrorMessage = "Doj:IdleMinutes must be between 1 and 1440.")]
    public int IdleMinutes { get; set; } = 15;
}

/// <summary>"Jobs": whether this instance runs Hangfire jobs, and with how many workers.</summary>
public sealed class JobsOptions
{
    public const string Section = "Jobs";

    public bool RunServer { get; set; } = true;

    /// <summary>Hangfire workers; unset: the processor count, at least 2.</summary>
    [Range(1, 256, ErrorMessage = "Jobs:WorkerCount must be between 1 and 256.")]
    public int? WorkerCount { get; set; }
}

/// <summary>"Seed": demo data for the embedded default and the tests.</summary>
public sealed class SeedOptions
{
    public const string Section = "Seed";

    public bool DemoData { get; set; }
}

public static class OptionsSetup
{
    /// <summary>Each section bound once, checked by its annotations when the app starts: a bad value stops start-up with its message.</summary>
    public static IServiceCollection AddPhotoRepositoryOptions(this IServiceCollection services)
    {
        services.AddOptions<SyncOptions>().BindConfiguration(SyncOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<DojOptions>().BindConfiguration(DojOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<JobsOptions>().BindConfiguration(JobsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<SeedOptions>().BindConfiguration(SeedOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<Core.Photos.PhotoLimits>().BindConfiguration("Photos").ValidateDataAnnotations().ValidateOnStart();
        return services;
    }

    /// <summary>A section read while services are still being registered (before options can be resolved).</summary>
    public static T Read<T>(IConfiguration config, string section) where T : new() => config.GetSection(section).Get<T>() ?? new T();
}
