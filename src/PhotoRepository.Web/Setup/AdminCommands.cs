using Microsoft.EntityFrameworkCore;
using PhotoRepository.Core.Data;
using PhotoRepository.Core.Security;
using PhotoRepository.Web.Seeding;

namespace PhotoRepository.Web.Setup;

/// <summary>
/// Operator commands, run as `dotnet PhotoRepository.Web.dll &lt;command&gt;`:
///   migrate                                   apply the database migrations and exit
///   create-admin --email E --password P       create an Administrator account and exit
/// </summary>
public static class AdminCommands
{
    public static async Task<bool> TryRunAsync(WebApplication app, string[] args)
    {
        if (args.Length == 0) return false;
        switch (args[0])
        {
            case "migrate":
                await MigrateAsync(app);
                return true;
            case "create-admin":
                Environment.ExitCode = await CreateAdminAsync(app, args);
                return true;
            default:
                return false;
        }
    }

    private static async Task MigrateAsync(WebApplication app)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PhotoRepositoryDbContext>();
        await db.Database.MigrateAsync();
        await SearchKeys.RefoldBlankAsync(db);
        await AccountSeeder.EnsureRolesAsync(scope.ServiceProvider);
        Console.WriteLine("Database migrated.");
    }

    private static async Task<int> CreateAdminAsync(WebApplication app, string[] args)
    {
        var email = Option(args, "--email");
        var password = Option(args, "--password") ?? Environment.GetEnvironmentVariable("ADMIN_PASSWORD");
        if (email is null || password is null)
        {
            Console.Error.WriteLine("Usage: create-admin --email someone@agency.example --password '...'  (or ADMIN_PASSWORD in the environment)");
            return 2;
        }
        await app.PrepareDatabaseAsync();
        using var scope = app.Services.CreateScope();
        var (user, errors) = await AccountSeeder.CreateAsync(scope.ServiceProvider, email, password, Roles.Administrator, "Administrator");
        if (user is null)
        {
            Console.Error.WriteLine("The account was not created: " + string.Join(" ", errors));
            return 1;
        }
        Console.WriteLine($"Administrator {email} is ready.");
        return 0;
    }

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
