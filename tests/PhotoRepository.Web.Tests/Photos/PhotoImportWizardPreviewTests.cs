using AngleSharp.Html.Dom;
using PhotoRepository.Web.Seeding;

namespace PhotoRepository.Web.Tests.Photos;

/// <summary>The preview says per row what the commit will do, with the photo as it will be stored; only the clerk's own district sees it.</summary>
public partial class PhotoImportWizardTests
{
    private static Dictionary<string, string> WhatWillHappen(IHtmlDocument preview) =>
        preview.QuerySelectorAll("#import-items tbody tr").ToDictionary(
            r => r.QuerySelector("td")!.TextContent.Trim().Split('\n')[0].Trim(),
            r => r.QuerySelector("td.import-what")!.TextContent.Trim());

    private static string? ThumbUrl(IHtmlDocument preview, string file) =>
        preview.QuerySelectorAll("#import-items tbody tr").Single(r => r.QuerySelector("td")!.TextContent.Contains(file))
            .QuerySelector("img.import-thumb")?.GetAttribute("src");

    [Fact]
    public async Task The_preview_says_for_each_row_what_the_commit_then_does_and_shows_the_photo_it_will_store()
    {
        var pupils = Helena();
        var withPhoto = pupils.Where(p => p.HasPhoto).Skip(5).Take(2).ToList();
        var without = pupils.Where(p => !p.HasPhoto).Skip(10).Take(2).ToList();
        var client = await _factory.SignedInClientAsync(DemoData.HelenaClerk);

        // First ZIP, replacing: a new photo, a replacement, and a file for nobody.
        var first = await PreviewAsync(client, PhotoCorpus.Zip(
            ($"{without[0].StateId}.jpg", PhotoCorpus.Jpeg(801)),
            ($"{withPhoto[0].StateId}.jpg", PhotoCorpus.Jpeg(802)),
            ("9999999999.jpg", PhotoCorpus.Jpeg(803))));
        var preview = await client.GetPageAsync($"/District/Import/Photos/Batch/{first}");
        var said = WhatWillHappen(preview);
        Assert.Equal("New photo", said[$"{without[0].StateId}.jpg"]);
        Assert.Equal("Replaces the current photo", said[$"{withPhoto[0].StateId}.jpg"]);
        Assert.Equal("Not imported: no such student", said["9999999999.jpg"]);
        Assert.Contains("No student with this identifier", preview.QuerySelectorAll("tr.import-unmatched").Single().TextContent);
        Assert.Null(ThumbUrl(preview, "9999999999.jpg"));

        // The thumbnail is the processed photo's, served no-store: the one the commit then stores.
        var thumbUrl = ThumbUrl(preview, $"{without[0].StateId}.jpg")!;
        using var thumb = await client.GetAsync(thumbUrl);
        Assert.Equal(HttpStatusCode.OK, thumb.StatusCode);
        Assert.Equal("image/jpeg", thumb.Content.Headers.ContentType?.MediaType);
        Assert.Contains("no-store", thumb.Headers.CacheControl?.ToString());
        var thumbBytes = await thumb.Content.ReadAsByteArrayAsync();
        await CommitAndRunAsync(client, first);
        var report = Batch(first).Items.ToDictionary(i => i.EntryName, i => i.Outcome);
        Assert.Equal(PhotoImportOutcome.Added, report[$"{without[0].StateId}.jpg"]);
        Assert.Equal(PhotoImportOutcome.Replaced, report[$"{withPhoto[0].StateId}.jpg"]);
        Assert.Equal(thumbBytes, _factory.WithDb(db => db.DistrictPhotos.Where(p => p.StudentId == without[0].Id).Select(p => p.Content!.Thumbnail).Single()));
        // Finished: the kept photos are gone, so is the preview's thumbnail.
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(thumbUrl)).StatusCode);

        // Second ZIP, keeping existing photos: the same picture again, one kept, one new.
        var second = await PreviewAsync(client, PhotoCorpus.Zip(
            ($"{without[0].StateId}.jpg", PhotoCorpus.Jpeg(801)),
            ($"{withPhoto[1].StateId}.jpg", PhotoCorpus.Jpeg(804)),
            ($"{without[1].StateId}.jpg", PhotoCorpus.Jpeg(805))), replace: "false");
        preview = await client.GetPageAsync($"/District/Import/Photos/Batch/{second}");
        said = WhatWillHappen(preview);
        Assert.Equal("Unchanged: the same photo is already stored", said[$"{without[0].StateId}.jpg"]);
        Assert.Equal("Keeps the current photo, as chosen", said[$"{withPhoto[1].StateId}.jpg"]);
        Assert.Equal("New photo", said[$"{without[1].StateId}.jpg"]);
        var cards = preview.QuerySelectorAll("#import-expected .card").Select(c => string.Join(' ', c.TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))).ToList();
        Assert.Contains("1 new photo", cards);
        Assert.Contains("1 unchanged", cards);
        var before = Shas();
        await CommitAndRunAsync(client, second);
        report = Batch(second).Items.ToDictionary(i => i.EntryName, i => i.Outcome);
        Assert.Equal(PhotoImportOutcome.Unchanged, report[$"{without[0].StateId}.jpg"]);
        Assert.Equal(PhotoImportOutcome.KeptExisting, report[$"{withPhoto[1].StateId}.jpg"]);
        Assert.Equal(PhotoImportOutcome.Added, report[$"{without[1].StateId}.jpg"]);
        Assert.Equal(before[withPhoto[1].Id], Shas()[withPhoto[1].Id]);
    }

    [Fact]
    public async Task A_preview_thumbnail_reaches_only_a_clerk_of_the_batch_s_own_district()
    {
        var pupil = Helena().Where(p => !p.HasPhoto).Skip(14).First();
        var clerk = await _factory.SignedInClientAsync(DemoData.HelenaClerk);
        var id = await PreviewAsync(clerk, PhotoCorpus.Zip(($"{pupil.StateId}.jpg", PhotoCorpus.Jpeg(811))));
        var url = ThumbUrl(await clerk.GetPageAsync($"/District/Import/Photos/Batch/{id}"), $"{pupil.StateId}.jpg")!;
        var itemId = Batch(id).Items.Single().Id;
        Assert.Equal(HttpStatusCode.OK, (await clerk.GetAsync(url)).StatusCode);

        foreach (var who in new[] { Who.OtherClerk, Who.State, Who.Doj, Who.Admin, Who.Anonymous })
        {
            var client = who == Who.Anonymous ? _factory.NewClient() : await _factory.SignedInClientAsync(who.Email()!);
            using var response = await client.GetAsync(url);
            var body = await response.Content.ReadAsByteArrayAsync();
            Assert.True(response.StatusCode != HttpStatusCode.OK, $"{who} got {(int)response.StatusCode}");
            Assert.False(body.Length > 2 && body[0] == 0xFF && body[1] == 0xD8, $"{who} received JPEG bytes");
        }
        // Another district's clerk is told nothing exists, not that it is forbidden.
        var other = await _factory.SignedInClientAsync(DemoData.MissoulaClerk);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync(url)).StatusCode);
        // The right item under another batch's number, or a made-up one: nothing.
        Assert.Equal(HttpStatusCode.NotFound, (await clerk.GetAsync($"/District/Import/Photos/{id + 1000}/items/{itemId}/thumb")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await clerk.GetAsync($"/District/Import/Photos/{id}/items/{itemId + 1000}/thumb")).StatusCode);

        // After signing out, the same browser gets the sign-in page.
        var home = await clerk.GetPageAsync("/District");
        await clerk.SubmitAsync(home, "form[action='/Account/Logout']", new Dictionary<string, string>());
        using var after = await clerk.GetAsync(url);
        Assert.NotEqual(HttpStatusCode.OK, after.StatusCode);
        Assert.Contains("/Account/Login", after.Headers.Location?.ToString() ?? "");

        // Cancelled: the kept photo is gone for its own clerk too.
        var again = await _factory.SignedInClientAsync(DemoData.HelenaClerk);
        var page = await again.GetPageAsync($"/District/Import/Photos/Batch/{id}");
        await again.SubmitAsync(page, "#import-commit-form", new Dictionary<string, string>(), "#import-commit-form button.secondary");
        Assert.Equal(HttpStatusCode.NotFound, (await again.GetAsync(url)).StatusCode);
    }
}
