using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PhotoRepository.Core.Entities;
using PhotoRepository.Core.Sync;
using PhotoRepository.Web.Seeding;
using PhotoRepository.Web.Tests.Infrastructure;

namespace PhotoRepository.Web.Tests.State.Aim;

/// <summary>The AIM home (last sync, run the sync) and the coverage chart with its sortable table twin.</summary>
public class AimHomeAndCoverageTests(RecordingJobsFactory factory) : IClassFixture<RecordingJobsFactory>
{
    [Fact]
    public async Task The_aim_and_clerk_homes_show_the_last_successful_sync_with_its_counts_and_the_aim_home_runs_the_sync()
    {
        using (var scope = factory.Services.CreateScope())
            await scope.ServiceProvider.GetRequiredService<StateSyncJob>().RunAsync(SyncTrigger.Manual, "home test");
        var (run, helena) = factory.WithDb(db => (db.SyncRuns.AsNoTracking().Where(r => r.Outcome == SyncOutcome.Succeeded).OrderByDescending(r => r.Id).First(),
            db.Districts.Single(d => d.Code == "0101").Id));
        var helenaCounts = factory.WithDb(db => db.SyncRunDistricts.AsNoTracking().Where(d => d.SyncRunId == run.Id && d.DistrictId == helena).Select(d => d.Counts).Single());

        var aim = await factory.SignedInClientAsync(DemoData.StateStaff);
        var home = await aim.GetPageAsync("/State/Aim");
        var line = home.QuerySelector("#last-sync")!.TextContent;
        Assert.Contains(Labels.When(run.EndedAt!.Value), line);
        Assert.Contains($"{run.Totals.Copied} photos copied", line);
        Assert.Contains($"{run.Totals.RemovedOptedOut} removed after an Opt Out", line);

        var clerk = await factory.SignedInClientAsync(DemoData.HelenaClerk);
        var district = (await clerk.GetPageAsync("/District")).QuerySelector("#last-sync")!.TextContent;
        Assert.Contains($"{helenaCounts.Copied} photos copied", district);
        Assert.Contains("for this district", district);

        var before = factory.Enqueued.Count;
        var response = await aim.SubmitAsync(home, "#run-sync", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(before + 1, factory.Enqueued.Count);
    }

    [Fact]
    public async Task Coverage_has_a_chart_per_district_and_a_table_twin_sortable_by_any_column_with_numbers_right_aligned()
    {
        var aim = await factory.SignedInClientAsync(DemoData.StateStaff);
        var page = await aim.GetPageAsync("/State/Aim/Coverage");

        var chart = page.QuerySelector("figure#coverage-chart")!;
        Assert.NotNull(page.QuerySelector("#" + chart.GetAttribute("aria-labelledby")));
        var rows = page.QuerySelectorAll("#coverage tbody tr").ToList();
        var districtsWithStudents = rows.Count(r => !r.ClassList.Contains("total") && r.Children[1].TextContent.Trim() != "0");
        // One bar (an SVG image with its figures as its name) per district with students, plus the state total.
        var bars = chart.QuerySelectorAll("svg[role=img]").ToList();
        Assert.Equal(districtsWithStudents + 1, bars.Count);
        var total = rows.Single(r => r.ClassList.Contains("total"));
        var label = bars.Last().GetAttribute("aria-label")!;
        Assert.Contains($"Opt Out {total.Children[3].TextContent.Trim()},", label);
        Assert.EndsWith($"of {total.Children[1].TextContent.Trim()} students", label);
        Assert.All(rows, r => Assert.All(r.Children.Skip(1), cell => Assert.Contains("num", cell.ClassName)));

        var byUptake = await aim.GetPageAsync("/State/Aim/Coverage?sort=uptake&desc=true");
        Assert.Equal("descending", byUptake.QuerySelector("th[aria-sort]")!.GetAttribute("aria-sort"));
        var uptake = byUptake.QuerySelectorAll("#coverage tbody tr:not(.total)")
            .Select(r => double.Parse(r.Children[9].TextContent, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(uptake.OrderByDescending(x => x), uptake);
        var byName = await aim.GetPageAsync("/State/Aim/Coverage?sort=district");
        var names = byName.QuerySelectorAll("#coverage tbody tr:not(.total)").Select(r => r.Children[0].TextContent).ToList();
        Assert.Equal(names.Order(StringComparer.CurrentCulture), names);
        // The state total stays last, whatever the order.
        Assert.Contains("total", byUptake.QuerySelectorAll("#coverage tbody tr").Last().ClassName);
    }
}
