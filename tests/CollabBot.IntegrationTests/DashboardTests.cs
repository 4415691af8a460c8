using System.Net;
using CollabBot.IntegrationTests.Support;

namespace CollabBot.IntegrationTests;

/// <summary>The dashboard as a newcomer meets it: the demo community loaded on first start, browsed from the home page.</summary>
public sealed class DashboardTests(ServiceFactory factory) : IClassFixture<ServiceFactory>
{
    private static readonly Dictionary<string, string> KindHeadings = new()
    {
        ["dataset"] = "Dataset groups",
        ["problem"] = "Problem groups",
        ["area"] = "Area groups",
        ["general"] = "General groups",
    };

    private readonly HttpClient client = factory.CreateClient();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Home_FreshDatabase_ListsEverySeededGroupUnderItsKindHeadingWithLink()
    {
        var home = await client.GetStringAsync("/", Ct);

        Assert.NotEmpty(Seeds.Community.Groups);
        foreach (var group in Seeds.Community.Groups)
        {
            var section = Html.Section(home, KindHeadings[group.Kind]);
            Assert.Contains(($"/wg/{group.Slug}", group.Name), Html.Links(section));
        }
    }

    [Fact]
    public async Task Home_FreshDatabase_ListsKindsInOrderDatasetProblemAreaGeneral()
    {
        var home = await client.GetStringAsync("/", Ct);

        var headings = Html.Elements(home, "h2").Select(h => Html.Text(h.Inner)).Where(KindHeadings.ContainsValue).ToList();
        Assert.Equal(["Dataset groups", "Problem groups", "Area groups", "General groups"], headings);
    }

