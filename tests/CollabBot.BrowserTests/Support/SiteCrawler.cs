using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace CollabBot.BrowserTests.Support;

/// <summary>One HTML page as Chromium loaded it, at the fewest clicks from the home page.</summary>
public sealed record PageVisit(
    string Url,
    int Depth,
    string? LinkedFrom,
    int Status,
    string Title,
    string Screenshot,
    string PhoneScreenshot,
    IReadOnlyList<string> ConsoleErrors,
    IReadOnlyList<string> FailedRequests,
    IReadOnlyList<string> AccessibilityProblems,
    IReadOnlyList<string> PhoneProblems,
    IReadOnlySet<string> Ids,
    string Text)
{
    public string Path => Url.Split('?')[0];
}

/// <summary>Any address a page links to on this site, fetched once over HTTP: pages, feeds, JSON, downloads.</summary>
public sealed record LinkTarget(string Url, int Depth, string LinkedFrom, int Status, string? MediaType, string Head);

/// <summary>A link to <c>#id</c> on a page of the site.</summary>
public sealed record FragmentLink(string Url, string Id, string LinkedFrom);

public sealed record CrawlResult(
    IReadOnlyList<PageVisit> Pages,
    IReadOnlyDictionary<string, LinkTarget> Targets,
    IReadOnlyList<FragmentLink> Fragments,
    IReadOnlyList<string> NotVisited)
{
    /// <summary>The fewest clicks from the home page to any address with this path (query left aside), or null if none links to it.</summary>
    public int? Clicks(string path)
    {
        var depths = Targets.Values.Where(t => t.Url.Split('?')[0] == path).Select(t => t.Depth).ToList();
        return depths.Count == 0 ? null : depths.Min();
    }
}

/// <summary>
/// Walks the site from <c>/</c> breadth-first, so each page is first reached by the fewest clicks. Generic on
/// purpose: any page a later change links from the home page (meetings, datasets, projects) is covered without
/// touching this code. Each distinct path is loaded in Chromium once (query variants are fetched over HTTP),
/// at most <see cref="MaxPages"/> of them.
/// </summary>
public sealed partial class SiteCrawler(IBrowser browser, Uri baseAddress, string screenshots)
{
    public const int MaxPages = 60;
    public const int MaxLinkChecks = 400;
    public const int PhoneWidth = 390;
    public const string FaviconPath = "/favicon.ico";

    private readonly HttpClient http = new() { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };

