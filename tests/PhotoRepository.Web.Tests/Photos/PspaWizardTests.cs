using System.IO.Compression;
using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PhotoRepository.Core.Entities;
using PhotoRepository.Core.Photos;
using PhotoRepository.Core.Photos.Import;
using PhotoRepository.Web.Seeding;
using PhotoRepository.Web.Setup;
using PhotoRepository.Web.Tests.Infrastructure;

namespace PhotoRepository.Web.Tests.Photos;

/// <summary>A photographer's PSPA disc, zipped as it came, through the wizard's pages: upload, preview, commit, import.</summary>
public class PspaWizardTests : IClassFixture<AppFactory>
{
    private readonly AppFactory _factory;

    public PspaWizardTests(AppFactory factory)
    {
        _factory = factory;
        factory.Settings["Photos:ImportFolder"] = Path.Combine(Path.GetDirectoryName(factory.DatabasePath)!, "imports");
    }

    private static string Row(string folder, string file, string grade, string last, string first, string id) =>
        string.Join('\t', "FALL2026", folder, file, grade, last, first, "12", "", "Mrs. Hill", "", "", "", "640x800", id);

    /// <summary>A disc of the given students' pictures, its index with an unnamed 14th column of state IDs, plus a picture no row names.</summary>
    private static byte[] Disc(IReadOnlyList<Student> pupils, Func<Student, string> firstName, int seed)
    {
        using var buffer = new MemoryStream();
        using (var archive = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            void Add(string name, byte[] bytes)
            {
                using var s = archive.CreateEntry(name).Open();
                s.Write(bytes);
            }
            Add("PictureDay/INDEX.TXT", Encoding.UTF8.GetBytes(string.Join("\r\n",
                pupils.Select((p, i) => Row("IMAGES", $"{i + 1:00000000}.JPG", p.Grade, p.LastName, firstName(p), "00" + p.StateStudentId))) + "\r\n"));
            for (var i = 0; i < pupils.Count; i++) Add($"PictureDay/IMAGES/{i + 1:00000000}.JPG", PlaceholderPortrait.Jpeg(seed + i, 300, 400));
            Add("PictureDay/IMAGES/00000099.JPG", PlaceholderPortrait.Jpeg(seed + 99, 300, 400)); // no row names it
        }
        return buffer.ToArray();
    }

    private async Task<int> UploadAndCheckAsync(HttpClient client, byte[] zip)
    {
        var form = await client.GetPageAsync("/District/Import/Photos");
        Assert.Null(form.QuerySelector("[name='Input.IndexIdColumn']")); // the column is chosen in the preview now
        var upload = await client.PostFileAsync(form, "/District/Import/Photos", "Input.Zip", "pictureday.zip", zip, new Dictionary<string, string>
        {
            ["Input.IdentifierKind"] = "StateStudentId", ["Input.PhotoDate"] = "2026-09-10", ["Input.ReplaceExisting"] = "true",
        });
        Assert.Equal(HttpStatusCode.Redirect, upload.StatusCode);
        var id = int.Parse(upload.Headers.Location!.ToString().Split('/').Last());
        await CheckAsync(id);
        return id;
    }

    private async Task CheckAsync(int id)
    {
        using var scope = _factory.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<PhotoImportChecks>().RunAttemptAsync(id, lastAttempt: true, CancellationToken.None);
    }

    private PhotoImportBatch Batch(int id) => _factory.WithDb(db => db.PhotoImportBatches.AsNoTracking().First(b => b.Id == id));

    private static Task<HttpResponseMessage> RematchAsync(HttpClient client, AngleSharp.Html.Dom.IHtmlDocument preview, string column, string kind) =>
        client.SubmitAsync(preview, "#pspa-column-form", new Dictionary<string, string> { ["Rematch.IdColumn"] = column, ["Rematch.IdentifierKind"] = kind }, "#pspa-rematch");

