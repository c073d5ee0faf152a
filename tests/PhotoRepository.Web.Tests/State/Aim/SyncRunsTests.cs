using System.Net;
using PhotoRepository.Core.Entities;
using PhotoRepository.Web.Seeding;
using PhotoRepository.Web.Tests.Infrastructure;

namespace PhotoRepository.Web.Tests.State.Aim;

public class SyncRunsTests(AppFactory factory) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task State_staff_see_the_runs_with_their_counts_and_can_start_one()
    {
        var client = await factory.SignedInClientAsync(DemoData.StateStaff);
        var page = await client.GetPageAsync("/State/Aim/SyncRuns");
        var first = page.QuerySelector("table.sync-runs tbody tr")!;
        Assert.Contains("Succeeded", first.TextContent);
        var copied = factory.WithDb(db => db.SyncRuns.First().Totals.Copied);
        Assert.True(copied > 0);
        Assert.Contains(copied.ToString(), first.TextContent);

        var response = await client.SubmitAsync(page, "main form", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.True(factory.WithDb(db => db.AuditEvents.Any(a => a.Action == "SyncRequested" && a.UserName == DemoData.StateStaff)));
    }

    [Fact]
    public async Task The_demo_state_repository_starts_synced_with_opted_in_current_photos_only()
    {
        var (optedOutWithPhoto, optedInAvailable) = factory.WithDb(db => (
            db.StatePhotos.Count(p => p.StateStudent!.OptIn != OptInChoice.OptIn),
            db.StatePhotos.Count(p => p.StateStudent!.OptIn == OptInChoice.OptIn)));
        Assert.Equal(0, optedOutWithPhoto);
        Assert.True(optedInAvailable > 0);
        var client = await factory.SignedInClientAsync(DemoData.StateStaff);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/State/Aim/SyncRuns/Details/" + factory.WithDb(db => db.SyncRuns.First().Id))).StatusCode);
    }
}
