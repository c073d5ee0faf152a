using System.Net;
using Microsoft.EntityFrameworkCore;
using PhotoRepository.Core.Entities;
using PhotoRepository.Web.Seeding;
using PhotoRepository.Web.Tests.Infrastructure;

namespace PhotoRepository.Web.Tests.Photos;

public class StudentPhotoPageTests(AppFactory factory) : IClassFixture<AppFactory>
{
    private (int Id, string? Sha) StudentWithoutPhoto(string district, int skip = 0) => factory.WithDb(db =>
        db.Students.Where(s => s.District!.Code == district && s.Photo == null).OrderBy(s => s.Id).Skip(skip).Select(s => new { s.Id }).AsEnumerable()
            .Select(s => (s.Id, (string?)null)).First());

    private DistrictPhoto? PhotoOf(int studentId) => factory.WithDb(db => db.DistrictPhotos.AsNoTracking().FirstOrDefault(p => p.StudentId == studentId));

    private bool ContentExists(string sha) => factory.WithDb(db => db.PhotoContents.Any(c => c.Sha256 == sha));

    private async Task<HttpResponseMessage> UploadAsync(HttpClient client, int studentId, string name, byte[] bytes, string date = "")
    {
        var page = await client.GetPageAsync($"/District/Students/Photo/{studentId}");
        return await client.PostFileAsync(page, $"/District/Students/Photo/{studentId}?handler=Upload", "Input.File", name, bytes,
            new Dictionary<string, string> { ["Input.PhotoDate"] = date });
    }

