using System.Net;
using System.ServiceModel.Syndication;
using System.Xml;
using CollabBot.IntegrationTests.Support;

namespace CollabBot.IntegrationTests;

/// <summary>The library's pages and feeds on the real host, seeded with the demo library (seeds/resources.yaml).</summary>
public sealed class ResourcePagesTests(ServiceFactory factory) : IClassFixture<ServiceFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("/resources")]
    [InlineData("/resources?q=jet+tagging")]
    [InlineData("/resources?kind=course&level=beginner")]
    [InlineData("/resources/1")]
    public async Task ResourcePage_Any_IsAccessible(string path)
    {
        var page = await factory.CreateClient().GetStringAsync(path, Ct);

        PageShape.AssertAccessible(page);
    }

    [Fact]
    public async Task Library_SearchBox_IsAPlainGetFormAndMatchesAreMarked()
    {
        var page = await factory.CreateClient().GetStringAsync("/resources?q=particle+transformer", Ct);

        Assert.Contains("<form method=\"get\" action=\"/resources\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", page, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("<mark>Particle</mark>", page, StringComparison.Ordinal);
        Assert.Contains(Html.Links(page), l => l.Href.StartsWith("/resources/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Library_FilterByGroupAndKind_ShowsOnlyThose()
    {
        var page = await factory.CreateClient().GetStringAsync("/resources?wg=training&kind=course", Ct);

        Assert.Contains("<option value=\"course\" selected", page, StringComparison.Ordinal);
        var groups = Html.Links(page).Where(l => l.Href.StartsWith("/wg/", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(groups);
        Assert.Contains(groups, l => l.Href == "/wg/training");
    }

    [Theory]
    [InlineData("/resources?kind=podcast", "is not a kind")]
    [InlineData("/resources?wg=nope", "There is no working group")]
    [InlineData("/resources?page=abc&level=guru", "is not a level")]
    public async Task Library_BadFilter_IsNamedOnThePageNot500(string path, string sentence)
    {
        using var response = await factory.CreateClient().GetAsync(path, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(sentence, await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/resources/99999")]
    [InlineData("/resources/not-a-number")]
    public async Task ResourcePage_Unknown_Is404(string path)
    {
        using var response = await factory.CreateClient().GetAsync(path, Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task GroupPage_HasAStartHereSectionInOrder()
    {
        var page = await factory.CreateClient().GetStringAsync("/wg/jet-tagging", Ct);

        var section = Html.Section(page, "Start here");
        Assert.Contains("<ol>", section, StringComparison.Ordinal);
        Assert.Contains("Deep Learning and its Application to LHC Physics", section, StringComparison.Ordinal);
        Assert.True(section.IndexOf("Deep Learning and its Application", StringComparison.Ordinal) < section.IndexOf("Particle Transformer", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("/resources.atom")]
    [InlineData("/wg/jet-tagging/resources.atom")]
    public async Task Feed_IsAtomThatParsesBack(string path)
    {
        using var response = await factory.CreateClient().GetAsync(path, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/atom+xml", response.Content.Headers.ContentType?.MediaType);
        using var reader = XmlReader.Create(await response.Content.ReadAsStreamAsync(Ct));
        var feed = SyndicationFeed.Load(reader);
        Assert.NotEmpty(feed.Items);
        Assert.All(feed.Items, i => Assert.Contains("/resources/", i.Id, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Feed_UnknownGroup_Is404()
    {
        using var response = await factory.CreateClient().GetAsync("/wg/nope/resources.atom", Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Api_SearchWithFilters_ReturnsRankedResourcesWithShortIds()
    {
        using var doc = System.Text.Json.JsonDocument.Parse(await factory.CreateClient().GetStringAsync("/api/v1/resources?q=particle+transformer+for+jet+tagging&kind=paper", Ct));

        var first = doc.RootElement.GetProperty("resources")[0];
        Assert.Equal("Particle Transformer for Jet Tagging", first.GetProperty("title").GetString());
        Assert.Equal("#" + first.GetProperty("id").GetInt32(), first.GetProperty("ref").GetString());
        Assert.All(doc.RootElement.GetProperty("resources").EnumerateArray(), r => Assert.Equal("paper", r.GetProperty("kind").GetString()));
    }

    [Theory]
    [InlineData("/api/v1/resources?kind=podcast", HttpStatusCode.BadRequest)]
    [InlineData("/api/v1/resources?wg=nope", HttpStatusCode.NotFound)]
    [InlineData("/api/v1/resources/99999", HttpStatusCode.NotFound)]
    [InlineData("/api/v1/resources/1", HttpStatusCode.OK)]
    public async Task Api_Statuses(string path, HttpStatusCode expected)
    {
        using var response = await factory.CreateClient().GetAsync(path, Ct);

        Assert.Equal(expected, response.StatusCode);
    }
}
