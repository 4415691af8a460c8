using CollabBot.BrowserTests.Support;
using Microsoft.Playwright;

namespace CollabBot.BrowserTests;

/// <summary>The web console used as a person would: type into the labelled fields, press Run, read the reply.</summary>
public sealed class ConsoleTests(Site site)
{
    [Fact]
    public async Task Console_CommandTypedAndRun_ShowsTheReplyOnAnAccessiblePage()
    {
        site.RequireBrowser();
        await using var context = await site.NewContextAsync();
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                errors.Add($"{message.Text} ({message.Location})");
            }
        };

        await page.GotoAsync("/console");
        await page.GetByLabel("As").FillAsync("console:amara");
        await page.GetByLabel("Command").FillAsync("/wg info calorimetry");
        await page.GetByRole(AriaRole.Button, new() { Name = "Run" }).ClickAsync();

        var reply = page.Locator(".reply");
        await reply.WaitForAsync(new LocatorWaitForOptions { Timeout = 15_000 });
        Assert.Contains("Calorimetry Dataset", await reply.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal("console:amara", await page.GetByLabel("As").InputValueAsync());
        Assert.Empty(await page.EvaluateAsync<string[]>(Checks.Accessibility));
        Assert.True(errors.Count == 0, string.Join("\n", errors));

        var shot = Path.Combine(Site.Screenshots, "console-reply.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = shot, FullPage = true });
        TestContext.Current.TestOutputHelper?.WriteLine($"Screenshot: {shot}");
        Assert.True(File.Exists(shot));
    }
}
