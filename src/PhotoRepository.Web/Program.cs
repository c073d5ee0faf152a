using PhotoRepository.Web.Pages.Account;
using PhotoRepository.Web.Setup;
using Serilog;

// `probe`: the container health check asks a running instance's /health, without starting an app itself.
if (args is ["probe", ..])
{
    Environment.ExitCode = await HealthProbe.RunAsync(args);
    return;
}

var builder = WebApplication.CreateBuilder(args);

builder.AddLogging();
builder.RequireSafeProductionSettings();
builder.Services.AddTransportSecurity(builder.Configuration);
builder.Services.AddRequestLimits();
builder.Services.AddDatabase(builder.Configuration);
builder.Services.AddAccounts(builder.Configuration);
builder.Services.AddTwoFactorRules(builder.Configuration);
builder.Services.AddPages();
builder.Services.AddSessionTiming();
builder.Services.AddJobs(builder.Configuration);
builder.Services.AddPhotoRepositoryServices(builder.Configuration);
builder.Services.AddHealthChecks().AddDbContextCheck<PhotoRepository.Core.Data.PhotoRepositoryDbContext>("database");

var app = builder.Build();
app.ConfigureImageLibraries();

// `create-admin` and `migrate` are operator commands: they run and exit without serving.
if (await AdminCommands.TryRunAsync(app, args)) return;

await app.PrepareDatabaseAsync();

app.UseForwardedHeaders();
app.UseSecurityHeaders();
app.UseSerilogRequestLogging();
app.UseStaticFiles();
app.UseRouting();
app.UseAuthentication();
app.UseAuthorization();
app.UseForcedPasswordChange();
app.UseRateLimiter();
app.UseAllowedPageMethods();
app.UseJobs();
// Over-limit uploads get their page back with the size message (Setup/UploadLimits.cs).
app.UseUploadLimits();
app.MapHealthChecks("/health").AllowAnonymous();
app.MapRazorPages();
app.MapPhotoEndpoints();
app.MapSession();

app.Run();

public partial class Program;
