using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace PhotoRepository.Web.Pages;

[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
[IgnoreAntiforgeryToken]
public class ErrorModel : PageModel
{
    public string Title { get; private set; } = "Something went wrong";
    public string Message { get; private set; } = "The request could not be completed. Nothing was changed. Please try again; if it keeps happening, tell your administrator the time it happened.";

    public void OnGet(int? code) => Describe(code);

    public void OnPost(int? code) => Describe(code);

    private void Describe(int? code)
    {
        // Only real error statuses: /Error?code=1000 (or 200, or 302) is not something to answer with.
        if (code is null or < 400 or > 599) return;
        Response.StatusCode = code.Value;
        (Title, Message) = code switch
        {
            404 => ("Not found", "There is no such page or record, or it is not yours to see."),
            403 => ("Not allowed", "Your role does not allow this page."),
            400 => ("Bad request", "The request was not understood. If you submitted a form, go back, reload the page and try again."),
            413 => ("Too large", "The file or form is larger than this page accepts."),
            429 => ("Too many requests", "Please wait a minute before trying again."),
            _ => (Title, Message),
        };
    }
}
