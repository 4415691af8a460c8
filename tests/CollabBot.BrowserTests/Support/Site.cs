using Microsoft.Playwright;

[assembly: AssemblyFixture(typeof(CollabBot.BrowserTests.Support.Site))]

namespace CollabBot.BrowserTests.Support;

/// <summary>
/// One real service (demo community seeded on first start, web console on) and one headless Chromium for the
/// whole test assembly, and the crawl of the site from its home page, done once and read by many tests.
/// Without Chromium nothing is started and every test skips with <see cref="SkipReason"/>.
/// </summary>
public sealed class Site : IAsyncLifetime
{
    private readonly SemaphoreSlim crawlGate = new(1, 1);
    private ServiceProcess? service;
    private IPlaywright? playwright;
    private IBrowser? browser;
    private CrawlResult? crawl;

    public string? SkipReason { get; private set; }

    public ServiceProcess Service => service ?? throw new InvalidOperationException("The service was not started.");

    public IBrowser Browser => browser ?? throw new InvalidOperationException("Chromium was not launched.");

    public Uri BaseAddress => Service.BaseAddress;

    /// <summary>Where screenshots go: artifacts/screenshots/ under the test output folder.</summary>
    public static string Screenshots { get; } = Path.Combine(AppContext.BaseDirectory, "artifacts", "screenshots");

    public async ValueTask InitializeAsync()
    {
        if (Chromium.Find(out var reason) is not { } executable)
        {
            SkipReason = reason;
            return;
        }

        if (Directory.Exists(Screenshots))
        {
            Directory.Delete(Screenshots, recursive: true);
        }

        Directory.CreateDirectory(Screenshots);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        service = await ServiceProcess.StartAsync(new Dictionary<string, string> { ["Console:Enabled"] = "true" }, timeout.Token);
        playwright = await Playwright.CreateAsync();
        browser = await Chromium.LaunchAsync(playwright, executable);
    }

    /// <summary>Skips the calling test when there is no browser.</summary>
    public void RequireBrowser()
    {
        if (SkipReason is not null)
        {
            Assert.Skip(SkipReason);
        }
    }

    /// <summary>The crawl from the home page, done by the first test that asks for it.</summary>
    public async Task<CrawlResult> CrawlAsync(CancellationToken cancellationToken)
    {
        RequireBrowser();
        await crawlGate.WaitAsync(cancellationToken);
        try
        {
            crawl ??= await new SiteCrawler(Browser, BaseAddress, Screenshots).CrawlAsync(cancellationToken);
            return crawl;
        }
        finally
        {
            crawlGate.Release();
        }
    }

    /// <summary>A fresh browser context (its own cookies) with a phone-or-desktop viewport.</summary>
    public Task<IBrowserContext> NewContextAsync(int width = 1280, int height = 900) =>
        Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
            AcceptDownloads = true,
            Locale = "en-GB",
            TimezoneId = "America/New_York",
        });

    public async ValueTask DisposeAsync()
    {
        if (browser is not null)
        {
            await browser.CloseAsync();
        }

        playwright?.Dispose();
        if (service is not null)
        {
            await service.DisposeAsync();
        }

        crawlGate.Dispose();
    }
}
