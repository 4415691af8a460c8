using CollabBot.BrowserTests.Support;

namespace CollabBot.BrowserTests;

/// <summary>The page checks themselves, on pages made to break them: a check that finds nothing on a bad page proves nothing on a good one.</summary>
public sealed class ChecksTests(Site site)
{
    private const string BadPage = """
        <!doctype html><html><head><title> </title></head><body>
        <h1>One</h1><h1>Two</h1><h4>Jump</h4>
        <img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">
        <input id="x" name="q"><select id="x"></select><button></button>
        <a href="/somewhere"></a>
        <p style="color:#aaa;background:#fff">Pale text on white</p>
        <p style="color:#1b1f24;background:#fff">Dark text on white</p>
        </body></html>
        """;

    [Fact]
    public async Task Accessibility_PageBreakingEveryRule_ReportsEachProblem()
    {
        site.RequireBrowser();
        await using var context = await site.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.SetContentAsync(BadPage);

        var problems = await page.EvaluateAsync<string[]>(Checks.Accessibility);

        Assert.Contains(problems, p => p.StartsWith("2 h1 elements", StringComparison.Ordinal));
        Assert.Contains("<html> has no lang", problems);
        Assert.Contains("<title> is empty", problems);
        Assert.Contains(problems, p => p.StartsWith("img without alt", StringComparison.Ordinal));
        Assert.Equal(2, problems.Count(p => p.StartsWith("form control without a label", StringComparison.Ordinal)));
        Assert.Contains(problems, p => p.StartsWith("button without a name", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("link without a name", StringComparison.Ordinal));
        Assert.Contains("duplicate ids: x", problems);
        Assert.Contains(problems, p => p.StartsWith("heading jumps from h1 to h4", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("\"Pale text on white\"", StringComparison.Ordinal) && p.StartsWith("contrast 2.32:1 < 4.5:1", StringComparison.Ordinal));
        Assert.DoesNotContain(problems, p => p.Contains("Dark text", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Phone_TableWiderThanTheScreen_IsReported()
    {
        site.RequireBrowser();
        await using var context = await site.NewContextAsync(width: SiteCrawler.PhoneWidth);
        var page = await context.NewPageAsync();
        await page.SetContentAsync("<!doctype html><html lang=\"en\"><body><table style=\"width:900px\"><tr><td>wide</td></tr></table></body></html>");

        var problems = await page.EvaluateAsync<string[]>(Checks.Phone);

        Assert.Contains("table", Assert.Single(problems), StringComparison.Ordinal);
    }
}
