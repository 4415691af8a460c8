using System.Net;
using System.Text.Json;
using CollabBot.Console;
using CollabBot.IntegrationTests.Support;
using Microsoft.Extensions.DependencyInjection;
using Exposure = CollabBot.Web.Exposure;

namespace CollabBot.IntegrationTests;

/// <summary>The same host with <c>Dashboard:Public=false</c> (and the console on, which has its own switch).</summary>
public sealed class PrivateDashboardFactory : ServiceFactory
{
    protected override IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
    {
        ["Dashboard:Public"] = "false",
        ["Console:Enabled"] = "true",
    };
}

/// <summary>The same host with <c>Dashboard:ShowMembers=false</c>.</summary>
public sealed class HiddenMembersFactory : ServiceFactory
{
    protected override IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?> { ["Dashboard:ShowMembers"] = "false" };
}

/// <summary>Dashboard:Public=false: nothing a stranger could read is served; operations and the platforms still work.</summary>
public sealed class PrivateDashboardTests(PrivateDashboardFactory factory) : IClassFixture<PrivateDashboardFactory>
{
    private readonly HttpClient client = factory.CreateClient();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("/")]
    [InlineData("/wg/calorimetry")]
    [InlineData("/site.css")]
    [InlineData("/calendar.ics")]
    [InlineData("/calendar/calorimetry.ics")]
    [InlineData("/api/v1/groups")]
    [InlineData("/api/v1/groups/calorimetry")]
    [InlineData("/api/v1/meetings")]
    [InlineData("/api/v1/openapi.json")]
    [InlineData("/api/v1/datasets")]
    [InlineData("/api/v1/datasets/calo-showers")]
    [InlineData("/api/v1/projects")]
    [InlineData("/api/v1/projects/jet-tagging-benchmark")]
    [InlineData("/meetings")]
    [InlineData("/datasets")]
    [InlineData("/authors/jet-paper.txt")]
    [InlineData("/WG/CALORIMETRY")]
    public async Task Private_ReadablePath_Answers404WithNothingInIt(string path)
    {
        using var response = await client.GetAsync(path, Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsStringAsync(Ct));
    }

    [Theory]
    [InlineData("/healthz")]
    [InlineData("/readyz")]
    [InlineData("/metrics")]
    [InlineData("/console")]
    public async Task Private_OperationsAndConsole_AreStillServed(string path)
    {
        using var response = await client.GetAsync(path, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>The personal feed is token-authenticated, so a private deployment serves it to its owner, and only it.</summary>
    [Fact]
    public async Task Private_PersonalFeed_IsServedByItsToken_AndNothingElseUnderCalendar()
    {
        var console = factory.Services.GetRequiredService<ConsolePlatform>();
        var issued = await console.SayAsync("/profile calendar", "console:noah", null, Ct);
        var path = System.Text.RegularExpressions.Regex.Match(issued.Plain, @"/calendar/me/[A-Za-z0-9_-]{43}\.ics").Value;
        Assert.NotEmpty(path);

        using var feed = await client.GetAsync(path, Ct);
        using var unknown = await client.GetAsync("/calendar/me/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.ics", Ct);
        using var group = await client.GetAsync("/calendar/me.ics", Ct);

        Assert.Equal(HttpStatusCode.OK, feed.StatusCode);
        var calendar = Ical.Net.Calendar.Load(await feed.Content.ReadAsStringAsync(Ct))!;
        Assert.NotEmpty(calendar.Events);
        Assert.All(calendar.Events, e => Assert.Single(e.Attendees));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, group.StatusCode);
        Assert.Empty(await group.Content.ReadAsStringAsync(Ct));
        Assert.Equal("no-referrer", feed.Headers.GetValues("Referrer-Policy").Single());
    }

    [Theory]
    [InlineData("/calendar/me/x.ics", true)]
    [InlineData("/calendar/me.ics", false)]
    [InlineData("/calendar/meetings.ics", false)]
    [InlineData("/slack/commands", true)]
    [InlineData("/slack/events", true)]
    [InlineData("/discord/interactions", true)]
    [InlineData("/github/webhooks", true)]
    [InlineData("/slackware", false)]
    [InlineData("/consoles", false)]
    [InlineData("/metrics.json", false)]
    public void AlwaysServed_Path_MatchesWholeSegmentsOnly(string path, bool served)
    {
        Assert.Equal(served, Exposure.IsAlwaysServed(path));
    }
}

