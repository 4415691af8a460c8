using System.Net;
using System.Text;
using CollabBot.IntegrationTests.Support;
using CollabBot.Tests.Shared;

namespace CollabBot.IntegrationTests;

/// <summary>The datasets pages and the GitHub webhook endpoint on the real host (seeded with the demo datasets, no GitHub settings).</summary>
public sealed class DatasetPagesTests(ServiceFactory factory) : IClassFixture<ServiceFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("/datasets")]
    [InlineData("/datasets/calo-showers")]
    [InlineData("/datasets/lartpc-events")]
    public async Task DatasetPage_Any_IsAccessible(string path)
    {
        var page = await factory.CreateClient().GetStringAsync(path, Ct);

        PageShape.AssertAccessible(page);
    }

    [Fact]
    public async Task DatasetsPage_ListsDemoDatasetsWithLinks()
    {
        var page = await factory.CreateClient().GetStringAsync("/datasets", Ct);

        var links = Html.Links(page);
        Assert.Contains(links, l => l.Href == "/datasets/calo-showers");
        Assert.Contains(links, l => l.Href == "/datasets/trackml-lite");
        Assert.Contains(links, l => l.Href == "/wg/calorimetry");
    }

    [Fact]
    public async Task DatasetPage_ShowsVersionsCitationAndWhyIssuesAreMissing()
    {
        var page = await factory.CreateClient().GetStringAsync("/datasets/calo-showers", Ct);

        var versions = Html.Text(Html.Section(page, "Versions"));
        Assert.Contains("1.1.0", versions, StringComparison.Ordinal);
        Assert.Contains("1.0.0", versions, StringComparison.Ordinal);
        var cite = Html.Text(Html.Section(page, "How to cite"));
        Assert.Contains("@misc{calo-showers-v1.1.0,", cite, StringComparison.Ordinal);
        Assert.Contains("cff-version: 1.2.0", cite, StringComparison.Ordinal);
        Assert.Contains("Schmidt, Noah", cite, StringComparison.Ordinal);
        Assert.Contains("GitHub is not connected", Html.Text(Html.Section(page, "Open issues")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DatasetPage_UnknownSlug_Is404WithSuggestion()
    {
        using var response = await factory.CreateClient().GetAsync("/datasets/calo-shower", Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync(Ct);
        PageShape.AssertAccessible(page);
        Assert.Contains(Html.Links(page), l => l.Href == "/datasets/calo-showers");
    }

    [Fact]
    public async Task GroupAndHomePages_LinkToDatasets()
    {
        var client = factory.CreateClient();

        var group = await client.GetStringAsync("/wg/calorimetry", Ct);
        var home = await client.GetStringAsync("/", Ct);

        Assert.Contains(Html.Links(Html.Section(group, "Datasets")), l => l.Href == "/datasets/calo-showers");
        Assert.Contains(Html.Links(home), l => l.Href == "/datasets");
    }

    [Fact]
    public async Task GitHubWebhook_NoSecretConfigured_Is401()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/github/webhooks") { Content = new StringContent(Fixture.Text("github/ping/payload.json"), Encoding.UTF8, "application/json") };
        request.Headers.Add("X-GitHub-Event", "ping");
        request.Headers.Add("X-GitHub-Delivery", "72d3162e-cc78-11e3-81ab-4c9367dc0958");

        using var response = await factory.CreateClient().SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
