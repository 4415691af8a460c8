using CollabBot.BrowserTests.Support;
using Microsoft.Playwright;

namespace CollabBot.BrowserTests;

/// <summary>The web console used as a person would: type into the labelled fields, press Run, read the reply.</summary>
public sealed class ConsoleTests(Site site)
{
    /// <summary>Collects every Content-Security-Policy violation a page reports, from before its first script runs.</summary>
    private const string RecordViolations = """
        window.__violations = [];
        document.addEventListener('securitypolicyviolation', e => window.__violations.push(e.violatedDirective + ' ' + (e.blockedURI || 'inline')));
        """;

    [Fact]
    public async Task Console_CommandTypedAndRun_ShowsTheReplyOnAnAccessiblePageWithinThePolicy()
    {
        site.RequireBrowser();
        await using var context = await site.NewContextAsync();
        await context.AddInitScriptAsync(RecordViolations);
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                errors.Add($"{message.Text} ({message.Location})");
            }
        };

        var loaded = await page.GotoAsync("/console");
        await page.GetByLabel("As").FillAsync("console:amara");
        await page.GetByLabel("Command").FillAsync("/wg info calorimetry");
        await page.GetByRole(AriaRole.Button, new() { Name = "Run" }).ClickAsync();

        var reply = page.Locator(".reply");
        await reply.WaitForAsync(new LocatorWaitForOptions { Timeout = 15_000 });
        Assert.Contains("Calorimetry Dataset", await reply.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal("console:amara", await page.GetByLabel("As").InputValueAsync());
        Assert.Empty(await page.EvaluateAsync<string[]>(Checks.Accessibility));
        Assert.True(errors.Count == 0, string.Join("\n", errors));
        Assert.Contains("default-src 'self'", (await loaded!.AllHeadersAsync())["content-security-policy"], StringComparison.Ordinal);
        Assert.Empty(await page.EvaluateAsync<string[]>("window.__violations"));

        var shot = Path.Combine(Site.Screenshots, "console-reply.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = shot, FullPage = true });
        TestContext.Current.TestOutputHelper?.WriteLine($"Screenshot: {shot}");
        Assert.True(File.Exists(shot));
    }

    /// <summary>The policy is not only sent but obeyed: markup that slipped into the console page could not run.</summary>
    [Fact]
    public async Task Console_InlineScriptInsertedIntoThePage_IsBlockedByThePolicy()
    {
        site.RequireBrowser();
        await using var context = await site.NewContextAsync();
        await context.AddInitScriptAsync(RecordViolations);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/console");

        await page.EvaluateAsync("""
            () => {
                const script = document.createElement('script');
                script.textContent = 'window.__inlineRan = true;';
                document.body.appendChild(script);
            }
            """);

        Assert.False(await page.EvaluateAsync<bool>("window.__inlineRan === true"));
        var violations = await page.EvaluateAsync<string[]>("window.__violations");
        Assert.Contains(violations, v => v.StartsWith("script-src", StringComparison.Ordinal) || v.StartsWith("default-src", StringComparison.Ordinal));
    }
}
