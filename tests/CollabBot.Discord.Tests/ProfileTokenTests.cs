using CollabBot.Discord.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static CollabBot.Discord.Tests.Support.Interactions;

namespace CollabBot.Discord.Tests;

/// <summary><c>/profile token</c> from Discord: the token comes back with the ephemeral flag and is stored hashed.</summary>
public sealed class ProfileTokenTests
{
    private static readonly DiscordUser Caller = new("200000000000000301", "tokenuser", "Token User");

    [Fact]
    public async Task ProfileToken_FromDiscord_AnswersEphemeralWithTheTokenAndStoresOnlyItsHash()
    {
        await using var fake = await FakeDiscord.StartAsync();
        await using var service = await DiscordService.StartAsync(fake);

        var response = await service.InteractAsync(Command("profile token", Caller));

        Assert.Equal(InteractionProcessor.ChannelMessage, response["type"]!.GetValue<int>());
        Assert.Equal(64, response["data"]!["flags"]!.GetValue<int>());
        var text = response.ToJsonString();
        var start = text.IndexOf("cbt_", StringComparison.Ordinal);
        Assert.True(start >= 0, text);
        var token = text.Substring(start, Core.Features.Profile.ApiTokens.Length);
        var hashes = await service.QueryAsync(db => db.ApiTokens.Select(t => t.Hash).ToListAsync(TestContext.Current.CancellationToken));
        Assert.Equal([Core.Features.Profile.ApiTokens.Hash(token)], hashes);
        Assert.Empty(fake.Requests);
    }
}
