using System.Net;
using System.Text.Json;
using System.Xml.Linq;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CollabBot.IntegrationTests;

/// <summary>The real host on a fresh SQLite file with the demo seed: author-list downloads and the dashboard's project pages.</summary>
public sealed class AuthorDownloadTests : IClassFixture<AuthorDownloadTests.Host>
{
    private readonly HttpClient client;

    public AuthorDownloadTests(Host host) => client = host.CreateClient();

    public sealed class Host : WebApplicationFactory<Program>
    {
        private readonly string database = Path.Combine(Path.GetTempPath(), $"collabbot-it-{Guid.NewGuid():N}.db");

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseSetting("ConnectionStrings:CollabBot", $"Data Source={database};Pooling=False");
            builder.UseSetting("Bot:PublicUrl", "https://collab.example");
        }

        protected override void Dispose(bool disposing)
        {
            base.Dispose(disposing);
            File.Delete(database);
        }
    }

    [Theory]
    [InlineData("txt", "text/plain", "jet-tagging-benchmark-authors.txt")]
    [InlineData("md", "text/markdown", "jet-tagging-benchmark-authors.md")]
    [InlineData("tex", "application/x-tex", "jet-tagging-benchmark-authors.tex")]
    [InlineData("revtex.tex", "application/x-tex", "jet-tagging-benchmark-authors.revtex.tex")]
    [InlineData("xml", "application/xml", "authors.xml")]
    [InlineData("cff", "application/yaml", "CITATION.cff")]
    [InlineData("zenodo.json", "application/json", ".zenodo.json")]
    [InlineData("csv", "text/csv", "jet-tagging-benchmark-authors.csv")]
    [InlineData("json", "application/json", "jet-tagging-benchmark-authors.json")]
    [InlineData("credit.txt", "text/plain", "jet-tagging-benchmark-contributions.txt")]
    public async Task Download_EachExtension_ContentTypeAndAttachmentName(string extension, string mediaType, string fileName)
    {
        using var response = await client.GetAsync($"/authors/jet-tagging-benchmark.{extension}", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType.CharSet);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal(fileName, response.Content.Headers.ContentDisposition.FileName!.Trim('"'));
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("Okafor", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Tanaka", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Download_InspireAndZenodo_ParseBack()
    {
        var xml = XDocument.Parse(await client.GetStringAsync("/authors/jet-tagging-benchmark.xml", TestContext.Current.CancellationToken));
        using var zenodo = JsonDocument.Parse(await client.GetStringAsync("/authors/jet-tagging-benchmark.zenodo.json", TestContext.Current.CancellationToken));

        Assert.Equal(7, xml.Descendants(XName.Get("Person", "http://xmlns.com/foaf/0.1/")).Count());
        Assert.Equal("https://collab.example/projects/jet-tagging-benchmark", xml.Descendants(XName.Get("publicationReference", "http://inspirehep.net/info/HepNames/tools/authors_xml/")).Single().Value);
        Assert.Contains(zenodo.RootElement.GetProperty("creators").EnumerateArray(), c => c.GetProperty("name").GetString() == "van der Berg, Jonas");
    }

    [Fact]
    public async Task Download_ContributionOrderAndMinDegree_FromTheQuery()
    {
        var text = await client.GetStringAsync("/authors/jet-tagging-benchmark.txt?order=contribution&min-degree=lead", TestContext.Current.CancellationToken);

        Assert.StartsWith("J. van der Berg¹, L. Fernández², T. de la Cruz³\n", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/authors/jet-tagging-benchmark.docx", HttpStatusCode.NotFound, ".revtex.tex")]
    [InlineData("/authors/jet-taging-benchmark.txt", HttpStatusCode.NotFound, "Did you mean jet-tagging-benchmark?")]
    [InlineData("/authors/jet-tagging-benchmark.txt?order=random", HttpStatusCode.BadRequest, "alpha or contribution")]
    public async Task Download_BadRequest_ClearAnswer(string path, HttpStatusCode status, string says)
    {
        using var response = await client.GetAsync(path, TestContext.Current.CancellationToken);

        Assert.Equal(status, response.StatusCode);
        Assert.Contains(says, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProjectPage_ShowsAuthorsDownloadsAndStatement()
    {
        var html = await client.GetStringAsync("/projects/jet-tagging-benchmark", TestContext.Current.CancellationToken);

        Assert.Contains("A common benchmark for jet flavour tagging: transformers, graphs &amp; point clouds", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/authors/jet-tagging-benchmark.revtex.tex\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/authors/jet-tagging-benchmark.zenodo.json?order=contribution\"", html, StringComparison.Ordinal);
        Assert.Contains(" de la Cruz</strong>: Software (lead).", html, StringComparison.Ordinal);
        Assert.Contains("1 pending", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Tanaka", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GroupPage_LinksItsProjects()
    {
        var html = await client.GetStringAsync("/wg/jet-tagging", TestContext.Current.CancellationToken);

        Assert.Contains("<h2 id=\"projects\">Projects</h2>", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/projects/jet-tagging-benchmark\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProjectPage_Unknown_NotFoundWithSuggestion()
    {
        using var response = await client.GetAsync("/projects/calo-showers-v3", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("calo-showers-v2", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }
}
