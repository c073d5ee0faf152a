using System.Text.RegularExpressions;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace PhotoRepository.Core.Tests.SqlServer;

/// <summary>The login script docker-compose runs as sa, and what it gives the application's login.</summary>
public class DeploymentScriptTests
{
    private static string RepoFile(params string[] parts)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "PhotoRepository.sln"))) dir = dir.Parent;
        return File.ReadAllText(Path.Combine([dir!.FullName, .. parts]));
    }

    private static string InitScript() =>
        RepoFile("deploy", "sql", "init.sql").Replace("$(MIGRATOR_PASSWORD)", "Migr4tor!pass").Replace("$(APP_PASSWORD)", "App!pass123");

    [Fact]
    public void The_login_script_parses_as_TSql()
    {
        new TSql160Parser(true).Parse(new StringReader(InitScript()), out var errors);
        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors.Select(e => $"line {e.Line}: {e.Message}")));
    }

    [Fact]
    public void The_app_login_gets_rows_only_and_is_denied_altering_tables()
    {
        var script = InitScript();
        var appRoles = Regex.Matches(script, @"ALTER ROLE \[(\w+)\] ADD MEMBER \[photorepo_app\]").Select(m => m.Groups[1].Value).Order().ToList();
        Assert.Equal(["db_datareader", "db_datawriter"], appRoles);
        Assert.DoesNotMatch(@"GRANT [^;]*TO \[photorepo_app\]", script);
        // ALTER on the table is what DISABLE TRIGGER, DROP TRIGGER and TRUNCATE need.
        Assert.Contains("DENY ALTER ON SCHEMA::[dbo] TO [photorepo_app];", script);
    }

    [Fact]
    public void Compose_runs_the_app_as_its_own_login_with_health_checks_and_one_shot_setup()
    {
        var compose = RepoFile("docker-compose.yml");
        var app = compose[compose.IndexOf("\n  app:", StringComparison.Ordinal)..];
        Assert.Contains("User Id=photorepo_app;", app);
        Assert.DoesNotContain("User Id=sa", compose);
        Assert.Contains("healthcheck:", app);
        Assert.Contains("Jobs__PrepareSchema: \"false\"", app);
        Assert.Contains("condition: service_completed_successfully", app);
        Assert.Contains("User Id=photorepo_migrator;", compose);
    }
}