    [Fact]
    public async Task A_clerk_uploads_replaces_and_removes_a_photo_and_each_change_is_audited()
    {
        var (id, _) = StudentWithoutPhoto("0101");
        var client = await factory.SignedInClientAsync(DemoData.HelenaClerk);

        var upload = await UploadAsync(client, id, "portrait.jpg", PhotoCorpus.RotatedWithGps());
        Assert.Equal(HttpStatusCode.Redirect, upload.StatusCode);
        var first = PhotoOf(id)!;
        Assert.Equal(new DateOnly(2025, 9, 15), first.PhotoDate);
        Assert.Equal(PhotoDateSource.CaptureDate, first.PhotoDateSource);
        Assert.Equal(DemoData.HelenaClerk, first.UploadedBy);
        var page = await client.GetPageAsync($"/District/Students/Photo/{id}");
        Assert.Contains("Photo added.", page.QuerySelector(".flash")!.TextContent);

        var served = await client.GetAsync($"/District/Photos/{id}");
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal("image/jpeg", served.Content.Headers.ContentType!.MediaType);
        Assert.Contains("no-store", served.Headers.CacheControl!.ToString());
        Assert.Equal("nosniff", served.Headers.GetValues("X-Content-Type-Options").Single());
        var bytes = await served.Content.ReadAsByteArrayAsync();
        Assert.Empty(PhotoCorpus.MetadataMarkers(bytes));
        var thumb = await client.GetAsync($"/District/Photos/{id}/thumb");
        Assert.Equal(HttpStatusCode.OK, thumb.StatusCode);
        Assert.Contains("no-store", thumb.Headers.CacheControl!.ToString());

        Assert.Equal(HttpStatusCode.Redirect, (await UploadAsync(client, id, "new.bmp", PhotoCorpus.Bmp(), "2026-09-01")).StatusCode);
        var second = PhotoOf(id)!;
        Assert.NotEqual(first.Sha256, second.Sha256);
        Assert.Equal(new DateOnly(2026, 9, 1), second.PhotoDate);
        Assert.Equal("BMP", second.OriginalFormat);
        Assert.False(ContentExists(first.Sha256), "the replaced content, used by nobody, is deleted");

        page = await client.GetPageAsync($"/District/Students/Photo/{id}");
        var removed = await client.SubmitAsync(page, "form.photo-remove", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        Assert.Null(PhotoOf(id));
        Assert.False(ContentExists(second.Sha256));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/District/Photos/{id}")).StatusCode);

        var actions = factory.WithDb(db => db.AuditEvents.Where(a => a.Entity == nameof(DistrictPhoto) && a.EntityId == id.ToString()).Select(a => a.Action).ToList());
        Assert.Equal(["PhotoAdded", "PhotoChanged", "PhotoRemoved"], actions);
    }

    [Fact]
    public async Task Uploading_the_same_picture_twice_stores_it_once()
    {
        var (a, _) = StudentWithoutPhoto("0101", 1);
        var (b, _) = StudentWithoutPhoto("0101", 2);
        var client = await factory.SignedInClientAsync(DemoData.HelenaClerk);
        var picture = PhotoCorpus.Jpeg(77);

        await UploadAsync(client, a, "x.jpg", picture, "2026-09-01");
        await UploadAsync(client, b, "x.jpg", picture, "2026-09-01");
        await UploadAsync(client, b, "x.jpg", picture, "2026-09-01");

        var sha = PhotoOf(a)!.Sha256;
        Assert.Equal(sha, PhotoOf(b)!.Sha256);
        Assert.Equal(1, factory.WithDb(db => db.PhotoContents.Count(c => c.Sha256 == sha)));
        var page = await client.GetPageAsync($"/District/Students/Photo/{b}");
        Assert.Contains("nothing changed", page.QuerySelector(".flash")!.TextContent);

        // Removing one student's photo keeps the content the other still uses.
        page = await client.GetPageAsync($"/District/Students/Photo/{a}");
        await client.SubmitAsync(page, "form.photo-remove", new Dictionary<string, string>());
        Assert.True(ContentExists(sha));
    }

    public static TheoryData<string, string> Refusals() => new()
    {
        { "png", "is a PNG picture, not an accepted photo" },
        { "svg", "is an SVG drawing" },
        { "mvg", "is an MVG drawing" },
        { "truncated", "damaged or incomplete" },
        { "empty", "The file is empty." },
        { "forged", "40,000 x 40,000 pixels" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task A_hostile_file_gets_its_message_and_nothing_is_stored(string kind, string message)
    {
        var id = factory.WithDb(db => db.Students.Where(s => s.District!.Code == "0101" && s.Photo != null).OrderBy(s => s.Id).Skip(3).First().Id);
        var before = PhotoOf(id)!;
        var contents = factory.WithDb(db => db.PhotoContents.Count());
        var client = await factory.SignedInClientAsync(DemoData.HelenaClerk);
        byte[] bytes = kind switch
        {
            "png" => PhotoCorpus.Png(),
            "svg" => PhotoCorpus.Svg(),
            "mvg" => PhotoCorpus.Mvg(),
            "truncated" => PhotoCorpus.Truncated(),
            "empty" => [],
            _ => PhotoCorpus.ForgedHugeJpeg(),
        };

        var response = await UploadAsync(client, id, "photo.jpg", bytes);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await Browser.ParseAsync(response);
        Assert.Contains(message, page.QuerySelector(".errors")!.TextContent);
        var after = PhotoOf(id)!;
        Assert.Equal((before.Sha256, before.PhotoDate, before.UploadedAt), (after.Sha256, after.PhotoDate, after.UploadedAt));
        Assert.Equal(contents, factory.WithDb(db => db.PhotoContents.Count()));
    }

    [Fact]
    public async Task A_future_photo_date_is_refused_and_an_old_one_is_accepted_with_a_warning()
    {
        var (id, _) = StudentWithoutPhoto("0101", 3);
        var client = await factory.SignedInClientAsync(DemoData.HelenaClerk);

        var future = await UploadAsync(client, id, "p.jpg", PhotoCorpus.Jpeg(5), DateTime.UtcNow.AddDays(10).ToString("yyyy-MM-dd"));
        Assert.Equal(HttpStatusCode.OK, future.StatusCode);
        Assert.Contains("is in the future", (await Browser.ParseAsync(future)).QuerySelector(".errors")!.TextContent);
        Assert.Null(PhotoOf(id));

        var old = await UploadAsync(client, id, "p.jpg", PhotoCorpus.Jpeg(5), DateTime.UtcNow.AddYears(-3).ToString("yyyy-MM-dd"));
        Assert.Equal(HttpStatusCode.Redirect, old.StatusCode);
        var page = await client.GetPageAsync($"/District/Students/Photo/{id}");
        Assert.Contains("will not go to the state", page.QuerySelector(".flash")!.TextContent);
        Assert.NotNull(page.QuerySelector(".photo-too-old"));
    }

    [Fact]
    public async Task Photo_urls_are_for_the_students_own_district_clerk_only()
    {
        var helena = factory.WithDb(db => db.Students.First(s => s.District!.Code == "0101" && s.Photo != null).Id);
        var sha = PhotoOf(helena)!.Sha256;
        var missoula = await factory.SignedInClientAsync(DemoData.MissoulaClerk);

        Assert.Equal(HttpStatusCode.NotFound, (await missoula.GetAsync($"/District/Photos/{helena}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await missoula.GetAsync($"/District/Photos/{helena}/thumb")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await missoula.GetAsync($"/District/Students/Photo/{helena}")).StatusCode);
        var ownStudent = factory.WithDb(db => db.Students.First(s => s.District!.Code == "0202").Id);
        var ownPage = await missoula.GetPageAsync($"/District/Students/Photo/{ownStudent}");
        var post = await missoula.PostFileAsync(ownPage, $"/District/Students/Photo/{helena}?handler=Upload", "Input.File", "x.jpg", PhotoCorpus.Jpeg(9));
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        Assert.Equal(sha, PhotoOf(helena)!.Sha256);

        var anonymous = await factory.NewClient().GetAsync($"/District/Photos/{helena}");
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.Contains("/Account/Login", anonymous.Headers.Location!.ToString());

        foreach (var email in new[] { DemoData.StateStaff, DemoData.DojStaff, DemoData.Administrator })
        {
            var client = await factory.SignedInClientAsync(email);
            var response = await client.GetAsync($"/District/Photos/{helena}");
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden || response.Headers.Location?.ToString().Contains("AccessDenied") == true,
                $"{email} got {(int)response.StatusCode}");
        }
    }
}
