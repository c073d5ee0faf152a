using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using PhotoRepository.Core.Photos;
using WhoIs = PhotoRepository.Web.Tests.Infrastructure.Who;

namespace PhotoRepository.Web.Tests.Hostile;

/// <summary>
/// Walks every page each role can reach, and throws malformed input at every form on it: oversized
/// fields, script, SQL metacharacters, broken UTF-8, nonsense choices, mangled hidden ids, mutated
/// files. Every case must end in a page or a 4xx, never a 500 or a hang, and a request that was
/// refused must leave the records unchanged. Seeded, so a failure replays.
/// </summary>
public class FormFuzzTests(AppFactory factory) : IClassFixture<AppFactory>
{
    private const int CasesPerForm = 14;

    private static readonly string[] Payloads =
    [
        new string('x', 20_000),
        "<script>alert(1)</script>",
        "' OR 1=1; DROP TABLE Students; --",
        "\"; DELETE FROM DisclosureRecords; --",
        "",
        "   ",
        "-1",
        "99999999999999999999",
        "2026-13-45",
        "0001-01-01",
        "9999-12-31",
        "=HYPERLINK(\"http://evil\")",
        "\u202Eevil\u0000null",
        "../../etc/passwd",
    ];

    // Handlers that would end the fuzzing session itself, not input handling.
    // Forms that end sessions or replace credentials (a fuzzed password could be valid) are not fuzzed here; AccountAttackTests covers them.
    private static readonly string[] SkippedActions = ["Logout", "handler=Lock", "handler=ResetTwoFactor", "handler=ResetPassword", "handler=Reset", "handler=ChangeRole"];

