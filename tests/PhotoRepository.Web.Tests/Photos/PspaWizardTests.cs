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

    [Fact]
    public async Task A_clerk_imports_a_PSPA_disc_whose_index_has_an_unnamed_ID_column_and_the_report_names_each_index_line()
    {
        var pupils = _factory.WithDb(db => db.Students.AsNoTracking().Where(s => s.District!.Code == "0101").OrderBy(s => s.Id).Take(3).ToList());
        byte[] zip;
        using (var buffer = new MemoryStream())
        {
            using (var archive = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
            {
                void Add(string name, byte[] bytes)
                {
                    using var s = archive.CreateEntry(name).Open();
                    s.Write(bytes);
                }
                Add("PictureDay/INDEX.TXT", Encoding.UTF8.GetBytes(string.Join("\r\n",
                    pupils.Select((p, i) => Row("IMAGES", $"{i + 1:00000000}.JPG", p.Grade, p.LastName, p.FirstName, "00" + p.StateStudentId))) + "\r\n"));
                for (var i = 0; i < pupils.Count; i++) Add($"PictureDay/IMAGES/{i + 1:00000000}.JPG", PlaceholderPortrait.Jpeg(900 + i, 300, 400));
                Add("PictureDay/IMAGES/00000099.JPG", PlaceholderPortrait.Jpeg(999, 300, 400)); // no row names it
            }
            zip = buffer.ToArray();
        }
        var client = await _factory.SignedInClientAsync(DemoData.HelenaClerk);

        var form = await client.GetPageAsync("/District/Import/Photos");
        var upload = await client.PostFileAsync(form, "/District/Import/Photos", "Input.Zip", "pictureday.zip", zip, new Dictionary<string, string>
        {
            ["Input.IdentifierKind"] = "StateStudentId", ["Input.PhotoDate"] = "2026-09-10", ["Input.ReplaceExisting"] = "true", ["Input.IndexIdColumn"] = "14",
        });
        Assert.Equal(HttpStatusCode.Redirect, upload.StatusCode);
        var id = int.Parse(upload.Headers.Location!.ToString().Split('/').Last());
        using (var scope = _factory.Services.CreateScope())
            await scope.ServiceProvider.GetRequiredService<PhotoImportChecks>().RunAttemptAsync(id, lastAttempt: true, CancellationToken.None);

        var preview = await client.GetPageAsync($"/District/Import/Photos/Batch/{id}");
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
}
