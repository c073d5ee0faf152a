using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PhotoRepository.Core.Entities;
using PhotoRepository.Core.Security;
using PhotoRepository.Web.Seeding;
using PhotoRepository.Web.Setup;
using PhotoRepository.Web.Tests.Infrastructure;

namespace PhotoRepository.Benchmarks;

/// <summary>The DOJ benchmark's client: one signed-in DOJ user with a case, as a browser would drive the pages.</summary>
public static partial class DojBenchmark
{
    /// <summary>One signed-in DOJ user: its own cookies and connection, like one browser.</summary>
    internal sealed partial class DojClient(HttpClient http)
    {
        private readonly HttpClient _http = http;
        private string _searchToken = "";

        public List<Guid> SeenKeys { get; } = [];

        public static async Task<DojClient> SignInAsync(Uri baseAddress, string email, string key, string caseNumber)
        {
            var handler = new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() };
            var client = new DojClient(new HttpClient(handler) { BaseAddress = baseAddress });
            var afterPassword = await client.PostFormAsync("/Account/Login", new() { ["Input.Email"] = email, ["Input.Password"] = Password });
            var twoFactor = afterPassword.Headers.Location?.ToString() ?? "";
            if (!twoFactor.Contains("/Account/LoginWith2fa")) throw new InvalidOperationException($"{email}: no two-factor step ({(int)afterPassword.StatusCode} {twoFactor})");
            var signedIn = await client.PostFormAsync(twoFactor, new() { ["Input.Code"] = Totp.Code(key) });
            if (signedIn.StatusCode != HttpStatusCode.Redirect || signedIn.Headers.Location?.ToString().Contains("/Account/") == true)
                throw new InvalidOperationException($"{email}: two-factor sign-in gave {(int)signedIn.StatusCode} {signedIn.Headers.Location}");
            var caseSet = await client.PostFormAsync("/State/Doj/Case", new()
            {
                ["Input.CaseNumber"] = caseNumber,
                ["Input.Agency"] = "Benchmark County Sheriff",
                ["Input.LegalBasis"] = nameof(LegalBasis.MissingChildReport),
            });
            if (caseSet.StatusCode != HttpStatusCode.Redirect) throw new InvalidOperationException($"{email}: the case context was refused ({(int)caseSet.StatusCode})");
            var search = await client._http.GetStringAsync("/State/Doj/Search");
            client._searchToken = Token(search) ?? throw new InvalidOperationException($"{email}: the search page has no form (no case context?)");
            return client;
        }

        public async Task<(double Ms, bool Ok, List<Guid> Keys)> SearchAsync(Dictionary<string, string> criteria)
        {
            var fields = new Dictionary<string, string>(criteria) { ["__RequestVerificationToken"] = _searchToken };
            var watch = Stopwatch.StartNew();
            using var response = await _http.PostAsync("/State/Doj/Search", new FormUrlEncodedContent(fields));
            var html = await response.Content.ReadAsStringAsync();
            watch.Stop();
            var keys = ThumbLink().Matches(html).Select(m => Guid.Parse(m.Groups[1].Value)).ToList();
            var ok = response.StatusCode == HttpStatusCode.OK && html.Contains("id=\"search-form\"");
            return (watch.Elapsed.TotalMilliseconds, ok, keys);
        }

        public async Task<(double Ms, bool Ok)> GetAsync(string url)
        {
            var watch = Stopwatch.StartNew();
            using var response = await _http.GetAsync(url);
            var body = await response.Content.ReadAsByteArrayAsync();
            watch.Stop();
            return (watch.Elapsed.TotalMilliseconds, response.StatusCode == HttpStatusCode.OK && body.Length > 0);
        }

        /// <summary>GETs the page for its antiforgery token, then posts the form as a browser would.</summary>
        private async Task<HttpResponseMessage> PostFormAsync(string url, Dictionary<string, string> values)
        {
            var page = await _http.GetStringAsync(url);
            var fields = new Dictionary<string, string>(values)
            {
                ["__RequestVerificationToken"] = Token(page) ?? throw new InvalidOperationException($"No antiforgery token on {url}"),
            };
            return await _http.PostAsync(url, new FormUrlEncodedContent(fields));
        }

        private static string? Token(string html) => AntiforgeryField().Match(html) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value) : null;

        [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
        private static partial Regex AntiforgeryField();

        [GeneratedRegex("/State/Doj/Photos/([0-9a-f-]{36})/thumb")]
        private static partial Regex ThumbLink();
    }
}
