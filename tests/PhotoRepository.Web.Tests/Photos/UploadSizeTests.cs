using System.Net;
using AngleSharp.Html.Dom;
using PhotoRepository.Core.Photos;
using PhotoRepository.Web.Seeding;
using PhotoRepository.Web.Tests.Infrastructure;

namespace PhotoRepository.Web.Tests.Photos;

/// <summary>Any upload over the limit, however large, gets its page back with the size message, and nothing changes.</summary>
public class UploadSizeTests(AppFactory factory) : IClassFixture<AppFactory>
{
    [Theory]
    [InlineData(25)]
    [InlineData(40)]
    [InlineData(120)]
    public async Task An_over_limit_photo_gets_the_page_with_the_size_message_and_the_current_photo_stays(int megabytes)
    {
        var (id, sha) = factory.WithDb(db => db.DistrictPhotos.Where(p => p.Student!.District!.Code == "0101").Select(p => new { p.StudentId, p.Sha256 }).First()) is var p ? (p.StudentId, p.Sha256) : default;
        var client = await factory.SignedInClientAsync(DemoData.HelenaClerk);
        var page = await client.GetPageAsync($"/District/Students/Photo/{id}");
        var form = (IHtmlFormElement)page.QuerySelector("form.photo-upload")!;
        var huge = new byte[megabytes * 1024 * 1024];
        huge[0] = 0xFF; huge[1] = 0xD8; huge[2] = 0xFF;
        var body = new MultipartFormDataContent
        {
            { new StringContent(Browser.Token(page)), "__RequestVerificationToken" },
            { new ByteArrayContent(huge), "Input.File", "huge.jpg" },
        };

        var response = await client.PostAsync(form.GetAttribute("action"), body);
        var shown = response.StatusCode == HttpStatusCode.Redirect
            ? await client.GetPageAsync(response.Headers.Location!.ToString())
            : await Browser.ParseAsync(response);

        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Redirect, $"got {(int)response.StatusCode}");
        Assert.Contains($"the limit is {new PhotoLimits().MaxFileText}", shown.Body!.TextContent);
        Assert.Contains($"{megabytes}.0 MB", shown.Body!.TextContent);
        Assert.NotNull(shown.QuerySelector("form.photo-upload"));
        Assert.Equal(sha, factory.WithDb(db => db.DistrictPhotos.Single(x => x.StudentId == id).Sha256));
    }

    [Theory]
    [InlineData(20L * 1024 * 1024, "20 MB")]
    [InlineData(512L * 1024, "512 KB")]
    [InlineData(1536L * 1024, "1.5 MB")]
    public void The_limit_is_written_as_the_clerk_would_read_it(long bytes, string text) =>
        Assert.Equal(text, new PhotoLimits { MaxFileBytes = bytes }.MaxFileText);
}
