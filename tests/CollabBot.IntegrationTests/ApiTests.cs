using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using CollabBot.Console;
using CollabBot.Core.Replies;
using CollabBot.IntegrationTests.Support;
using CollabBot.Web.Api;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace CollabBot.IntegrationTests;

/// <summary><c>GET /api/v1/...</c> read as a script would: the seeded community, meetings scheduled through commands, and the OpenAPI document.</summary>
public sealed partial class ApiTests(ServiceFactory factory) : IClassFixture<ServiceFactory>
{
    private readonly HttpClient client = factory.CreateClient();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Groups_FreshDatabase_ListsEverySeededGroupWithKindConvenersAndLinks()
    {
        using var json = await GetJsonAsync("/api/v1/groups");

        var groups = json.RootElement.GetProperty("groups").EnumerateArray().ToList();
        Assert.Equal(Seeds.Community.Groups.Select(g => g.Slug).Order(StringComparer.Ordinal), groups.Select(g => g.GetProperty("slug").GetString()));
        foreach (var seed in Seeds.Community.Groups)
        {
            var group = groups.Single(g => g.GetProperty("slug").GetString() == seed.Slug);
            Assert.Equal(seed.Name, group.GetProperty("name").GetString());
            Assert.Equal(seed.Kind, group.GetProperty("kind").GetString());
            Assert.Equal(!seed.Closed, group.GetProperty("open").GetBoolean());
            Assert.Equal(seed.Conveners.Count + seed.Members.Count, group.GetProperty("memberCount").GetInt32());
            Assert.Equal(
                seed.Conveners.Select(Seeds.NameOf).Order(StringComparer.Ordinal),
                group.GetProperty("conveners").EnumerateArray().Select(c => c.GetProperty("name").GetString()));
            var links = group.GetProperty("links");
            Assert.Equal($"/wg/{seed.Slug}", links.GetProperty("page").GetString());
            Assert.Equal($"/api/v1/groups/{seed.Slug}", links.GetProperty("self").GetString());
            Assert.Equal($"/calendar/{seed.Slug}.ics", links.GetProperty("calendar").GetString());
        }
    }

    [Fact]
    public async Task Group_EverySeededGroup_HasMembersWithRolesAndTagsAndItsChannels()
    {
        foreach (var seed in Seeds.Community.Groups)
        {
            using var json = await GetJsonAsync($"/api/v1/groups/{seed.Slug}");
            var group = json.RootElement;

            var members = group.GetProperty("members").EnumerateArray()
                .Select(m => (Name: m.GetProperty("name").GetString()!, Role: m.GetProperty("role").GetString()!, Tags: string.Join(",", m.GetProperty("tags").EnumerateArray().Select(t => t.GetString()))))
                .ToList();
            var expected = seed.Conveners.Select(id => (Name: Seeds.NameOf(id), Role: "convener", Tags: ""))
                .Concat(seed.Members.Select(m => (Name: Seeds.NameOf(m.Person), Role: "member", Tags: string.Join(",", m.Tags.Order(StringComparer.Ordinal)))));
            Assert.Equal(expected.Order(), members.Order());
            Assert.Equal(seed.Conveners.Count, group.GetProperty("conveners").GetArrayLength());
            Assert.Equal(
                seed.Channels.Select(c => c.Platform).Order(StringComparer.Ordinal),
                group.GetProperty("channels").EnumerateArray().Select(c => c.GetProperty("platform").GetString()).Order(StringComparer.Ordinal));
        }
    }

