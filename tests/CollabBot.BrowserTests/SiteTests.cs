using System.Text.Json;
using CollabBot.BrowserTests.Support;
using Microsoft.Playwright;

namespace CollabBot.BrowserTests;

/// <summary>
/// The dashboard in headless Chromium against the real service with the demo community: every page reachable from
/// the home page loads cleanly, is accessible and fits a phone, every link answers, the calendar links serve feeds,
/// and everything the community has is within two clicks of the home page.
/// </summary>
public sealed class SiteTests(Site site)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static void Output(string line) => TestContext.Current.TestOutputHelper?.WriteLine(line);

    [Fact]
    public async Task Crawl_FromHome_VisitsEveryLinkedPageWithinTheLimit()
    {
        var crawl = await site.CrawlAsync(Ct);

        foreach (var page in crawl.Pages)
        {
            Output($"{page.Depth} click(s)  {page.Url}  \"{page.Title}\"  (from {page.LinkedFrom})");
        }

        Assert.Contains(crawl.Pages, p => p.Url == "/");
        Assert.All(crawl.Pages, p => Assert.Equal(200, p.Status));
        Assert.True(crawl.NotVisited.Count == 0, $"More than {SiteCrawler.MaxPages} pages; not loaded in the browser: {string.Join(", ", crawl.NotVisited)}");
    }

    [Fact]
    public async Task EveryPage_Loaded_LogsNoConsoleErrors()
    {
        var crawl = await site.CrawlAsync(Ct);

        var errors = crawl.Pages.SelectMany(p => p.ConsoleErrors.Select(e => $"{p.Url}: {e}")).ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    [Fact]
    public async Task EveryPage_Loaded_HasNoFailedRequests()
    {
        var crawl = await site.CrawlAsync(Ct);

        var failures = crawl.Pages.SelectMany(p => p.FailedRequests.Select(f => $"{p.Url}: {f}")).ToList();
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task EveryPage_Rendered_PassesAccessibilityChecks()
    {
        var crawl = await site.CrawlAsync(Ct);

        var problems = crawl.Pages.SelectMany(p => p.AccessibilityProblems.Select(a => $"{p.Url}: {a}")).ToList();
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public async Task EveryPage_OnAPhone_DoesNotScrollSideways()
    {
        var crawl = await site.CrawlAsync(Ct);

        var problems = crawl.Pages.SelectMany(p => p.PhoneProblems.Select(a => $"{p.Url}: {a}")).ToList();
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public async Task EveryPage_Crawled_HasFullPageScreenshots()
    {
        var crawl = await site.CrawlAsync(Ct);

        Output($"Screenshots in {Site.Screenshots}:");
        foreach (var page in crawl.Pages)
        {
            Output($"{page.Url}  {page.Screenshot}  {page.PhoneScreenshot}");
            Assert.True(new FileInfo(page.Screenshot).Length > 1000, $"{page.Screenshot} is missing or empty");
            Assert.True(new FileInfo(page.PhoneScreenshot).Length > 1000, $"{page.PhoneScreenshot} is missing or empty");
        }
    }

    [Fact]
    public async Task EveryLink_OnTheSite_Answers200()
    {
        var crawl = await site.CrawlAsync(Ct);

        var broken = crawl.Targets.Values.Where(t => t.Status != 200).Select(t => $"{t.Url} answered {t.Status} (linked from {t.LinkedFrom})").ToList();
        Assert.True(broken.Count == 0, string.Join("\n", broken));
        Output($"{crawl.Targets.Count} distinct addresses checked.");
    }

    [Fact]
    public async Task EveryFragmentLink_OnAVisitedPage_PointsAtAnElement()
    {
        var crawl = await site.CrawlAsync(Ct);

        var pages = crawl.Pages.ToDictionary(p => p.Url, StringComparer.Ordinal);
        var dangling = crawl.Fragments
            .Where(f => pages.TryGetValue(f.Url, out var page) && !page.Ids.Contains(f.Id))
            .Select(f => $"{f.Url}#{f.Id} (linked from {f.LinkedFrom}) has no element with that id")
            .Distinct()
            .ToList();
        Assert.True(dangling.Count == 0, string.Join("\n", dangling));
    }

    [Fact]
    public async Task SeededGroups_FromHome_AreWithinTwoClicks()
    {
        var crawl = await site.CrawlAsync(Ct);

        Assert.NotEmpty(Seeds.Community.Groups);
        foreach (var group in Seeds.Community.Groups)
        {
            var clicks = crawl.Clicks($"/wg/{group.Slug}");
            Assert.True(clicks is <= 2, $"/wg/{group.Slug} is {(clicks is null ? "not reachable" : $"{clicks} clicks away")} from the home page");
        }
    }

    /// <summary>
    /// Every item of every collection in the API whose <c>links.page</c> names a dashboard page: so datasets, projects
    /// and whatever else the API lists are held to the same two clicks as soon as they are served.
    /// </summary>
    [Fact]
    public async Task ApiItemsWithAPage_FromHome_AreWithinTwoClicks()
    {
        var crawl = await site.CrawlAsync(Ct);
        using var http = new HttpClient { BaseAddress = site.BaseAddress };
        using var document = JsonDocument.Parse(await http.GetStringAsync("api/v1/openapi.json", Ct));

        // Collections are the GET paths without parameters that anyone may read (those needing a personal API token answer 401).
        var collections = document.RootElement.GetProperty("paths").EnumerateObject()
            .Where(p => !p.Name.Contains('{', StringComparison.Ordinal) && p.Value.TryGetProperty("get", out var get)
                && !(get.TryGetProperty("responses", out var responses) && responses.TryGetProperty("401", out _)))
            .Select(p => p.Name).ToList();
        Assert.NotEmpty(collections);
        var pages = new List<(string Page, string Collection)>();
        foreach (var collection in collections)
        {
            using var json = JsonDocument.Parse(await http.GetStringAsync(collection.TrimStart('/'), Ct));
            pages.AddRange(PageLinks(json.RootElement).Select(p => (p, collection)));
        }

        Assert.NotEmpty(pages);
        foreach (var (page, collection) in pages.Distinct())
        {
            var path = page.Split('#')[0].Split('?')[0];
            var clicks = crawl.Clicks(path);
            Assert.True(clicks is <= 2, $"{page} (from {collection}) is {(clicks is null ? "not reachable" : $"{clicks} clicks away")} from the home page");
        }
    }

    [Fact]
    public async Task UpcomingMeetings_FromHome_AreNamedWithinTwoClicks()
    {
        var crawl = await site.CrawlAsync(Ct);
        using var http = new HttpClient { BaseAddress = site.BaseAddress };
        using var json = JsonDocument.Parse(await http.GetStringAsync("api/v1/meetings", Ct));

        var titles = json.RootElement.GetProperty("occurrences").EnumerateArray()
            .Where(o => !o.GetProperty("cancelled").GetBoolean())
            .Select(o => o.GetProperty("title").GetString()!)
            .Distinct()
            .ToList();
        if (titles.Count == 0)
        {
            Assert.Skip("The demo community has no meetings in the next 31 days, so there is nothing to find.");
        }

        var near = crawl.Pages.Where(p => p.Depth <= 2).ToList();
        Assert.All(titles, title => Assert.True(
            near.Any(p => p.Text.Contains(title, StringComparison.Ordinal)),
            $"The meeting \"{title}\" is on no page within two clicks of the home page."));
    }

    [Fact]
    public async Task CalendarLinks_AnywhereOnTheSite_ServeTextCalendar()
    {
        var crawl = await site.CrawlAsync(Ct);

        var feeds = crawl.Targets.Values.Where(t => t.Url.Split('?')[0].EndsWith(".ics", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(feeds);
        Assert.Contains(feeds, f => f.Depth <= 1);
        foreach (var feed in feeds)
        {
            Output($"{feed.Url}: {feed.Status} {feed.MediaType}");
            Assert.Equal(200, feed.Status);
            Assert.Equal("text/calendar", feed.MediaType);
            Assert.StartsWith("BEGIN:VCALENDAR", feed.Head, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task SubscribeLink_ClickedOnHome_DownloadsAnICalendarFeed()
    {
        site.RequireBrowser();
        await using var context = await site.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");

        // The footer's link, on every page; a page may offer the same feed again in its own words.
        var subscribe = page.GetByRole(AriaRole.Contentinfo).GetByRole(AriaRole.Link, new() { Name = "Subscribe to every group's meetings" });
        var download = await page.RunAndWaitForDownloadAsync(() => subscribe.ClickAsync());

        Assert.EndsWith("/calendar.ics", download.Url, StringComparison.Ordinal);
        var text = await File.ReadAllTextAsync(await download.PathAsync(), Ct);
        Assert.StartsWith("BEGIN:VCALENDAR", text, StringComparison.Ordinal);
        Assert.Contains("END:VCALENDAR", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Service_WhileCrawled_LogsNoErrors()
    {
        await site.CrawlAsync(Ct);

        var errors = site.Service.Log.Split('\n').Where(l => l.StartsWith("fail:", StringComparison.Ordinal) || l.StartsWith("crit:", StringComparison.Ordinal)).ToList();
        Assert.True(errors.Count == 0, site.Service.Log);
    }

    private static IEnumerable<string> PageLinks(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    if (property.Name == "links" && property.Value.ValueKind == JsonValueKind.Object
                        && property.Value.TryGetProperty("page", out var page) && page.ValueKind == JsonValueKind.String)
                    {
                        yield return page.GetString()!;
                    }

                    foreach (var nested in PageLinks(property.Value))
                    {
                        yield return nested;
                    }
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    foreach (var nested in PageLinks(item))
                    {
                        yield return nested;
                    }
                }

                break;
            default:
                break;
        }
    }
}
