using CollabBot.Discord.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static CollabBot.Discord.Tests.Support.Interactions;

namespace CollabBot.Discord.Tests;

/// <summary>
/// The vote button on a topic idea, as the Discord renderer draws it, pressed as Discord sends it: it runs
/// <c>/topic vote</c> as the presser and answers the presser alone (ephemeral), leaving the message for the next voter.
/// </summary>
public sealed class VoteButtonTests
{
    private static readonly DiscordUser Stranger = new("200000000000000909", "stranger", "Stan Stranger");

    [Fact]
    public async Task VoteButton_PressedByMember_VotesEphemerallyWithoutTouchingTheMessage()
    {
        await using var fake = await FakeDiscord.StartAsync();
        await using var service = await DiscordService.StartAsync(fake);
        var vote = await SuggestAsync(service);

        var pressed = await service.InteractAsync(Button(vote, DiscordService.Jonas, DiscordService.ChannelId, "1400000000000000003"));

        Assert.Equal(InteractionProcessor.ChannelMessage, pressed["type"]!.GetValue<int>());
        Assert.Equal(64, pressed["data"]!["flags"]!.GetValue<int>());
        Assert.StartsWith("You voted for \\#", pressed["data"]!["embeds"]![0]!["description"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(1, await VotesAsync(service));
    }

    [Fact]
    public async Task VoteButton_PressedByOutsider_RefusedAndNoVoteCounted()
    {
        await using var fake = await FakeDiscord.StartAsync();
        await using var service = await DiscordService.StartAsync(fake);
        var vote = await SuggestAsync(service);

        var refused = await service.InteractAsync(Button(vote, Stranger, DiscordService.ChannelId, "1400000000000000003"));

        Assert.Equal(InteractionProcessor.ChannelMessage, refused["type"]!.GetValue<int>());
        Assert.Equal(64, refused["data"]!["flags"]!.GetValue<int>());
        Assert.StartsWith("You are not a member of jet-tagging", refused["data"]!["embeds"]![0]!["description"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(0, await VotesAsync(service));
    }

    /// <summary>Jonas (who convenes jet-tagging) suggests an idea; returns the custom id of the vote button Discord would show.</summary>
    private static async Task<string> SuggestAsync(DiscordService service)
    {
        var reply = await service.SayAsync("console:jonas", "/topic suggest jet-tagging \"Transformers for jet flavour\"");
        Assert.False(reply.IsError, reply.Plain);
        var message = DiscordRenderer.Message(reply, ephemeral: false);
        var customId = message["components"]![0]!["components"]![0]!["custom_id"]!.GetValue<string>();
        var id = await service.QueryAsync(db => db.TopicIdeas.Where(t => t.Group.Slug == "jet-tagging").Select(t => t.Id).SingleAsync(TestContext.Current.CancellationToken));
        Assert.Equal($"{DiscordRenderer.KeepButtonPrefix}/topic vote #{id}", customId);
        return customId;
    }

    private static Task<int> VotesAsync(DiscordService service) =>
        service.QueryAsync(db => db.TopicVotes.CountAsync(v => v.Idea.Group.Slug == "jet-tagging" && v.WithdrawnAt == null, TestContext.Current.CancellationToken));
}
