using System.Net;
using System.Text.Json;
using CollabBot.Console;
using CollabBot.Core.Replies;
using CollabBot.IntegrationTests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CollabBot.IntegrationTests;

/// <summary><c>GET /api/v1/datasets…</c> and <c>/api/v1/projects…</c> on the seeded community, read as a script would.</summary>
public sealed class DatasetsProjectsApiTests(ServiceFactory factory) : IClassFixture<ServiceFactory>
{
    private readonly HttpClient client = factory.CreateClient();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Datasets_FreshDatabase_ListEverySeededDatasetWithGroupLatestVersionAndLinks()
    {
        using var json = await GetJsonAsync("/api/v1/datasets");

        // The class shares one database: another test here registers api-fresh, so it may already be listed.
        var datasets = json.RootElement.GetProperty("datasets").EnumerateArray().Where(d => d.GetProperty("slug").GetString() != "api-fresh").ToList();
        Assert.Equal(Seeds.Datasets.Datasets.Select(d => d.Slug).Order(StringComparer.Ordinal), datasets.Select(d => d.GetProperty("slug").GetString()));
        foreach (var seed in Seeds.Datasets.Datasets)
        {
            var dataset = datasets.Single(d => d.GetProperty("slug").GetString() == seed.Slug);
            Assert.Equal(seed.Title, dataset.GetProperty("title").GetString());
            Assert.Equal(seed.Group, dataset.GetProperty("group").GetProperty("slug").GetString());
            Assert.Equal(Seeds.Community.Groups.Single(g => g.Slug == seed.Group).Name, dataset.GetProperty("group").GetProperty("name").GetString());
            Assert.Equal(seed.Repo, dataset.GetProperty("repository").GetString());
            Assert.Equal(seed.Label ?? seed.Slug, dataset.GetProperty("issueLabel").GetString());
            Assert.Equal(seed.Doi, dataset.GetProperty("doi").GetString());
            Assert.Equal(seed.License, dataset.GetProperty("license").GetString());
            Assert.Equal(seed.Versions.Count, dataset.GetProperty("versionCount").GetInt32());
            var newest = seed.Versions.MaxBy(v => v.Date, StringComparer.Ordinal)!;
            Assert.Equal(newest.Version, dataset.GetProperty("latest").GetProperty("version").GetString());
            Assert.Equal(newest.Date, dataset.GetProperty("latest").GetProperty("releasedOn").GetString());
            var links = dataset.GetProperty("links");
            Assert.Equal($"/datasets/{seed.Slug}", links.GetProperty("page").GetString());
            Assert.Equal($"/api/v1/datasets/{seed.Slug}", links.GetProperty("self").GetString());
            Assert.Equal($"/api/v1/groups/{seed.Group}", links.GetProperty("group").GetString());
        }
    }

    [Fact]
    public async Task Datasets_OneGroup_ListOnlyItsDatasets()
    {
        using var json = await GetJsonAsync("/api/v1/datasets?wg=Tracking");

        Assert.Equal(
            Seeds.Datasets.Datasets.Where(d => d.Group == "tracking").Select(d => d.Slug),
            json.RootElement.GetProperty("datasets").EnumerateArray().Select(d => d.GetProperty("slug").GetString()));
    }

