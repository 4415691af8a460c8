using CollabBot.Discord.Tests.Support;
using static CollabBot.Discord.Tests.Support.Interactions;

namespace CollabBot.Discord.Tests;

/// <summary>A newcomer on Discord joins a group by slash command: the group's welcome comes as a direct message (a DM channel opened, then a message in it).</summary>
public sealed class WelcomeTests
{
    private static readonly DiscordUser Newcomer = new("200000000000000404", "newcomer", "Nell Newcomer");

    [Fact]
    public async Task JoinOpenGroup_OnDiscord_WelcomeWithStartHerePathArrivesAsADirectMessage()
    {
        await using var fake = await FakeDiscord.StartAsync();
        await using var service = await DiscordService.StartAsync(fake);

        var answer = await service.InteractAsync(Command("wg join", Newcomer, String("wg", "jet-tagging")));
        var delivered = await fake.WaitForAsync(r => r.Method == "POST" && r.Path.EndsWith("/messages", StringComparison.Ordinal) && r.Status == 200 && r.Body.Contains("Welcome to Jet Tagging", StringComparison.Ordinal));

        Assert.Contains("direct messages", answer.ToJsonString(), StringComparison.Ordinal);
        var dm = Assert.Single(fake.Matching("POST", "users/@me/channels"));
        Assert.Equal(Newcomer.Id, dm.Json!["recipient_id"]!.GetValue<string>());
        var text = delivered.Json!["embeds"]![0]!["description"]!.GetValue<string>();
        Assert.Contains("Start here", text, StringComparison.Ordinal);
        Assert.Matches(@"\n1\. \*\*\\#\d+\*\* ", text);
        Assert.Contains("<t:", text, StringComparison.Ordinal); // the next meeting in the reader's own time zone
        Assert.Contains("Jonas", text, StringComparison.Ordinal);
        Assert.Equal("[]", delivered.Json!["allowed_mentions"]!["parse"]!.ToJsonString());
    }
}
