using System.Text.Json.Nodes;
using CollabBot.Discord.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static CollabBot.Discord.Tests.Support.Interactions;

namespace CollabBot.Discord.Tests;

/// <summary>The approve/deny buttons on a join request run their command line as the person who presses them.</summary>
public sealed class ButtonTests
{
    private static readonly DiscordUser Asker = new("200000000000000707", "asker2", "Ada Asker");
    private static readonly DiscordUser Stranger = new("200000000000000808", "stranger", "Stan Stranger");

    [Fact]
    public async Task ApproveButton_PressedByConvenerInDm_ApprovesAndRemovesTheButtons()
    {
        await using var fake = await FakeDiscord.StartAsync();
        await using var service = await DiscordService.StartAsync(fake);
        var (approve, channel, message) = await JoinRequestDmAsync(fake, service);

        var refused = await service.InteractAsync(Button(approve, Stranger, channel, message));
        var pressed = await service.InteractAsync(Button(approve, DiscordService.Jonas, channel, message));

        Assert.Equal(InteractionProcessor.UpdateMessage, pressed["type"]!.GetValue<int>());
        Assert.Empty(pressed["data"]!["components"]!.AsArray());
        Assert.Contains("Approved", pressed["data"]!["embeds"]![0]!["description"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse($$"""{"parse":[],"users":["{{Asker.Id}}"]}"""), pressed["data"]!["allowed_mentions"]));
        Assert.Contains("Only a convener", refused["data"]!["embeds"]![0]!["description"]!.GetValue<string>(), StringComparison.Ordinal);
        var member = await service.QueryAsync(db => db.Memberships.AnyAsync(m => m.Group.Slug == "gated" && m.EndedAt == null && m.Person.Identities.Any(i => i.Key == Asker.Identity), TestContext.Current.CancellationToken));
        Assert.True(member);
    }

    [Fact]
    public async Task Button_NotCollabBots_AnswersEphemeralErrorAndRunsNothing()
    {
        await using var fake = await FakeDiscord.StartAsync();
        await using var service = await DiscordService.StartAsync(fake);

        var response = await service.InteractAsync(Button("other-bot:/wg create x y", DiscordService.DiscordAdmin, DiscordService.ChannelId, "1400000000000000001"));

        Assert.Equal(InteractionProcessor.ChannelMessage, response["type"]!.GetValue<int>());
        Assert.Equal(64, response["data"]!["flags"]!.GetValue<int>());
        Assert.False(await service.QueryAsync(db => db.Groups.AnyAsync(g => g.Slug == "x", TestContext.Current.CancellationToken)));
    }

    /// <summary>Jonas convenes a closed group; a Discord user asks to join; returns the approve button's custom id and where the DM went.</summary>
    private static async Task<(string Approve, string Channel, string Message)> JoinRequestDmAsync(FakeDiscord fake, DiscordService service)
    {
        var created = await service.SayAsync("console:admin", $"/wg create gated \"Gated Group\" --closed --convener @{DiscordService.Jonas.Identity}");
        Assert.False(created.IsError, created.Plain);
        await service.InteractAsync(Command("wg join", Asker, String("wg", "gated")));
        var dm = await fake.WaitForAsync(r => r.Method == "POST" && r.Path.EndsWith("/messages", StringComparison.Ordinal) && r.Status == 200);
        var approve = dm.Json!["components"]![0]!["components"]![0]!["custom_id"]!.GetValue<string>();
        return (approve, dm.Path.Split('/')[1], "1400000000000000002");
    }
}