    public async Task<CrawlResult> CrawlAsync(CancellationToken cancellationToken)
    {
        var pages = new List<PageVisit>();
        var targets = new Dictionary<string, LinkTarget>(StringComparer.Ordinal);
        var fragments = new List<FragmentLink>();
        var notVisited = new List<string>();
        var visitedPaths = new HashSet<string>(StringComparer.Ordinal);
        var queue = new Queue<(string Url, int Depth, string LinkedFrom)>();
        queue.Enqueue(("/", 0, "(start)"));
        targets["/"] = new LinkTarget("/", 0, "(start)", 0, null, "");

        // Asked for by every browser, but at a time of its choosing, often after the page has been checked.
        targets[FaviconPath] = await FetchAsync(FaviconPath, 1, "(every browser)", cancellationToken);

        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        });

        while (queue.TryDequeue(out var item))
        {
            var target = await FetchAsync(item.Url, item.Depth, item.LinkedFrom, cancellationToken);
            targets[item.Url] = target;
            var path = item.Url.Split('?')[0];
            if (target.Status != 200 || target.MediaType != "text/html" || visitedPaths.Contains(path))
            {
                continue;
            }

            if (pages.Count >= MaxPages)
            {
                notVisited.Add(item.Url);
                continue;
            }

            visitedPaths.Add(path);
            var (visit, links) = await VisitAsync(context, item.Url, item.Depth, item.LinkedFrom);
            pages.Add(visit);
            foreach (var link in links)
            {
                if (Internal(link) is not { } internalUri)
                {
                    continue;
                }

                var url = internalUri.PathAndQuery;
                if (internalUri.Fragment.Length > 1)
                {
                    fragments.Add(new FragmentLink(url, Uri.UnescapeDataString(internalUri.Fragment[1..]), item.Url));
                }

                if (!targets.ContainsKey(url) && targets.Count < MaxLinkChecks)
                {
                    targets[url] = new LinkTarget(url, item.Depth + 1, item.Url, 0, null, "");
                    queue.Enqueue((url, item.Depth + 1, item.Url));
                }
            }
        }

        return new CrawlResult(pages, targets, fragments, notVisited);
    }

    /// <summary>A link to this site (http, https, or the webcal form of a feed), or null for anything else.</summary>
    private Uri? Internal(string href)
    {
        if (!Uri.TryCreate(href, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https" or "webcal"))
        {
            return null;
        }

        return uri.Host == baseAddress.Host && uri.Port == baseAddress.Port ? uri
            : uri.Scheme == "webcal" && uri.Host == baseAddress.Host && uri.IsDefaultPort ? uri
            : null;
    }

    private async Task<LinkTarget> FetchAsync(string url, int depth, string linkedFrom, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(url.TrimStart('/'), cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        MediaTypeHeaderValue? type = response.Content.Headers.ContentType;
        return new LinkTarget(url, depth, linkedFrom, (int)response.StatusCode, type?.MediaType, body.Length > 200 ? body[..200] : body);
    }

    private async Task<(PageVisit Visit, IReadOnlyList<string> Links)> VisitAsync(IBrowserContext context, string url, int depth, string linkedFrom)
    {
        var page = await context.NewPageAsync();
        var consoleErrors = new List<string>();
        var failed = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                lock (consoleErrors)
                {
                    consoleErrors.Add($"{message.Text} ({message.Location})");
                }
            }
        };
        page.PageError += (_, error) =>
        {
            lock (consoleErrors)
            {
                consoleErrors.Add("uncaught: " + error);
            }
        };
        page.RequestFailed += (_, request) =>
        {
            lock (failed)
            {
                failed.Add($"{request.Method} {request.Url}: {request.Failure}");
            }
        };
        page.Response += (_, response) =>
        {
            if (response.Status >= 400)
            {
                lock (failed)
                {
                    failed.Add($"{response.Request.Method} {response.Url}: {response.Status}");
                }
            }
        };

        try
        {
            // Network idle, not just load: what a browser asks for after the load event (the favicon) is checked too.
            var response = await page.GotoAsync(url, new PageGotoOptions { WaitUntil = WaitUntilState.NetworkIdle, Timeout = 30_000 });
            var name = ScreenshotName(url);
            var screenshot = Path.Combine(screenshots, name + ".png");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = screenshot, FullPage = true });

            var problems = await page.EvaluateAsync<string[]>(Checks.Accessibility);
            var links = await page.EvaluateAsync<string[]>("() => Array.from(document.querySelectorAll('a[href]'), a => a.href)");
            var ids = await page.EvaluateAsync<string[]>("() => Array.from(document.querySelectorAll('[id]'), e => e.id)");
            var text = await page.EvaluateAsync<string>("() => document.body.innerText");
            var title = await page.TitleAsync();

            await page.SetViewportSizeAsync(PhoneWidth, 844);
            var phoneProblems = await page.EvaluateAsync<string[]>(Checks.Phone);
            var phoneScreenshot = Path.Combine(screenshots, name + ".phone.png");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = phoneScreenshot, FullPage = true });

            List<string> errors;
            List<string> failures;
            lock (consoleErrors)
            {
                errors = [.. consoleErrors];
            }

            lock (failed)
            {
                failures = [.. failed];
            }

            return (new PageVisit(url, depth, linkedFrom, response?.Status ?? 0, title, screenshot, phoneScreenshot, errors, failures, problems, phoneProblems, ids.ToHashSet(StringComparer.Ordinal), text), links);
        }
        finally
        {
            await page.CloseAsync();
        }
    }

    /// <summary><c>/</c> → home, <c>/wg/calorimetry</c> → wg_calorimetry, a query → its text in the name too.</summary>
    public static string ScreenshotName(string url) =>
        url == "/" ? "home" : Unsafe().Replace(url.Trim('/').Replace('/', '_').Replace('?', '~'), "-");

    [GeneratedRegex("[^A-Za-z0-9._~=-]")]
    private static partial Regex Unsafe();
}