    [Fact]
    public async Task Dataset_Seeded_HasEveryVersionNewestFirstAndCitesTheLatest()
    {
        var seed = Seeds.Datasets.Datasets.Single(d => d.Slug == "calo-showers");

        using var json = await GetJsonAsync("/api/v1/datasets/CALO-SHOWERS");

        var dataset = json.RootElement;
        Assert.Equal("calo-showers", dataset.GetProperty("slug").GetString());
        Assert.Equal(seed.Url, dataset.GetProperty("url").GetString());
        Assert.Equal(
            seed.Versions.OrderByDescending(v => v.Date, StringComparer.Ordinal).Select(v => (v.Version, v.Date, v.Doi, v.Notes)),
            dataset.GetProperty("versions").EnumerateArray().Select(v => (
                v.GetProperty("version").GetString()!,
                v.GetProperty("releasedOn").GetString()!,
                v.GetProperty("doi").GetString(),
                v.GetProperty("notes").GetString())));
        var citation = dataset.GetProperty("citation");
        Assert.Equal("1.1.0", citation.GetProperty("version").GetString());
        Assert.Contains("dataset-team", citation.GetProperty("authorsFrom").GetString(), StringComparison.Ordinal);
        Assert.Contains("10.5281/zenodo.1000003", citation.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("@", citation.GetProperty("bibtex").GetString(), StringComparison.Ordinal);
        Assert.Contains("1.1.0", citation.GetProperty("cff").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dataset_NoVersionYet_HasNoLatestAndCitesTheDatasetItself()
    {
        await SayAsync("console:admin", "/dataset register lartpc api-fresh 'Fresh dataset' --url https://example.org/fresh");

        using var list = await GetJsonAsync("/api/v1/datasets?wg=lartpc");
        using var detail = await GetJsonAsync("/api/v1/datasets/api-fresh");

        var item = list.RootElement.GetProperty("datasets").EnumerateArray().Single(d => d.GetProperty("slug").GetString() == "api-fresh");
        Assert.Equal(JsonValueKind.Null, item.GetProperty("latest").ValueKind);
        Assert.Equal(JsonValueKind.Null, item.GetProperty("repository").ValueKind);
        Assert.Equal(0, item.GetProperty("versionCount").GetInt32());
        Assert.Equal(0, detail.RootElement.GetProperty("versions").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, detail.RootElement.GetProperty("citation").GetProperty("version").ValueKind);
        Assert.Equal("https://example.org/fresh", detail.RootElement.GetProperty("url").GetString());
    }

    [Fact]
    public async Task Projects_FreshDatabase_ListEverySeededProjectWithAuthorAndContributionCounts()
    {
        using var json = await GetJsonAsync("/api/v1/projects");

        var projects = json.RootElement.GetProperty("projects").EnumerateArray().ToList();
        Assert.Equal(Seeds.Community.Projects.Select(p => p.Slug).Order(StringComparer.Ordinal), projects.Select(p => p.GetProperty("slug").GetString()));
        foreach (var seed in Seeds.Community.Projects)
        {
            var project = projects.Single(p => p.GetProperty("slug").GetString() == seed.Slug);
            Assert.Equal(seed.Title, project.GetProperty("title").GetString());
            Assert.Equal(seed.Kind, project.GetProperty("kind").GetString());
            Assert.Equal(seed.Group, project.GetProperty("group").GetProperty("slug").GetString());
            var confirmed = seed.Contributions.Where(c => c.Status == "confirmed").ToList();
            Assert.Equal(confirmed.Select(c => c.Person).Distinct().Count(), project.GetProperty("authorCount").GetInt32());
            Assert.Equal(confirmed.Count, project.GetProperty("contributions").GetProperty("confirmed").GetInt32());
            Assert.Equal(seed.Contributions.Count(c => c.Status == "pending"), project.GetProperty("contributions").GetProperty("pending").GetInt32());
            var links = project.GetProperty("links");
            Assert.Equal($"/projects/{seed.Slug}", links.GetProperty("page").GetString());
            Assert.Equal($"/api/v1/projects/{seed.Slug}", links.GetProperty("self").GetString());
            Assert.Equal($"/authors/{seed.Slug}.json", links.GetProperty("authors").GetString());
        }
    }

    [Fact]
    public async Task Projects_OneGroup_ListOnlyItsProjects()
    {
        using var json = await GetJsonAsync("/api/v1/projects?wg=calorimetry");

        Assert.Equal(["calo-showers-v2"], json.RootElement.GetProperty("projects").EnumerateArray().Select(p => p.GetProperty("slug").GetString()));
    }

    [Fact]
    public async Task Project_Seeded_ListsConfirmedAuthorsOnlyInOrderWithOrcidAffiliationsAndRoles()
    {
        var seed = Seeds.Community.Projects.Single(p => p.Slug == "jet-tagging-benchmark");

        using var json = await GetJsonAsync("/api/v1/projects/jet-tagging-benchmark");
        using var download = await GetJsonAsync("/authors/jet-tagging-benchmark.json");

        var authors = json.RootElement.GetProperty("authors").EnumerateArray().ToList();
        var expected = download.RootElement.GetProperty("authors").EnumerateArray().ToList();
        Assert.Equal(expected.Count, authors.Count);
        Assert.Equal(Enumerable.Range(1, authors.Count), authors.Select(a => a.GetProperty("position").GetInt32()));
        Assert.Equal(expected.Select(a => a.GetProperty("name").GetString()), authors.Select(a => a.GetProperty("name").GetString()));
        Assert.Equal(expected.Select(a => a.GetProperty("orcid").GetString()), authors.Select(a => a.GetProperty("orcid").GetString()));
        var affiliations = download.RootElement.GetProperty("affiliations").EnumerateArray().ToDictionary(a => a.GetProperty("number").GetInt32(), a => a.GetProperty("name").GetString());
        for (var i = 0; i < authors.Count; i++)
        {
            Assert.Equal(
                expected[i].GetProperty("affiliations").EnumerateArray().Select(n => affiliations[n.GetInt32()]),
                authors[i].GetProperty("affiliations").EnumerateArray().Select(a => a.GetString()));
            Assert.Equal(
                expected[i].GetProperty("contributions").EnumerateArray().Select(c => (c.GetProperty("role").GetString(), c.GetProperty("degree").GetString())),
                authors[i].GetProperty("contributions").EnumerateArray().Select(c => (c.GetProperty("role").GetString(), c.GetProperty("degree").GetString())));
        }

        // Pending and rejected contributions never make an author.
        Assert.DoesNotContain(Seeds.NameOf("hiroshi"), authors.Select(a => a.GetProperty("name").GetString()));
        var lucia = authors.Single(a => a.GetProperty("name").GetString() == Seeds.NameOf("lucia"));
        Assert.Equal(
            [("methodology", "lead"), ("writing-original-draft", "lead")],
            lucia.GetProperty("contributions").EnumerateArray().Select(c => (c.GetProperty("role").GetString(), c.GetProperty("degree").GetString())));
        Assert.Equal(seed.Contributions.Count(c => c.Status == "pending"), json.RootElement.GetProperty("contributions").GetProperty("pending").GetInt32());
    }

    [Theory]
    [InlineData("/api/v1/datasets/calo-shower", "There is no dataset 'calo-shower' (did you mean calo-showers?).")]
    [InlineData("/api/v1/projects/calo-showers-v3", "There is no project 'calo-showers-v3' (did you mean calo-showers-v2?).")]
    public async Task UnknownDatasetOrProject_Answers404ProblemWithSuggestion(string path, string detail)
    {
        using var response = await client.GetAsync(path, Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal(detail, problem.RootElement.GetProperty("detail").GetString());
    }

    private async Task<JsonDocument> GetJsonAsync(string path)
    {
        using var response = await client.GetAsync(path, Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path} answered {(int)response.StatusCode}: {body}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(body);
    }

    private async Task SayAsync(string identity, string line)
    {
        var reply = await factory.Services.GetRequiredService<ConsolePlatform>().SayAsync(line, identity, null, Ct);
        Assert.True(reply.Status == ReplyStatus.Ok, reply.Plain);
    }
}
