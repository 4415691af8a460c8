using System.Text.Json.Nodes;
using CollabBot.Core.Replies;
using CollabBot.Slack.Tests.Support;
using Microsoft.Extensions.Time.Testing;
using static CollabBot.Slack.Tests.Support.Community;

namespace CollabBot.Slack.Tests;

/// <summary>
/// Hostile text (<c>@channel</c>, <c>&lt;!everyone&gt;</c>, <c>&lt;!here&gt;</c>, user-group mentions, <c>&amp;&lt;&gt;</c>) in group
/// names, real names and command text comes out of the real service escaped: Slack is never asked to ping a crowd,
/// and the only user mentions are the people a reply means.
/// </summary>
public sealed class MentionSafetyTests
{
    /// <summary>What a Slack user typing <c>@channel @here @everyone @devs &amp; &lt;b&gt; &lt;!everyone&gt;</c> sends with should_escape on.</summary>
    private const string HostileAsSlackSendsIt = "<!channel> <!here> <!everyone> <!subteam^S0DEVS0001|@devs> &amp; &lt;b&gt; &lt;!everyone&gt;";

    private static readonly Dictionary<string, string?> AmaraIsAdmin = new() { ["Bot:Admins:1"] = Identity(Amara) };

    [Fact]
    public async Task HostileGroupName_CreatedFromSlack_RenderedEscapedInCreateListAndInfo()
    {
        await using var slack = await SlackService.StartAsync(AmaraIsAdmin);

        var (_, created) = await slack.CommandAsync(SlackPayloads.SlashCommand(Amara, "/wg", $"create hostile \"{HostileAsSlackSendsIt}\" --convener <@{Priya}|priya>", slack.Fake.NewResponseUrl()));
        var (_, list) = await slack.CommandAsync(SlackPayloads.SlashCommand(Priya, "/wg", "list", slack.Fake.NewResponseUrl()));
        var (_, info) = await slack.CommandAsync(SlackPayloads.SlashCommand(Priya, "/wg", "info hostile", slack.Fake.NewResponseUrl()));

        var createdText = SlackMarkup.AssertHarmless(created, Priya);
        Assert.Contains($"Convener: <@{Priya}>", createdText, StringComparison.Ordinal); // the one person the reply means
        Assert.Contains("&amp; &lt;b&gt; &lt;!everyone&gt;", createdText, StringComparison.Ordinal);
        Assert.Contains("&amp; &lt;b&gt; &lt;!everyone&gt;", SlackMarkup.AssertHarmless(list), StringComparison.Ordinal);
        Assert.Contains("&amp; &lt;b&gt; &lt;!everyone&gt;", SlackMarkup.AssertHarmless(info), StringComparison.Ordinal);
        AssertHeadersArePlainText(info);
    }

    [Fact]
    public async Task HostileGroupName_WithRawSpecialMentions_RenderedEscaped()
    {
        // Typed on the console, the name keeps Slack's own markup verbatim: the renderer alone must defuse it.
        await using var slack = await SlackService.StartAsync();
        await slack.SayAsync(SlackService.Admin, "/wg create raw-hostile \"<!everyone> <!here> <!channel> <!subteam^S0DEVS0001> @channel & <> <@U0SOMEONE1>\" --closed");

        var (_, list) = await slack.CommandAsync(SlackPayloads.SlashCommand(Priya, "/wg", "list", slack.Fake.NewResponseUrl()));
        var (_, info) = await slack.CommandAsync(SlackPayloads.SlashCommand(Priya, "/wg", "info raw-hostile", slack.Fake.NewResponseUrl()));

        var text = SlackMarkup.AssertHarmless(list);
        Assert.Contains("&lt;!everyone&gt; &lt;!here&gt; &lt;!channel&gt; &lt;!subteam^S0DEVS0001&gt; @channel &amp; &lt;&gt; &lt;@U0SOMEONE1&gt;", text, StringComparison.Ordinal);
        SlackMarkup.AssertHarmless(info);
        AssertHeadersArePlainText(info);
    }