    [Fact]
    public async Task GroupPage_EveryGroupLinkedFromHome_ShowsConvenersMembersTagsAndChannels()
    {
        var home = await client.GetStringAsync("/", Ct);
        var groupLinks = Html.Links(home).Select(l => l.Href).Where(h => h.StartsWith("/wg/", StringComparison.Ordinal)).Distinct().ToList();
        Assert.Equal(Seeds.Community.Groups.Select(g => $"/wg/{g.Slug}").Order(), groupLinks.Order());

        foreach (var href in groupLinks)
        {
            var seed = Seeds.Community.Groups.Single(g => $"/wg/{g.Slug}" == href);
            using var response = await client.GetAsync(href, Ct);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{href} answered {response.StatusCode}");
            var page = await response.Content.ReadAsStringAsync(Ct);

            Assert.Equal(seed.Name, Html.Text(Html.Elements(page, "h1").Single().Inner));

            var conveners = Html.Text(Html.Section(page, "Conveners"));
            Assert.All(seed.Conveners, id => Assert.Contains(Seeds.NameOf(id), conveners, StringComparison.Ordinal));

            // Every person in the members table with their role and tags, one row each.
            var rows = Html.Elements(Html.Section(page, "Members"), "tr").Skip(1)
                .Select(r => Html.Elements(r.Inner, "td").Select(td => Html.Text(td.Inner)).ToList())
                .ToList();
            var expected = seed.Conveners.Select(id => (Name: Seeds.NameOf(id), Role: "convener", Tags: new List<string>()))
                .Concat(seed.Members.Select(m => (Name: Seeds.NameOf(m.Person), Role: "member", m.Tags)))
                .ToList();
            Assert.Equal(expected.Count, rows.Count);
            foreach (var (name, role, tags) in expected)
            {
                var row = Assert.Single(rows, r => r[0].StartsWith(name, StringComparison.Ordinal));
                Assert.Equal(role, row[1]);
                Assert.Equal(tags.Order(StringComparer.Ordinal), row[2].Split(", ", StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal));
            }

            var channels = Html.Text(Html.Section(page, "Linked channels"));
            if (seed.Channels.Count == 0)
            {
                Assert.Contains("No channels linked", channels, StringComparison.Ordinal);
            }

            foreach (var channel in seed.Channels)
            {
                var platform = channel.Platform == "slack" ? "Slack" : "Discord";
                Assert.Contains($"{platform}: #{channel.Name}", channels, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task GroupPage_MisspelledSlug_Returns404SuggestingClosestGroup()
    {
        using var response = await client.GetAsync("/wg/calorimtery", Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync(Ct);
        Assert.Contains("Did you mean calorimetry?", Html.Text(page), StringComparison.Ordinal);
        Assert.Contains(("/wg/calorimetry", "calorimetry"), Html.Links(page));
    }

    [Theory]
    [InlineData("calorimetry", "Dataset group · open")]
    [InlineData("fast-simulation", "Problem group · closed")]
    [InlineData("training", "Area group · open")]
    [InlineData("general", "General group · open")]
    public async Task GroupPage_Summary_NamesKindAndPolicyOnce(string slug, string expected)
    {
        var page = await client.GetStringAsync($"/wg/{slug}", Ct);

        var summary = Html.Text(Html.Elements(page, "p").First(p => Html.Attr(p.Attributes, "class") == "meta").Inner);
        Assert.Contains(expected, summary, StringComparison.Ordinal);
        Assert.DoesNotContain("group group", summary, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Home_HowToUse_ShowsChatCommandsAndTheConsoleButNoServerCommand()
    {
        var howTo = Html.Section(await client.GetStringAsync("/", Ct), "How to use");

        Assert.Contains(("/console", "console"), Html.Links(howTo));
        var text = Html.Text(howTo);
        Assert.Contains("/collab help", text, StringComparison.Ordinal);
        Assert.Contains("/wg join <group>", text, StringComparison.Ordinal);
        Assert.DoesNotContain("dotnet", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GroupPage_FromEachCard_LinksBackToThatCardAndItsKind()
    {
        var home = await client.GetStringAsync("/", Ct);
        var cards = Html.Elements(home, "li").Where(li => Html.Attr(li.Attributes, "class") == "card").ToList();
        var kindIds = Html.StartTags(home, "h2").Select(h => Html.Attr(h, "id")).ToHashSet();

        Assert.Equal(Seeds.Community.Groups.Count, cards.Count);
        foreach (var card in cards)
        {
            var href = Html.Links(card.Inner).Select(l => l.Href).Distinct().Single();
            var page = await client.GetStringAsync(href, Ct);
            var links = Html.Links(page).Select(l => l.Href).ToList();

            // Back to this very card, and up to its kind's section: both anchors exist on the home page.
            Assert.Contains($"/#{Html.Attr(card.Attributes, "id")}", links);
            var kindLink = Assert.Single(Html.Links(Html.Elements(page, "nav").Single(n => Html.Attr(n.Attributes, "class") == "crumbs").Inner), l => l.Href.StartsWith("/#", StringComparison.Ordinal));
            Assert.Contains(kindLink.Href[2..], kindIds);
        }
    }

    [Fact]
    public async Task GroupPage_OpenGroup_SaysHowToJoinAndLinksToConsoleWithCommandTypedIn()
    {
        var join = Html.Section(await client.GetStringAsync("/wg/calorimetry", Ct), "How to join");

        Assert.Contains("In Slack or Discord, type /wg join calorimetry. You are a member at once.", Html.Text(join), StringComparison.Ordinal);
        Assert.Contains("/wg leave calorimetry", Html.Text(join), StringComparison.Ordinal);
        var consoleLink = Assert.Single(Html.Links(join), l => l.Text == "Try it in the console").Href;
        var form = Assert.Single(Html.Elements(await client.GetStringAsync(consoleLink, Ct), "form")).Inner;
        Assert.Contains(Html.StartTags(form, "input"), i => Html.Attr(i, "name") == "line" && Html.Attr(i, "value") == "/wg join calorimetry");
        Assert.Contains(Html.StartTags(form, "input"), i => Html.Attr(i, "name") == "as" && Html.Attr(i, "value") == "console:newcomer");
    }

    [Fact]
    public async Task GroupPage_ClosedGroup_SaysWhichConvenersApproveARequest()
    {
        var join = Html.Text(Html.Section(await client.GetStringAsync("/wg/fast-simulation", Ct), "How to join"));

        Assert.Contains("type /wg join fast-simulation. This group is closed: your request goes to Elena Popescu or Hiroshi Tanaka", join, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/", "Working groups · CollabBot")]
    [InlineData("/wg/jet-tagging", "Jet Tagging · Working groups · CollabBot")]
    [InlineData("/wg/calorimtery", "No such working group · CollabBot")]
    public async Task Page_Title_SaysWhereTheReaderIs(string path, string title)
    {
        using var response = await client.GetAsync(path, Ct);

        Assert.Equal(title, Html.Text(Html.Elements(await response.Content.ReadAsStringAsync(Ct), "title").Single().Inner));
    }

    [Fact]
    public async Task GroupPage_SlugInCapitals_ShowsTheGroup()
    {
        var page = await client.GetStringAsync("/wg/Calorimetry", Ct);

        Assert.Equal("Calorimetry Dataset", Html.Text(Html.Elements(page, "h1").Single().Inner));
    }
}