    public static TheoryData<WhoIs> Roles() => new([WhoIs.Clerk, WhoIs.State, WhoIs.Doj, WhoIs.Admin]);

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task Malformed_input_to_every_form_gives_a_message_or_a_4xx_never_a_500(WhoIs who)
    {
        var client = await factory.SignedInClientAsync(who.Email()!);
        var random = new Random(20261123 + (int)who);
        var failures = new List<string>();
        var forms = 0;

        foreach (var (url, page) in await CrawlAsync(client))
        {
            foreach (var form in page.QuerySelectorAll("main form").OfType<IHtmlFormElement>())
            {
                var action = Action(form, url);
                if (SkippedActions.Any(action.Contains)) continue;
                forms++;
                if (!string.Equals(form.Method, "get", StringComparison.OrdinalIgnoreCase))
                {
                    // Without its antiforgery token the same post is refused outright.
                    var before = Fingerprint();
                    var forged = await client.PostAsync(action, new FormUrlEncodedContent(Fields(form, random, 1).Where(f => f.Name != "__RequestVerificationToken").Select(f => KeyValuePair.Create(f.Name, f.Raw))));
                    var changed = Changed(before, Fingerprint());
                    if (forged.StatusCode != HttpStatusCode.BadRequest || changed != "")
                        failures.Add($"{who} {action} without antiforgery token: {(int)forged.StatusCode}, changed: {changed}");
                }
                for (var i = 0; i < CasesPerForm; i++)
                {
                    var before = Fingerprint();
                    HttpResponseMessage response;
                    try
                    {
                        response = await SendAsync(client, form, action, page, random, i);
                    }
                    catch (TaskCanceledException)
                    {
                        failures.Add($"{who} {action} case {i}: no answer within the client timeout");
                        continue;
                    }
                    var status = (int)response.StatusCode;
                    // Only a redirect onward from the form is an accepted post; one to sign-in or access denied is a refusal.
                    var accepted = status is 302 or 303 && response.Headers.Location?.OriginalString.Contains("/Account/", StringComparison.OrdinalIgnoreCase) == false;
                    if (status >= 500)
                        failures.Add($"{who} {form.Method} {action} case {i}: {status}");
                    else if (!accepted && Changed(before, Fingerprint()) is { Length: > 0 } changed)
                        failures.Add($"{who} {action} case {i}: answered {status} {response.Headers.Location} but records changed: {changed}");
                }
            }
        }
        Assert.True(forms > 0, $"{who} reached no forms to test");
        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(40)));
    }

    private async Task<List<(string Url, IHtmlDocument Page)>> CrawlAsync(HttpClient client)
    {
        var seen = new HashSet<string>();
        var queue = new Queue<string>(["/"]);
        var pages = new List<(string, IHtmlDocument)>();
        while (queue.Count > 0 && pages.Count < 60)
        {
            var url = queue.Dequeue();
            // One page of each kind (Details/5 and Details/6 are the same form), so the walk reaches every kind of page.
            if (!seen.Add(Shape(url))) continue;
            var response = await client.GetAsync(url);
            if (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location is { } next && next.OriginalString.StartsWith('/'))
            {
                queue.Enqueue(next.OriginalString);
                continue;
            }
            if (response.StatusCode != HttpStatusCode.OK || response.Content.Headers.ContentType?.MediaType != "text/html") continue;
            var page = await Browser.ParseAsync(response);
            pages.Add((url, page));
            foreach (var link in page.QuerySelectorAll("a[href]").Select(a => a.GetAttribute("href")!))
                if (link.StartsWith('/') && !link.StartsWith("/jobs") && !link.Contains("Logout") && !link.Contains("Export") && !link.Contains("csv", StringComparison.OrdinalIgnoreCase))
                    queue.Enqueue(link.Split('#')[0]);
        }
        return pages;
    }

    /// <summary>A URL with its ids and query values left out: "/District/Students/Edit/{id}?Filter.Q".</summary>
    private static string Shape(string url)
    {
        var parts = url.Split('?', 2);
        var path = Regex.Replace(parts[0], "/[0-9a-fA-F-]*[0-9][0-9a-fA-F-]*(?=/|$)", "/{id}");
        IEnumerable<string> keys = parts.Length > 1 ? parts[1].Split('&').Select(p => p.Split('=')[0]).Order() : [];
        return path + "?" + string.Join("&", keys);
    }

    private static string Action(IHtmlFormElement form, string pageUrl)
    {
        var action = form.GetAttribute("action");
        return string.IsNullOrEmpty(action) ? pageUrl : action;
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, IHtmlFormElement form, string action, IHtmlDocument page, Random random, int i)
    {
        var fields = Fields(form, random, i);
        if (string.Equals(form.Method, "get", StringComparison.OrdinalIgnoreCase))
        {
            var query = string.Join("&", fields.Select(f => $"{Uri.EscapeDataString(f.Name)}={f.Encoded}"));
            return await client.GetAsync(action.Split('?')[0] + "?" + query);
        }
        if (form.Enctype == "multipart/form-data")
        {
            var multipart = new MultipartFormDataContent();
            foreach (var f in fields) multipart.Add(new StringContent(f.Raw), f.Name);
            foreach (var file in form.QuerySelectorAll("input[type=file]").OfType<IHtmlInputElement>())
                multipart.Add(new ByteArrayContent(HostileFile(random, i)), file.Name ?? "file", i % 3 == 0 ? "../../evil.jpg" : $"upload{i}.jpg");
            return await client.PostAsync(action, multipart);
        }
        var body = string.Join("&", fields.Select(f => $"{Uri.EscapeDataString(f.Name)}={f.Encoded}"));
        return await client.PostAsync(action, new StringContent(body, Encoding.ASCII, "application/x-www-form-urlencoded"));
    }

    private sealed record Field(string Name, string Raw, string Encoded);

    private static List<Field> Fields(IHtmlFormElement form, Random random, int i)
    {
        var fields = new List<Field>();
        foreach (var element in form.Elements)
        {
            var name = element.GetAttribute("name");
            if (string.IsNullOrEmpty(name) || element is IHtmlInputElement { Type: "file" or "submit" or "button" }) continue;
            if (name == "__RequestVerificationToken")
            {
                fields.Add(new(name, element.GetAttribute("value") ?? "", Uri.EscapeDataString(element.GetAttribute("value") ?? "")));
                continue;
            }
            // Case 0 sends the form as the page filled it; the rest mutate.
            if (i == 0)
            {
                var value = element is IHtmlSelectElement select ? select.Value ?? "" : element.GetAttribute("value") ?? "";
                fields.Add(new(name, value, Uri.EscapeDataString(value)));
                continue;
            }
            if (i % 7 == 3)
            {
                // Broken UTF-8 straight in the body.
                fields.Add(new(name, "\uFFFD", "%C3%28%FF%FE%ED%A0%80"));
                continue;
            }
            var payload = element is IHtmlSelectElement && i % 2 == 0 ? "<option>" : Payloads[(i + random.Next(Payloads.Length)) % Payloads.Length];
            fields.Add(new(name, payload, Uri.EscapeDataString(payload)));
        }
        return fields;
    }

    private static byte[] HostileFile(Random random, int i)
    {
        var jpeg = PlaceholderPortrait.Jpeg(i, 120, 160);
        switch (i % 5)
        {
            case 0: return [];
            case 1: return jpeg[..(jpeg.Length / 2)];
            case 2:
                for (var k = 0; k < 20; k++) jpeg[random.Next(jpeg.Length)] = (byte)random.Next(256);
                return jpeg;
            case 3: return Encoding.UTF8.GetBytes("<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>");
            default:
                var bytes = new byte[4096];
                random.NextBytes(bytes);
                return bytes;
        }
    }

    /// <summary>
    /// The records a refused request must not touch, whole rows of each table (audit and disclosure rows may be
    /// written by design): a refused post that changed a name, a date, an opt-in or a photo shows here.
    /// </summary>
    private Dictionary<string, string> Fingerprint() => factory.WithDb(db => new Dictionary<string, string>
    {
        ["students"] = Hash(db.Students.AsNoTracking().OrderBy(x => x.Id).ToList()),
        ["opt-in history"] = Hash(db.OptInChanges.AsNoTracking().OrderBy(x => x.Id).ToList()),
        ["district photos"] = Hash(db.DistrictPhotos.AsNoTracking().OrderBy(x => x.StudentId).ToList()),
        ["state students"] = Hash(db.StateStudents.AsNoTracking().OrderBy(x => x.Id).ToList()),
        ["state photos"] = Hash(db.StatePhotos.AsNoTracking().OrderBy(x => x.StateStudentId).ToList()),
        ["cases"] = Hash(db.MissingChildCases.AsNoTracking().OrderBy(x => x.Id).ToList()),
        ["districts"] = Hash(db.Districts.AsNoTracking().OrderBy(x => x.Id).ToList()),
        ["schools"] = Hash(db.Schools.AsNoTracking().OrderBy(x => x.Id).ToList()),
        ["users"] = Hash(db.Users.AsNoTracking().OrderBy(x => x.Id).ToList()),
    });

    private static string Hash<T>(List<T> rows) => Convert.ToHexString(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(rows, Json)));

    private static readonly JsonSerializerOptions Json = new() { ReferenceHandler = ReferenceHandler.IgnoreCycles };

    private static string Changed(Dictionary<string, string> before, Dictionary<string, string> after) =>
        string.Join(", ", before.Where(b => after[b.Key] != b.Value).Select(b => b.Key));
}