    [Theory]
    [InlineData("/api/v1/groups/calorimetr")]
    [InlineData("/api/v1/groups/calorimetr/meetings")]
    [InlineData("/api/v1/meetings?wg=calorimetr")]
    [InlineData("/api/v1/datasets?wg=calorimetr")]
    [InlineData("/api/v1/projects?wg=calorimetr")]
    public async Task UnknownGroup_AnyEndpoint_Answers404ProblemWithSuggestion(string path)
    {
        using var response = await client.GetAsync(path, Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal("There is no working group 'calorimetr' (did you mean calorimetry?).", problem.RootElement.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Meetings_RangeWithCancelledMovedAndAgenda_ListsEachOccurrenceFlaggedInStartOrder()
    {
        await SayAsync("console:admin", "/meeting schedule calorimetry 'API Weekly' --when 'weekly on tue 15:00' --start '2030-01-01 15:00' --where 'Room 1' --link https://meet.example.org/weekly");
        await SayAsync("console:admin", "/meeting cancel calorimetry/api-weekly --date 2030-01-15 --reason Holiday");
        await SayAsync("console:admin", "/meeting move calorimetry/api-weekly --date 2030-01-22 --to '2030-01-23 16:00'");
        await SayAsync("console:amara", "/meeting talk add calorimetry/api-weekly 'Shower shapes' --date 2030-01-08 --minutes 15");

        // A date as 'to' includes that whole day (the 29th's meeting), and nothing of the next.
        using var json = await GetJsonAsync("/api/v1/meetings?from=2030-01-01&to=2030-01-29&wg=calorimetry");

        Assert.Equal("2030-01-01T00:00:00+00:00", json.RootElement.GetProperty("from").GetString());
        Assert.Equal("2030-01-30T00:00:00+00:00", json.RootElement.GetProperty("to").GetString());
        var ours = json.RootElement.GetProperty("occurrences").EnumerateArray().Where(o => o.GetProperty("series").GetString() == "calorimetry/api-weekly").ToList();
        Assert.Equal(
            [
                ("2030-01-01", "2030-01-01T14:00:00+00:00", "2030-01-01T15:00", false, false),
                ("2030-01-08", "2030-01-08T14:00:00+00:00", "2030-01-08T15:00", false, false),
                ("2030-01-15", "2030-01-15T14:00:00+00:00", "2030-01-15T15:00", true, false),
                ("2030-01-22", "2030-01-23T15:00:00+00:00", "2030-01-23T16:00", false, true),
                ("2030-01-29", "2030-01-29T14:00:00+00:00", "2030-01-29T15:00", false, false),
            ],
            ours.Select(o => (
                o.GetProperty("date").GetString(),
                o.GetProperty("start").GetString(),
                o.GetProperty("startLocal").GetString(),
                o.GetProperty("cancelled").GetBoolean(),
                o.GetProperty("moved").GetBoolean())));

        var first = ours[0];
        Assert.Equal("API Weekly", first.GetProperty("title").GetString());
        Assert.Equal("calorimetry", first.GetProperty("group").GetProperty("slug").GetString());
        Assert.Equal("Europe/Zurich", first.GetProperty("timeZone").GetString());
        Assert.Equal("2030-01-01T15:00:00+00:00", first.GetProperty("end").GetString());
        Assert.Equal("Room 1", first.GetProperty("where").GetString());
        Assert.Equal("https://meet.example.org/weekly", first.GetProperty("link").GetString());
        Assert.Equal("/wg/calorimetry", first.GetProperty("links").GetProperty("page").GetString());
        Assert.Equal("Holiday", ours[2].GetProperty("reason").GetString());

        var talk = Assert.Single(ours[1].GetProperty("agenda").EnumerateArray());
        Assert.Equal(("Shower shapes", "Amara Okafor", 15), (talk.GetProperty("title").GetString(), talk.GetProperty("speaker").GetString(), talk.GetProperty("minutes").GetInt32()));
        Assert.All(ours.Where(o => o.GetProperty("date").GetString() != "2030-01-08"), o => Assert.Equal(0, o.GetProperty("agenda").GetArrayLength()));
    }

    [Fact]
    public async Task Meetings_InstantsWithOffsets_AreAHalfOpenRange()
    {
        await SayAsync("console:admin", "/meeting schedule tracking 'Range Check' --when '2029-03-06 10:00' --tz UTC");

        // [from, to): an occurrence starting exactly at 'to' belongs to the next range, not to both.
        using var before = await GetJsonAsync("/api/v1/meetings?from=2029-03-06T09:00:00Z&to=2029-03-06T10:00:00Z&wg=tracking");
        using var at = await GetJsonAsync("/api/v1/meetings?from=2029-03-06T11:00:00%2B01:00&to=2029-03-06T10:00:01Z&wg=tracking");

        Assert.DoesNotContain(Titles(before), t => t == "Range Check");
        Assert.Contains(Titles(at), t => t == "Range Check");
    }

    [Fact]
    public async Task Meetings_NoRange_IsTheNext31Days()
    {
        using var json = await GetJsonAsync("/api/v1/meetings");

        var from = json.RootElement.GetProperty("from").GetDateTimeOffset();
        var to = json.RootElement.GetProperty("to").GetDateTimeOffset();
        Assert.Equal(TimeSpan.FromDays(31), to - from);
        Assert.InRange(from, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddMinutes(1));
    }

    [Theory]
    [InlineData("from=2026-13-01", "'2026-13-01' is not a date or an instant")]
    [InlineData("from=2030-01-01T10:00", "an instant needs Z or an offset")]
    [InlineData("from=tomorrow", "'tomorrow' is not a date or an instant")]
    [InlineData("from=2030-02-01&to=2030-01-01", "must be after 'from'")]
    [InlineData("from=2030-01-01&to=2031-06-01", "longer than 366 days")]
    [InlineData("from=9999-12-31", "'9999-12-31' is out of range: use dates from 1970-01-01 to 2199-12-31 (UTC)")]
    [InlineData("to=9999-12-31", "'9999-12-31' is out of range")]
    [InlineData("from=0001-01-01", "'0001-01-01' is out of range")]
    [InlineData("from=1969-12-31T23:59:59Z", "is out of range")]
    [InlineData("from=2199-12-31&to=2200-01-01T00:00:01Z", "is out of range")]
    [InlineData("from=9999-12-31T23:59:59-01:00", "is not a date or an instant")]
    [InlineData("from=0001-01-01T00:00:00%2B01:00", "is not a date or an instant")]
    public async Task Meetings_UnusableRange_Answers400SayingWhatWorks(string query, string expected)
    {
        using var response = await client.GetAsync($"/api/v1/meetings?{query}", Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        Assert.Contains(expected, problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("from=2199-12-15", "2199-12-15T00:00:00+00:00", "2200-01-01T00:00:00+00:00")]
    [InlineData("from=1970-01-01&to=1970-01-01", "1970-01-01T00:00:00+00:00", "1970-01-02T00:00:00+00:00")]
    [InlineData("from=2199-12-01&to=2199-12-31", "2199-12-01T00:00:00+00:00", "2200-01-01T00:00:00+00:00")]
    public async Task Meetings_RangeAtTheEdgesOfTheValidDates_IsAnswered(string query, string from, string to)
    {
        using var json = await GetJsonAsync($"/api/v1/meetings?{query}");

        Assert.Equal(from, json.RootElement.GetProperty("from").GetString());
        Assert.Equal(to, json.RootElement.GetProperty("to").GetString());
    }

    [Fact]
    public async Task GroupMeetings_Series_GivesRuleLocalStartZoneAndNextDate()
    {
        await SayAsync("console:admin", "/meeting schedule jet-tagging 'Monthly Jets' --when 'monthly on 2nd tue 15:00' --start '2030-01-08 15:00' --duration 90 --kind expert");

        using var json = await GetJsonAsync("/api/v1/groups/jet-tagging/meetings");

        Assert.Equal("jet-tagging", json.RootElement.GetProperty("group").GetString());
        var series = Assert.Single(json.RootElement.GetProperty("series").EnumerateArray(), s => s.GetProperty("slug").GetString() == "monthly-jets");
        Assert.Equal("jet-tagging/monthly-jets", series.GetProperty("reference").GetString());
        Assert.Equal("expert", series.GetProperty("kind").GetString());
        Assert.Equal("FREQ=MONTHLY;BYDAY=2TU", series.GetProperty("rule").GetString());
        Assert.Equal("2030-01-08T15:00", series.GetProperty("startLocal").GetString());
        Assert.Equal(90, series.GetProperty("durationMinutes").GetInt32());
        Assert.Equal("2030-01-08T14:00:00+00:00", series.GetProperty("next").GetString());
        Assert.Equal(JsonValueKind.Null, series.GetProperty("ended").ValueKind);
    }

    [Fact]
    public async Task OpenApi_Document_Is31AndDescribesEveryMappedApiRoute()
    {
        using var json = await GetJsonAsync(ApiV1.OpenApiPath);

        Assert.StartsWith("3.1", json.RootElement.GetProperty("openapi").GetString(), StringComparison.Ordinal);
        var described = json.RootElement.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        var mapped = ApiRoutes();
        Assert.NotEmpty(mapped);
        Assert.All(mapped, route => Assert.True(described.Contains(route), $"{route} is mapped but missing from {ApiV1.OpenApiPath}."));
        Assert.All(described, path => Assert.Contains(path, mapped));
    }

    [Fact]
    public async Task OpenApi_EveryOperation_HasAnIdSummaryAndJsonSchemaForItsAnswer()
    {
        using var json = await GetJsonAsync(ApiV1.OpenApiPath);

        foreach (var path in json.RootElement.GetProperty("paths").EnumerateObject())
        {
            // Reads answer 200; a write that queues work (a challenge submission) answers 202.
            foreach (var operation in path.Value.EnumerateObject().Where(o => o.Name is "get" or "post" or "put" or "patch" or "delete"))
            {
                var what = $"{operation.Name.ToUpperInvariant()} {path.Name}";
                Assert.True(operation.Value.TryGetProperty("operationId", out _), $"{what} has no operationId");
                Assert.True(operation.Value.TryGetProperty("summary", out _), $"{what} has no summary");
                var responses = operation.Value.GetProperty("responses");
                var success = responses.TryGetProperty("200", out var ok) ? ok : responses.GetProperty("202");
                Assert.True(
                    success.GetProperty("content").GetProperty("application/json").TryGetProperty("schema", out _),
                    $"{what} does not describe its success answer");
            }
        }
    }

    [Fact]
    public async Task OpenApi_EverySchemaProperty_IsCamelCase()
    {
        using var json = await GetJsonAsync(ApiV1.OpenApiPath);

        var names = json.RootElement.GetProperty("components").GetProperty("schemas").EnumerateObject()
            .SelectMany(s => s.Value.TryGetProperty("properties", out var p) ? p.EnumerateObject().Select(x => $"{s.Name}.{x.Name}") : [])
            .ToList();
        Assert.NotEmpty(names);
        Assert.All(names, n => Assert.Matches(CamelCase(), n.Split('.')[1]));
    }

    [Fact]
    public async Task ApiDocs_EveryDescribedPath_IsInDocsApiMd()
    {
        using var json = await GetJsonAsync(ApiV1.OpenApiPath);
        var docs = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot(), "docs", "api.md"), Ct);

        foreach (var path in json.RootElement.GetProperty("paths").EnumerateObject())
        {
            foreach (var method in path.Value.EnumerateObject().Select(o => o.Name.ToUpperInvariant()).Where(m => m is "GET" or "POST" or "PUT" or "PATCH" or "DELETE"))
            {
                Assert.True(docs.Contains($"`{method} {path.Name}", StringComparison.Ordinal), $"docs/api.md does not document {method} {path.Name}.");
            }
        }
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CollabBot.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No CollabBot.sln above {AppContext.BaseDirectory}.");
    }

    /// <summary>Every route the host maps under /api/v1, as OpenAPI writes paths; the document itself aside.</summary>
    private List<string> ApiRoutes() =>
        [.. factory.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/'))
            .Where(r => r.StartsWith(ApiV1.Prefix + "/", StringComparison.Ordinal) && r != ApiV1.OpenApiPath)
            .Distinct(StringComparer.Ordinal)];

    private static IEnumerable<string?> Titles(JsonDocument json) =>
        json.RootElement.GetProperty("occurrences").EnumerateArray().Select(o => o.GetProperty("title").GetString());

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

    [GeneratedRegex("^[a-z][a-zA-Z0-9]*$")]
    private static partial Regex CamelCase();
}
