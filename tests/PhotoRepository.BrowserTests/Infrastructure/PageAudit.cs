using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace PhotoRepository.BrowserTests.Infrastructure;

/// <summary>
/// Checks each page a user reaches the way the issue asks: axe-core (every rule it runs by default:
/// WCAG 2.0/2.1 A and AA and best practices) at desktop (1366 px) and phone (390 px) width, no
/// sideways scrolling at 390 and 320 CSS px, no console error (a CSP refusal shows up as one), and a
/// full-page screenshot at both sizes. Problems are collected so one run lists them all.
/// </summary>
public sealed class PageAudit
{
    private static readonly (int Width, int Height, string Name)[] Sizes = [(1366, 900, "desktop"), (390, 844, "phone")];
    private readonly IPage _page;
    private readonly string _who;
    private readonly List<string> _console = [];
    private string? _expectedConsole;

    public List<string> Problems { get; } = [];
    public List<string> Checked { get; } = [];

    public PageAudit(IPage page, string who)
    {
        _page = page;
        _who = who;
        page.Console += (_, message) => { if (message.Type == "error") _console.Add(message.Text); };
        page.PageError += (_, error) => _console.Add(error);
    }

    /// <summary>Opens the address and checks the page it lands on.</summary>
    public async Task VisitAsync(string url, string name, int status = 200)
    {
        var response = await _page.GotoAsync(url);
        if (response?.Status != status) Problems.Add($"{name}: GET {url} answered {response?.Status}, not {status}");
        // The browser logs a page that answers with an error status; that one was expected.
        if (status >= 400) _expectedConsole = $"status of {status}";
        await CheckAsync(name);
    }

    /// <summary>Checks the page as it is now (after a form was posted, for example).</summary>
    public async Task CheckAsync(string name)
    {
        await _page.WaitForLoadStateAsync(LoadState.Load);
        Checked.Add(name);
        foreach (var (width, height, size) in Sizes)
        {
            await _page.SetViewportSizeAsync(width, height);
            var result = await _page.RunAxe();
            foreach (var violation in result.Violations)
                Problems.Add($"{name} at {width} px: axe {violation.Id} ({violation.Impact}) {violation.Help}: "
                             + string.Join(" | ", violation.Nodes.Take(3).Select(n => n.Html)));
            await SidewaysAsync(name, width);
            await _page.ScreenshotAsync(new PageScreenshotOptions
            {
                Path = Path.Combine(LiveApp.ScreenshotFolder, "pages", $"{_who}-{name}-{size}.png"), FullPage = true,
            });
        }
        await _page.SetViewportSizeAsync(320, 640);
        await SidewaysAsync(name, 320);
        await _page.SetViewportSizeAsync(1366, 900);
        foreach (var error in _console.Where(e => _expectedConsole is null || !e.Contains(_expectedConsole)))
            Problems.Add($"{name}: console error: {error}");
        _console.Clear();
        _expectedConsole = null;
    }

    private async Task SidewaysAsync(string name, int width)
    {
        var wide = await _page.EvaluateAsync<string[]>("""
            () => {
              const limit = document.documentElement.clientWidth;
              if (document.documentElement.scrollWidth <= limit) return [];
              return [...document.querySelectorAll('body *')]
                .filter(e => e.getBoundingClientRect().right > limit + 1 && getComputedStyle(e).position !== 'absolute')
                .slice(-3).map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className ? '.' + String(e.className).replace(/ /g, '.') : '')
                  + ' right=' + Math.round(e.getBoundingClientRect().right));
            }
            """);
        if (wide.Length > 0) Problems.Add($"{name} at {width} px scrolls sideways: {string.Join(", ", wide)}");
    }

    public void AssertClean()
    {
        Assert.True(Checked.Count > 0, "No page was checked.");
        Assert.True(Problems.Count == 0, $"{Problems.Count} problem(s) on {_who}'s pages:\n" + string.Join("\n", Problems));
    }
}
