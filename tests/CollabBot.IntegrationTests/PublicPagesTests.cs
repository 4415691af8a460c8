using System.Net;
using System.Text.RegularExpressions;
using CollabBot.IntegrationTests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace CollabBot.IntegrationTests;

/// <summary>
/// Finding 16 of the security review: a deployment's pages speak to its members, not to its operators. No page
/// reachable from the home page, and no error page, shows a command for the server or the name of a setting.
/// </summary>
public sealed partial class PublicPagesTests(ConsoleDisabledFactory factory) : IClassFixture<ConsoleDisabledFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Pages_AsADeploymentServesThem_ShowNoServerCommandOrSettingName()
    {
        var client = factory.CreateClient();
        var pages = await CrawlAsync(client, ["/", "/console", "/wg/calorimtery", "/datasets/calo-shower", "/projects/nope", "/meetings?wg=nowhere", "/meetings?tz=Mars/Olympus"]);

        Assert.True(pages.Count > 20, $"Only {pages.Count} pages were found from the home page.");
        foreach (var (path, html) in pages)
        {
            var text = Html.Text(html);
            Assert.False(text.Contains("dotnet", StringComparison.OrdinalIgnoreCase), $"{path} shows a server command: {text}");
            Assert.False(text.Contains("appsettings", StringComparison.OrdinalIgnoreCase), $"{path} names a settings file: {text}");
            Assert.False(SettingName().IsMatch(text), $"{path} names a setting ({SettingName().Match(text).Value}): {text}");
        }
    }

    /// <summary>Every HTML page of the site reachable from <paramref name="start"/>, by path.</summary>
    private static async Task<Dictionary<string, string>> CrawlAsync(HttpClient client, IEnumerable<string> start)
    {
        var pages = new Dictionary<string, string>(StringComparer.Ordinal);
        var queue = new Queue<string>(start);
        while (queue.TryDequeue(out var path) && pages.Count < 100)
        {
            if (pages.ContainsKey(path))
            {
                continue;
            }

            using var response = await client.GetAsync(path, Ct);
            if (response.Content.Headers.ContentType?.MediaType != "text/html")
            {
                continue;
            }

            Assert.NotEqual(HttpStatusCode.InternalServerError, response.StatusCode);
            var html = await response.Content.ReadAsStringAsync(Ct);
            pages[path] = html;
            foreach (var (href, _) in Html.Links(html))
            {
                if (href.StartsWith('/') && !href.StartsWith("//", StringComparison.Ordinal))
                {
                    queue.Enqueue(href.Split('#')[0]);
                }
            }
        }

        return pages;
    }

    /// <summary><c>Console:Enabled</c>, <c>GitHub:Token</c>: how configuration keys are written.</summary>
    [GeneratedRegex(@"\b[A-Z][A-Za-z]+:[A-Z][A-Za-z]+\b")]
    private static partial Regex SettingName();
}

/// <summary>GitHub connected, but refusing the token: GitHub's own 401 for every request, from 127.0.0.1.</summary>
public sealed class GitHubRefusesFactory : ServiceFactory
{
    private readonly WebApplication github;

    public GitHubRefusesFactory()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        github = builder.Build();
        github.MapFallback(context =>
        {
            // As GitHub answers a bad token (docs.github.com/rest/authentication).
            context.Response.StatusCode = 401;
            context.Response.ContentType = "application/json; charset=utf-8";
            return context.Response.WriteAsync("""{"message":"Bad credentials","documentation_url":"https://docs.github.com/rest","status":"401"}""");
        });
        github.StartAsync().GetAwaiter().GetResult();
    }

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["GitHub:ApiBaseUrl"] = github.Urls.Single() + "/",
        ["GitHub:Token"] = "ghp_test_not_a_real_token",
    };

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await github.DisposeAsync();
    }
}

/// <summary>A dataset page when GitHub refuses the deployment's token: members read why the issues are missing, not which setting to fix.</summary>
public sealed class DatasetPageGitHubRefusesTests(GitHubRefusesFactory factory) : IClassFixture<GitHubRefusesFactory>
{
    [Fact]
    public async Task DatasetPage_GitHubRefusesTheToken_SaysIssuesCannotBeShownWithoutNamingTheSetting()
    {
        var page = await factory.CreateClient().GetStringAsync("/datasets/calo-showers", TestContext.Current.CancellationToken);

        var issues = Html.Text(Html.Section(page, "Open issues"));
        Assert.Contains("Open issues could not be fetched", issues, StringComparison.Ordinal);
        Assert.DoesNotContain("GitHub:Token", issues, StringComparison.Ordinal);
        Assert.DoesNotContain("admin", issues, StringComparison.OrdinalIgnoreCase);
    }
}
