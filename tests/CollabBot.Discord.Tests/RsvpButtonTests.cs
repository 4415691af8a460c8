using CollabBot.Core.Domain;
using CollabBot.Discord.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static CollabBot.Discord.Tests.Support.Interactions;

namespace CollabBot.Discord.Tests;

/// <summary>The Going / Maybe / Can't buttons of <c>/meeting next</c>, as the Discord renderer draws them, pressed as Discord sends them.</summary>
public sealed class RsvpButtonTests
{
    private static readonly DiscordUser Stranger = new("200000000000000919", "stranger2", "Sam Stranger");

    [Fact]
    public async Task MaybeButton_PressedByMember_RecordsMaybeEphemerally()
    {
        await using var fake = await FakeDiscord.StartAsync();
        await using var service = await DiscordService.StartAsync(fake);
        var maybe = await ButtonAsync(service, 1);

        var pressed = await service.InteractAsync(Button(maybe, DiscordService.Jonas, DiscordService.ChannelId, "1400000000000000004"));

        Assert.Equal(InteractionProcessor.ChannelMessage, pressed["type"]!.GetValue<int>());
        Assert.Equal(64, pressed["data"]!["flags"]!.GetValue<int>());
        Assert.StartsWith("You might come to", pressed["data"]!["embeds"]![0]!["description"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(1, await service.QueryAsync(db => db.Rsvps.CountAsync(r => r.Series.Group.Slug == "jet-tagging" && r.Answer == RsvpAnswer.Maybe, TestContext.Current.CancellationToken)));
    }

    [Fact]
    public async Task GoingButton_PressedByOutsider_Refused()
    {
        await using var fake = await FakeDiscord.StartAsync();
        await using var service = await DiscordService.StartAsync(fake);
        var going = await ButtonAsync(service, 0);

        var refused = await service.InteractAsync(Button(going, Stranger, DiscordService.ChannelId, "1400000000000000004"));

        Assert.StartsWith("You are not a member of jet-tagging", refused["data"]!["embeds"]![0]!["description"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(0, await service.QueryAsync(db => db.Rsvps.CountAsync(r => r.Series.Group.Slug == "jet-tagging", TestContext.Current.CancellationToken)));
    }

    /// <summary>The custom id of one of the RSVP buttons on /meeting next jet-tagging, as Discord would show it.</summary>
    private static async Task<string> ButtonAsync(DiscordService service, int index)
    {
        var reply = await service.SayAsync("console:jonas", "/meeting next jet-tagging");
        Assert.False(reply.IsError, reply.Plain);
        var buttons = DiscordRenderer.Message(reply, ephemeral: false)["components"]![0]!["components"]!.AsArray();
        Assert.Equal(["Going", "Maybe", "Can't"], buttons.Select(b => b!["label"]!.GetValue<string>()));
        var customId = buttons[index]!["custom_id"]!.GetValue<string>();
        Assert.StartsWith(DiscordRenderer.KeepButtonPrefix + "/meeting rsvp #", customId, StringComparison.Ordinal);
        return customId;
    }
}
