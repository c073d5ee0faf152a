using AngleSharp.Html.Dom;

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

        // Refused before the body is read: back to the same form, which says why (Setup/UploadLimits).
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"got {(int)response.StatusCode}");
        Assert.EndsWith($"/District/Students/Photo/{id}", response.Headers.Location!.ToString());
        var shown = await client.GetPageAsync(response.Headers.Location!.ToString());
        Assert.Contains("The photo is 30.0 MB; the limit is 20 MB. Nothing was uploaded or changed.", shown.QuerySelector("main")!.TextContent);
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
        // Refused as a bad request, with the page that says so, and no session.
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await Browser.ParseAsync(response);
        Assert.Equal("Bad request", page.QuerySelector("main h1")?.TextContent.Trim());
        Assert.Contains("The request was not understood", page.QuerySelector("main")!.TextContent);
        Assert.DoesNotContain(response.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies : [], c => c.StartsWith(".AspNetCore.Identity.Application=", StringComparison.Ordinal));
    }
}