    [Fact]
    public async Task HostileRealName_FromUsersInfo_RenderedEscapedInMembersAndJoinRequest()
    {
        // A clock that stands still: the 800 ms name-lookup budget cannot run out before the fake answers on a loaded machine.
        await using var slack = await SlackService.StartAsync(clock: new FakeTimeProvider(TimeProvider.System.GetUtcNow()));
        await CreateReviewGroupAsync(slack);
        const string mallory = "U0MALLORY1";
        slack.Fake.AddUser(new FakeSlackUser(mallory, FakeSlack.TeamId, "mallory", "<!channel> Mallory & <Co> @here"));

        await slack.CommandAsync(SlackPayloads.SlashCommand(mallory, "/wg", "join calorimetry", slack.Fake.NewResponseUrl()));
        await slack.CommandAsync(SlackPayloads.SlashCommand(mallory, "/wg", $"join {ReviewGroup}", slack.Fake.NewResponseUrl()));
        var (_, members) = await slack.CommandAsync(SlackPayloads.SlashCommand(Amara, "/wg", "members calorimetry", slack.Fake.NewResponseUrl()));

        Assert.Contains("&lt;!channel&gt; Mallory &amp; &lt;Co&gt; @here", SlackMarkup.AssertHarmless(members), StringComparison.Ordinal);

        // The join request Amara gets on Slack mentions the requester on purpose, and nothing else.
        var dm = (await slack.Fake.WaitForAsync(r => r.Any(x => x.Method == "chat.postMessage" && x.Channel == Amara), what: "the join request DM"))
            .First(x => x.Method == "chat.postMessage" && x.Channel == Amara);
        Assert.Contains($"<@{mallory}> asks to join", SlackMarkup.AssertHarmless(dm.Json, mallory), StringComparison.Ordinal);
    }

    [Fact]
    public async Task HostileCommandText_EchoedInError_RenderedEscaped()
    {
        string[] texts =
        [
            "info &lt;!here&gt; &amp; &lt;!channel&gt;",
            "info <!everyone>",
            "frobnicate <!channel> &lt;!subteam^S0DEVS0001&gt;",
            "join &lt;@U0SOMEONE1&gt;",
        ];
        await using var slack = await SlackService.StartAsync();

        foreach (var text in texts)
        {
            var (_, reply) = await slack.CommandAsync(SlackPayloads.SlashCommand(Priya, "/wg", text, slack.Fake.NewResponseUrl()));

            Assert.Equal("ephemeral", reply["response_type"]?.GetValue<string>());
            var shown = SlackMarkup.AssertHarmless(reply);
            Assert.DoesNotMatch("&amp;(amp|lt|gt);", shown); // echoed as typed, not escaped twice
        }
    }

    [Fact]
    public async Task HostileCommandText_EchoedInError_ShowsWhatTheUserTyped()
    {
        await using var slack = await SlackService.StartAsync();

        // The user typed: /wg info calorimetry & <more>
        var (_, reply) = await slack.CommandAsync(SlackPayloads.SlashCommand(Priya, "/wg", "info calorimetry &amp; &lt;more&gt;", slack.Fake.NewResponseUrl()));

        Assert.Contains("Unexpected '&amp;' after /wg info.", SlackMarkup.AssertHarmless(reply), StringComparison.Ordinal);
    }

    [Fact]
    public void Renderer_MentionOfAnotherTeamOrPlatform_IsPlainNameNotPing()
    {
        var reply = Reply.Message(Line.Of(
            new Mention(Identity(Priya), "Priya"),
            new Text(" "),
            new Mention("slack:T0OTHER:U0OTHER001", "Otto <!channel>"),
            new Text(" "),
            new Mention("discord:100000000000000101", "Jonas & co"),
            new Text(" "),
            new Mention($"slack:{FakeSlack.TeamId}:<!here>", "sneaky")));

        var rendered = SlackRenderer.Render(reply, FakeSlack.TeamId);
        var message = new JsonObject { ["text"] = rendered.Text, ["blocks"] = rendered.Blocks };

        var text = SlackMarkup.AssertHarmless(message, Priya);
        Assert.Contains($"<@{Priya}> @Otto &lt;!channel&gt; @Jonas &amp; co @sneaky", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Renderer_HostileTextInEveryInline_Escaped()
    {
        const string hostile = "<!everyone> & <!here|here>";
        var reply = new ReplyBuilder(hostile)
            .Line(Line.Of(new Text(hostile), new Text(" "), new Strong(hostile), new Text(" "), new Code(hostile), new Text(" "), new Link("https://example.org/a?b=1&c=<2>", hostile)))
            .Field(hostile, hostile)
            .Build();

        var rendered = SlackRenderer.Render(reply, FakeSlack.TeamId);

        SlackMarkup.AssertHarmless(new JsonObject { ["text"] = rendered.Text, ["blocks"] = rendered.Blocks });
    }

    /// <summary>Headers carry the name as <c>plain_text</c>, which Slack shows literally and never parses for mentions.</summary>
    private static void AssertHeadersArePlainText(JsonObject message)
    {
        foreach (var header in message["blocks"]!.AsArray().Where(b => b!["type"]!.GetValue<string>() == "header"))
        {
            Assert.Equal("plain_text", header!["text"]!["type"]!.GetValue<string>());
        }
    }
}
