using AngleSharp.Html.Dom;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using PhotoRepository.Core.Photos.Import;
using PhotoRepository.Core.Security;
using PhotoRepository.Web.Setup;

namespace PhotoRepository.Web.Tests.Photos;

/// <summary>The wizard's matching rules and the ZIPs it refuses (the helpers are in PhotoImportWizardTests.cs).</summary>
public partial class PhotoImportWizardTests
{
    [Fact]
    public async Task Local_numbers_match_with_or_without_leading_zeros_and_existing_photos_can_be_kept()
    {
        var pupils = Helena().Where(p => p.Local.Length > 0).ToList();
        var kept = pupils.First(p => p.HasPhoto);
        var photographed = Shas();
        var fresh = pupils.First(p => !photographed.ContainsKey(p.Id));
        var zip = PhotoCorpus.Zip(($"{kept.Local}.jpg", PhotoCorpus.Jpeg(301)), ($"000{fresh.Local.TrimStart('0')}.jpg", PhotoCorpus.Jpeg(302)));
        var client = await _factory.SignedInClientAsync(DemoData.HelenaClerk);
        var before = Shas();

        var id = await PreviewAsync(client, zip, "LocalStudentNumber", replace: "false");
        await CommitAndRunAsync(client, id);

        var items = Batch(id).Items;
        Assert.Equal(PhotoImportOutcome.KeptExisting, items.Single(i => i.StudentId == kept.Id).Outcome);
        Assert.Equal(PhotoImportOutcome.Added, items.Single(i => i.StudentId == fresh.Id).Outcome);
        Assert.Equal(before[kept.Id], Shas()[kept.Id]);
    }

    [Fact]
    public async Task Another_districts_students_never_match_and_its_batches_are_404()
    {
        var missoulaStudent = _factory.WithDb(db => db.Students.First(s => s.District!.Code == "0202").StateStudentId);
        var helena = await _factory.SignedInClientAsync(DemoData.HelenaClerk);
        var id = await PreviewAsync(helena, PhotoCorpus.Zip(($"{missoulaStudent}.jpg", PhotoCorpus.Jpeg(401))));
        Assert.Equal(PhotoImportEntryKind.Unmatched, Batch(id).Items.Single().Kind);

        var missoula = await _factory.SignedInClientAsync(DemoData.MissoulaClerk);
        Assert.Equal(HttpStatusCode.NotFound, (await missoula.GetAsync($"/District/Import/Photos/Batch/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await missoula.GetAsync($"/District/Import/Photos/Batch/{id}?handler=Csv")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await missoula.GetAsync($"/District/Import/Photos/Batch/{id}?handler=Status")).StatusCode);
    }

    public static TheoryData<string, string> BadZips() => new()
    {
        { "bomb", "zip bomb" },
        { "corrupt", "not a readable ZIP archive" },
        { "not a zip", "not a readable ZIP archive" },
        { "empty", "The ZIP file is empty." },
    };

    [Theory]
    [MemberData(nameof(BadZips))]
    public async Task A_hostile_zip_is_refused_with_its_message_and_leaves_nothing_behind(string kind, string message)
    {
        var batches = _factory.WithDb(db => db.PhotoImportBatches.Count());
        var client = await _factory.SignedInClientAsync(DemoData.HelenaClerk);
        var zip = kind switch
        {
            "bomb" => PhotoCorpus.ZipBomb(),
            "corrupt" => PhotoCorpus.CorruptZip(),
            "not a zip" => PhotoCorpus.Jpeg(1),
            _ => [],
        };

        var response = await UploadZipAsync(client, zip);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(message, (await Browser.ParseAsync(response)).QuerySelector(".errors")!.TextContent);
        Assert.Equal(batches, _factory.WithDb(db => db.PhotoImportBatches.Count()));
        Assert.True(!Directory.Exists(_imports) || Directory.GetFiles(_imports).Length == 0 || Directory.GetFiles(_imports).All(f => Batches().Contains(Path.GetFileName(f))));
    }

    private HashSet<string> Batches() => _factory.WithDb(db => db.PhotoImportBatches.Select(b => b.StoredFile).ToHashSet());

    [Fact]
    public async Task A_future_batch_date_is_refused()
    {
        var client = await _factory.SignedInClientAsync(DemoData.HelenaClerk);
        var response = await UploadZipAsync(client, PhotoCorpus.Zip(("1.jpg", PhotoCorpus.Jpeg(1))), date: DateTime.UtcNow.AddDays(30).ToString("yyyy-MM-dd"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("is in the future", (await Browser.ParseAsync(response)).QuerySelector(".errors")!.TextContent);
    }
}
