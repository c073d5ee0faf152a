using System.Net;
using AngleSharp.Html.Dom;
using PhotoRepository.Web.Seeding;
using PhotoRepository.Web.Tests.Infrastructure;

namespace PhotoRepository.Web.Tests.Hostile;

/// <summary>Bodies far larger than any form needs: a clear refusal, never a 500, and nothing stored.</summary>
public class HugeBodyTests(AppFactory factory) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task A_30_MB_photo_upload_is_refused_and_the_current_photo_stays()
    {
        var (id, sha) = factory.WithDb(db => db.DistrictPhotos.Where(p => p.Student!.District!.Code == "0101").Select(p => new { p.StudentId, p.Sha256 }).First()) is var p ? (p.StudentId, p.Sha256) : default;
        var client = await factory.SignedInClientAsync(DemoData.HelenaClerk);
        var page = await client.GetPageAsync($"/District/Students/Photo/{id}");
        var form = (IHtmlFormElement)page.QuerySelector("form.photo-upload")!;
        var huge = new byte[30 * 1024 * 1024];
        huge[0] = 0xFF; huge[1] = 0xD8; huge[2] = 0xFF;
        var body = new MultipartFormDataContent
        {
            { new StringContent(Browser.Token(page)), "__RequestVerificationToken" },
            { new ByteArrayContent(huge), "Input.File", "huge.jpg" },
        };
        var response = await client.PostAsync(form.GetAttribute("action"), body);

        Assert.True((int)response.StatusCode < 500, $"got {(int)response.StatusCode}");
        Assert.Equal(sha, factory.WithDb(db => db.DistrictPhotos.Single(x => x.StudentId == id).Sha256));
    }

    [Fact]
    public async Task A_5_MB_sign_in_form_is_answered_with_a_4xx_or_a_message()
    {
        var client = factory.NewClient();
        var login = await client.GetPageAsync("/Account/Login");
        var response = await client.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Browser.Token(login),
            ["Input.Email"] = new string('a', 5 * 1024 * 1024) + "@x.example",
            ["Input.Password"] = "x",
        }));
        Assert.True((int)response.StatusCode is >= 200 and < 500 && response.StatusCode != HttpStatusCode.Redirect, $"got {(int)response.StatusCode}");
    }
}
