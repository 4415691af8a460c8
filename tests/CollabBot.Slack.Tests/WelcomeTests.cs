using CollabBot.Slack.Tests.Support;
using static CollabBot.Slack.Tests.Support.Community;

namespace CollabBot.Slack.Tests;

/// <summary>A newcomer on Slack joins a group by slash command: the group's welcome comes as a direct message (chat.postMessage to the user).</summary>
public sealed class WelcomeTests
{
    [Fact]
    public async Task JoinOpenGroup_OnSlack_WelcomeWithStartHerePathArrivesAsADirectMessage()
    {
        await using var slack = await SlackService.StartAsync();

        await slack.CommandAsync(SlackPayloads.SlashCommand(Priya, "/wg", "join jet-tagging", slack.Fake.NewResponseUrl()));
        var calls = await slack.Fake.WaitForAsync(r => r.Any(x => x.Method == "chat.postMessage" && x.Channel == Priya && x.Body.Contains("Welcome to Jet Tagging", StringComparison.Ordinal)), what: "the welcome DM to Priya");

        var dm = calls.First(x => x.Method == "chat.postMessage" && x.Channel == Priya && x.Body.Contains("Welcome to Jet Tagging", StringComparison.Ordinal));
        var text = dm.Json["text"]!.GetValue<string>();
        Assert.Contains("Start here", text, StringComparison.Ordinal);
        Assert.Matches(@"\n1\. \*#\d+\* ", text);
        Assert.Contains("Next meeting", text, StringComparison.Ordinal);
        Assert.Contains("<!date^", text, StringComparison.Ordinal); // the next meeting in the reader's own time zone
        Assert.Contains("Jonas", text, StringComparison.Ordinal);
        Assert.DoesNotContain("<!channel>", text, StringComparison.Ordinal);
    }
}
