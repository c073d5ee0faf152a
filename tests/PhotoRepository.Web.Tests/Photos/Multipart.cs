using System.Net.Http.Headers;
using AngleSharp.Html.Dom;
using PhotoRepository.Web.Tests.Infrastructure;

namespace PhotoRepository.Web.Tests.Photos;

/// <summary>Posts a file form the way a browser does: multipart, with the page's antiforgery token.</summary>
public static class Multipart
{
    public static Task<HttpResponseMessage> PostFileAsync(this HttpClient client, IHtmlDocument page, string url,
        string fileField, string fileName, byte[] bytes, IDictionary<string, string>? fields = null)
    {
        var content = new MultipartFormDataContent
        {
            { new StringContent(Browser.Token(page)), "__RequestVerificationToken" },
        };
        foreach (var (name, value) in fields ?? new Dictionary<string, string>()) content.Add(new StringContent(value), name);
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg"); // what a browser claims; never trusted
        content.Add(file, fileField, fileName);
        return client.PostAsync(url, content);
    }
}
