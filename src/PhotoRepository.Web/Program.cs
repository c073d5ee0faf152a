using PhotoRepository.Web.Setup;
using Serilog;

var builder = WebApplication.CreateBuilder(args);

builder.AddLogging();
builder.Services.AddDatabase(builder.Configuration);
builder.Services.AddAccounts(builder.Configuration);
builder.Services.AddTwoFactorRules(builder.Configuration);
builder.Services.AddPages();
builder.Services.AddSessionTiming();
builder.Services.AddJobs(builder.Configuration);
builder.Services.AddPhotoRepositoryServices(builder.Configuration);
builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");

var app = builder.Build();
app.ConfigureImageLibraries();

// `create-admin` and `migrate` are operator commands: they run and exit without serving.
if (await AdminCommands.TryRunAsync(app, args)) return;

await app.PrepareDatabaseAsync();

app.UseSecurityHeaders();
app.UseSerilogRequestLogging();
app.UseStaticFiles();
app.UseRouting();
app.UseAuthentication();
app.UseAuthorization();
app.UseJobs();
app.MapHealthChecks("/health").AllowAnonymous();
app.MapRazorPages();
app.MapPhotoEndpoints();
app.MapSession();

app.Run();

public partial class Program;
