using Microsoft.EntityFrameworkCore;
using PhotoRepository.Core.Data;
using PhotoRepository.Core.Security;
using PhotoRepository.Web.Seeding;

namespace PhotoRepository.Web.Setup;

/// <summary>
/// Operator commands, run as `dotnet PhotoRepository.Web.dll &lt;command&gt;`:
///   migrate                                   apply the database migrations (and, on SQL Server, Hangfire's schema) and exit
///   create-admin --email E --password P       create an Administrator account and exit
///   backup [--to FILE]                        write a consistent copy of the SQLite database (while the app may serve) and exit
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
            case "backup":
                Environment.ExitCode = await BackupAsync(app, args);
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
        if (DatabaseSetup.Provider(app.Configuration) == DatabaseProvider.SqlServer)
        {
            // Hangfire's tables too, so the app can run under a login that creates no tables (Jobs:PrepareSchema=false).
            await using var connection = new Microsoft.Data.SqlClient.SqlConnection(db.Database.GetConnectionString());
            await connection.OpenAsync();
            Hangfire.SqlServer.SqlServerObjectsInstaller.Install(connection);
        }
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

    private static async Task<int> BackupAsync(WebApplication app, string[] args)
    {
        using var scope = app.Services.CreateScope();
        try
        {
            var path = await scope.ServiceProvider.GetRequiredService<DatabaseBackup>().WriteAsync(Option(args, "--to"));
            Console.WriteLine($"Backed up to {path}.");
            return 0;
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or Microsoft.Data.Sqlite.SqliteException)
        {
            Console.Error.WriteLine("The backup failed: " + e.Message);
            return 1;
        }
    }

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
