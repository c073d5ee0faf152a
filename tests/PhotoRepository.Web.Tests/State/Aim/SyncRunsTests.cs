using AngleSharp.Dom;

namespace PhotoRepository.Web.Tests.State.Aim;

public class SyncRunsTests(AppFactory factory) : IClassFixture<AppFactory>
{
    /// <summary>The cells of a table row by their column heading.</summary>
    private static Dictionary<string, string> Cells(IElement table, IElement row)
    {
        var headings = table.QuerySelectorAll("thead th").Select(h => h.TextContent.Trim()).ToList();
        var cells = row.QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToList();
        Assert.Equal(headings.Count, cells.Count);
        return headings.Zip(cells).ToDictionary(x => x.First, x => x.Second);
    }

    [Fact]
    public async Task State_staff_see_the_runs_with_their_counts_and_can_start_one()
    {
        var client = await factory.SignedInClientAsync(DemoData.StateStaff);
        var page = await client.GetPageAsync("/State/Aim/SyncRuns");
        var table = page.QuerySelector("table.sync-runs")!;
        var first = Cells(table, Assert.Single(table.QuerySelectorAll("tbody tr")));

        // The demo's first run started from an empty state repository: every state photo now there was copied by it.
        var statePhotos = factory.WithDb(db => db.StatePhotos.Count());
        Assert.True(statePhotos > 0);
        Assert.Equal("Succeeded", first["Outcome"]);
        Assert.Equal(statePhotos.ToString(), first["Copied"]);
        Assert.Equal(("0", "0", "0", "0"), (first["Replaced"], first["Removed (opted out)"], first["Removed (expired)"], first["Errors"]));
        Assert.Equal("all", first["Students decided"]);

        var response = await client.SubmitAsync(page, "main form", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/State/Aim/SyncRuns", response.Headers.Location!.OriginalString);
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

        // The run's page shows, per district, how many photos it copied: what that district's students now have at the state.
        var client = await factory.SignedInClientAsync(DemoData.StateStaff);
        var page = await client.GetPageAsync("/State/Aim/SyncRuns/Details/" + factory.WithDb(db => db.SyncRuns.First().Id));
        var table = page.QuerySelector("main table")!;
        var shown = table.QuerySelectorAll("tbody tr").Select(r => Cells(table, r)).ToDictionary(c => c["District"], c => c["Copied"]);
        var expected = factory.WithDb(db => db.Districts.Select(d => new { d.Name, Copied = db.StatePhotos.Count(p => p.SourceDistrictId == d.Id) })
            .Where(d => d.Copied > 0).ToDictionary(d => d.Name, d => d.Copied.ToString()));
        Assert.True(expected.Count > 1, "the demo data should have photos from more than one district");
        foreach (var (district, copied) in expected)
            Assert.True(shown.TryGetValue(district, out var cell) && cell == copied, $"{district}: expected {copied} copied, page shows {cell ?? "no row"}");
    }
}