    [Fact]
    public async Task A_clerk_picks_the_index_s_unnamed_ID_column_in_the_preview_and_the_rows_match_again_without_decoding_again()
    {
        var pupils = _factory.WithDb(db => db.Students.AsNoTracking().Where(s => s.District!.Code == "0101").OrderBy(s => s.Id).Take(3).ToList());
        var client = await _factory.SignedInClientAsync(DemoData.HelenaClerk);
        var id = await UploadAndCheckAsync(client, Disc(pupils, p => p.FirstName, 900));

        // No header names an ID: matched by names and grade, and the preview offers column 14 with its values.
        var preview = await client.GetPageAsync($"/District/Import/Photos/Batch/{id}");
        Assert.Contains("by last name, first name and grade", preview.QuerySelector("#import-index")!.TextContent);
        var offered = preview.QuerySelector("#pspa-column-form")!.TextContent;
        Assert.Contains("Column 14", offered);
        Assert.Contains("00" + pupils[0].StateStudentId, offered);
        Assert.Equal(3, Batch(id).CheckTotal);

        Assert.Equal(HttpStatusCode.Redirect, (await RematchAsync(client, preview, "14", "StateStudentId")).StatusCode);

        // The same three entries are matched, by ID now; their photos were processed already, so nothing is checked again.
        var batch = Batch(id);
        Assert.Equal((PhotoImportStatus.Previewed, 14, 3, 3), (batch.Status, batch.IndexIdColumn, batch.CheckedCount, batch.CheckTotal));
        preview = await client.GetPageAsync($"/District/Import/Photos/Batch/{id}");
        Assert.Contains("the PSPA index PictureDay/INDEX.TXT, by the state student ID in column 14", preview.QuerySelector("#import-index")!.TextContent);
        var rows = preview.QuerySelectorAll("#import-items tbody tr").Select(r => r.TextContent).ToList();
        var matched = preview.QuerySelectorAll("#import-items tbody tr.import-matched").Select(r => r.TextContent).ToList();
        Assert.Equal(3, matched.Count);
        for (var line = 1; line <= 3; line++) Assert.Contains(matched, r => r.Contains($"index line {line}") && r.Contains(pupils[line - 1].FirstName));
        Assert.Contains(rows, r => r.Contains("00000099.JPG") && r.Contains("Not listed in INDEX.TXT"));

        var commit = await client.SubmitAsync(preview, "#import-commit-form", new Dictionary<string, string>(), "#import-commit");
        Assert.Equal(HttpStatusCode.Redirect, commit.StatusCode);
        using (var scope = _factory.Services.CreateScope())
            await scope.ServiceProvider.GetRequiredService<PhotoImportJob>().RunAsync(id);

        var photos = _factory.WithDb(db => db.DistrictPhotos.AsNoTracking().Where(p => pupils.Select(s => s.Id).Contains(p.StudentId)).ToList());
        Assert.Equal(pupils.Select(p => p.Id).Order(), photos.Select(p => p.StudentId).Order());
        Assert.All(photos, p => Assert.Equal(new DateOnly(2026, 9, 10), p.PhotoDate));
        var report = await client.GetStringAsync($"/District/Import/Photos/Batch/{id}?handler=Csv");
        Assert.StartsWith("File,Identifier,Student,Preview,Result,Message,Index line", report);
        // Each picture's report line names its file and, last, its index line (quoted or not, as CsvHelper writes it).
        var reportLines = report.Split("\r\n");
        for (var line = 1; line <= 3; line++)
            Assert.Contains(reportLines, l => l.Contains($"PictureDay/IMAGES/{line:00000000}.JPG") && (l.EndsWith($",{line}") || l.EndsWith($",\"{line}\"")));
    }

    [Fact]
    public async Task Rows_whose_names_match_nobody_match_by_the_ID_column_the_clerk_picks_as_state_ID_but_not_as_local_number()
    {
        var pupils = _factory.WithDb(db => db.Students.AsNoTracking().Where(s => s.District!.Code == "0101").OrderBy(s => s.Id).Skip(20).Take(2).ToList());
        var client = await _factory.SignedInClientAsync(DemoData.HelenaClerk);
        // The photographer wrote nicknames: by names, nobody matches.
        var id = await UploadAndCheckAsync(client, Disc(pupils, p => "Nick" + p.FirstName, 950));
        Assert.Equal(0, Batch(id).CheckTotal);
        var preview = await client.GetPageAsync($"/District/Import/Photos/Batch/{id}");
        Assert.Empty(preview.QuerySelectorAll("tr.import-matched"));

        // Picked as local numbers: the values are state IDs, so each row says which number matched nobody.
        await RematchAsync(client, preview, "14", "LocalStudentNumber");
        preview = await client.GetPageAsync($"/District/Import/Photos/Batch/{id}");
        Assert.Empty(preview.QuerySelectorAll("tr.import-matched"));
        Assert.Contains("no student with local student number 00" + pupils[0].StateStudentId, preview.QuerySelector("#import-items")!.TextContent);

        // Picked as state IDs: both match, with a warning naming both spellings; the new matches are checked, then imported.
        await RematchAsync(client, preview, "14", "StateStudentId");
        Assert.Equal(PhotoImportStatus.Checking, Batch(id).Status);
        await CheckAsync(id);
        preview = await client.GetPageAsync($"/District/Import/Photos/Batch/{id}");
        var matched = preview.QuerySelectorAll("tr.import-matched").Select(r => r.TextContent).ToList();
        Assert.Equal(2, matched.Count);
        Assert.All(matched, r => Assert.Contains("Warning: the index names", r));
        Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitAsync(preview, "#import-commit-form", new Dictionary<string, string>(), "#import-commit")).StatusCode);
        using (var scope = _factory.Services.CreateScope())
            await scope.ServiceProvider.GetRequiredService<PhotoImportJob>().RunAsync(id);
        Assert.Equal(2, _factory.WithDb(db => db.DistrictPhotos.Count(p => pupils.Select(s => s.Id).Contains(p.StudentId))));
    }
}
