using System.Net;
using AngleSharp;
using AngleSharp.Html.Dom;
using PhotoRepository.Web.Seeding;

namespace PhotoRepository.Web.Tests.Infrastructure;

/// <summary>Reads pages with AngleSharp and posts their real forms, antiforgery token included.</summary>
public static class Browser
{
    private static readonly IBrowsingContext Context = BrowsingContext.New(Configuration.Default);

    public static async Task<IHtmlDocument> ParseAsync(HttpResponseMessage response)
    {
        var html = await response.Content.ReadAsStringAsync();
        var document = await Context.OpenAsync(r => r.Content(html).Address(response.RequestMessage?.RequestUri?.ToString() ?? "http://localhost/"));
        return (IHtmlDocument)document;
    }

    public static async Task<IHtmlDocument> GetPageAsync(this HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url} gave {(int)response.StatusCode} {response.Headers.Location}");
        return await ParseAsync(response);
    }

    /// <summary>
    /// Fills the form (the first one matching the selector) with the given values and submits it as a
    /// browser would: every field the form has, plus the submit button's name if given.
    /// </summary>
    public static Task<HttpResponseMessage> SubmitAsync(this HttpClient client, IHtmlDocument page, string formSelector,
        IDictionary<string, string> values, string? submitButtonSelector = null)
    {
        var form = page.QuerySelector(formSelector) as IHtmlFormElement
            ?? throw new InvalidOperationException($"No form '{formSelector}' on {page.Url}");
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var element in form.Elements)
        {
            switch (element)
            {
                case IHtmlInputElement input when !string.IsNullOrEmpty(input.Name) && input.Type is not ("submit" or "file" or "button"):
                    if (input.Type is "checkbox" or "radio" && !input.IsChecked && !values.ContainsKey(input.Name)) break;
                    if (input.Type is "checkbox" or "radio" && values.ContainsKey(input.Name) && input.Value != values[input.Name]) break;
                    fields.Add(new(input.Name, values.TryGetValue(input.Name, out var v) ? v : input.Value));
                    break;
                case IHtmlSelectElement select when !string.IsNullOrEmpty(select.Name):
                    fields.Add(new(select.Name, values.TryGetValue(select.Name, out var s) ? s : select.Value ?? ""));
                    break;
                case IHtmlTextAreaElement area when !string.IsNullOrEmpty(area.Name):
                    fields.Add(new(area.Name, values.TryGetValue(area.Name, out var t) ? t : area.Value));
                    break;
            }
        }
        foreach (var (name, value) in values)
            if (fields.All(f => f.Key != name)) fields.Add(new(name, value));
        if (submitButtonSelector is not null && page.QuerySelector(submitButtonSelector) is IHtmlButtonElement button && !string.IsNullOrEmpty(button.Name))
            fields.Add(new(button.Name, button.Value));

        var action = submitButtonSelector is not null && page.QuerySelector(submitButtonSelector) is IHtmlButtonElement b && !string.IsNullOrEmpty(b.GetAttribute("formaction"))
            ? b.GetAttribute("formaction")!
            : string.IsNullOrEmpty(form.GetAttribute("action")) ? new Uri(page.Url).PathAndQuery : form.GetAttribute("action")!;
        return client.PostAsync(action, new FormUrlEncodedContent(fields));
    }

    /// <summary>The antiforgery token of the first form on the page, for multipart posts.</summary>
    public static string Token(IHtmlDocument page) =>
        (page.QuerySelector("input[name=__RequestVerificationToken]") as IHtmlInputElement)?.Value
        ?? throw new InvalidOperationException("No antiforgery token on the page.");

    /// <summary>
    /// Signs in through the real login form; where the account has two-factor sign-in (the demo DOJ
    /// and administrator accounts), enters the code an authenticator app would show.
    /// </summary>
    public static async Task<HttpResponseMessage> SignInAsync(this HttpClient client, string email, string password = DemoData.Password)
    {
        var login = await client.GetPageAsync("/Account/Login");
        var response = await client.SubmitAsync(login, "form", new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = password });
        if (response.Headers.Location?.ToString().Contains("/Account/LoginWith2fa") != true) return response;
        var secondUrl = response.Headers.Location.ToString();
        // Codes work once: like a person who just used one, wait for the next code when this one was used.
        for (var attempt = 0; ; attempt++)
        {
            var second = await client.GetPageAsync(secondUrl);
            var code = await TotpLedger.For(client).NextCodeAsync(email, DemoData.AuthenticatorKey);
            response = await client.SubmitAsync(second, "form", new Dictionary<string, string> { ["Input.Code"] = code });
            if (response.StatusCode != HttpStatusCode.OK || attempt == 2) return response;
        }
    }

    public static async Task<HttpClient> SignedInClientAsync(this AppFactory factory, string email)
    {
        var client = factory.NewClient();
        var response = await client.SignInAsync(email);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"Sign-in of {email} gave {(int)response.StatusCode}");
        return client;
    }
}