/// <summary>Dashboard:ShowMembers=false: conveners are shown, everyone else's name is on no page and in no answer.</summary>
public sealed class HiddenMembersTests(HiddenMembersFactory factory) : IClassFixture<HiddenMembersFactory>
{
    private readonly HttpClient client = factory.CreateClient();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string> GroupSlugs => [.. Seeds.Community.Groups.Select(g => g.Slug)];

    [Theory]
    [MemberData(nameof(GroupSlugs))]
    public async Task GroupPage_MembersHidden_ShowsConvenersAndCountButNoOtherMember(string slug)
    {
        var seed = Seeds.Community.Groups.Single(g => g.Slug == slug);

        var page = await client.GetStringAsync($"/wg/{slug}", Ct);

        var conveners = Html.Text(Html.Section(page, "Conveners"));
        Assert.All(seed.Conveners, id => Assert.Contains(Seeds.NameOf(id), conveners, StringComparison.Ordinal));
        var members = Html.Section(page, "Members");
        Assert.Contains($"Members ({seed.Conveners.Count + seed.Members.Count})", Html.Text(members), StringComparison.Ordinal);
        Assert.Contains($"/wg members {slug}", Html.Text(members), StringComparison.Ordinal);
        Assert.Empty(Html.Elements(members, "table"));
        // The members section only: a member may still be named elsewhere for what they did, as a talk's speaker say.
        Assert.All(OnlyMembers(seed), name => Assert.DoesNotContain(name, Html.Text(members), StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(GroupSlugs))]
    public async Task ApiGroup_MembersHidden_MembersIsNullConvenersListed(string slug)
    {
        var seed = Seeds.Community.Groups.Single(g => g.Slug == slug);

        var body = await client.GetStringAsync($"/api/v1/groups/{slug}", Ct);

        using var json = JsonDocument.Parse(body);
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("members").ValueKind);
        Assert.Equal(
            seed.Conveners.Select(Seeds.NameOf).Order(StringComparer.Ordinal),
            json.RootElement.GetProperty("conveners").EnumerateArray().Select(c => c.GetProperty("name").GetString()).Order(StringComparer.Ordinal));
        Assert.All(OnlyMembers(seed), name => Assert.DoesNotContain(name, body, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ApiProject_MembersHidden_StillNamesItsAuthorsAsThePageDoes()
    {
        // Authors are named for what they did (as a talk's speaker is), not as a member list.
        var seed = Seeds.Community.Projects.Single(p => p.Slug == "jet-tagging-benchmark");

        var page = System.Net.WebUtility.HtmlDecode(await client.GetStringAsync("/projects/jet-tagging-benchmark", Ct));
        using var json = JsonDocument.Parse(await client.GetStringAsync("/api/v1/projects/jet-tagging-benchmark", Ct));

        var authors = json.RootElement.GetProperty("authors").EnumerateArray().Select(a => a.GetProperty("name").GetString()!).ToList();
        Assert.Equal(seed.Contributions.Where(c => c.Status == "confirmed").Select(c => c.Person).Distinct().Count(), authors.Count);
        Assert.All(authors, name => Assert.Contains(name, page, StringComparison.Ordinal));
    }

    /// <summary>The group's members who do not convene it.</summary>
    private static IEnumerable<string> OnlyMembers(Core.Seeding.SeedGroup seed) =>
        seed.Members.Select(m => m.Person).Except(seed.Conveners).Select(Seeds.NameOf);
}
