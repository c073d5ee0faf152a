
namespace PhotoRepository.Web.Pages;

[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
[IgnoreAntiforgeryToken]
public class ErrorModel : PageModel
{
    public string Title { get; private set; } = "Something went wrong";
    public string Message { get; private set; } = "The request could not be completed. Nothing was changed. Please try again; if it keeps happening, tell your administrator the time it happened.";

    // The code comes from the query (status code pages) or, after an exception the handler mapped to a 4xx
    // (a form too large to read is a 400), from the response; never from the form, which may be the refused one.
    public void OnGet([FromQuery] int? code) => Describe(code ?? ClientError());

    public void OnPost([FromQuery] int? code) => Describe(code ?? ClientError());

    private int? ClientError() => Response.StatusCode is >= 400 and < 500 ? Response.StatusCode : null;

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
