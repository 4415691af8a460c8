using CollabBot.Core.Outbox;
using CollabBot.Core.Replies;
using CollabBot.Discord.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CollabBot.Discord.Tests;

/// <summary>
/// Issue 17 item 6 on Discord: every outbox post carries its key as the message <c>nonce</c> with
/// <c>enforce_nonce</c>, so the post an instance made just before it died, sent again by the instance that takes the
/// lapsed claim over, is answered with the message Discord already has instead of a second one.
/// </summary>
public sealed class CrashWindowTests
{
    private const string Channel = "1100000000000000777";

    [Fact]
    public async Task PostToChannel_SameOutboxKeyPostedAgainAfterALapsedClaim_DiscordKeepsOneMessage()
    {
        await using var fake = await FakeDiscord.StartAsync();
        await using var service = await DiscordService.StartAsync(fake);
        var poster = service.Services.GetServices<IChatPoster>().Single(p => p.Platform == "discord");
        var key = OutboxPost.KeyOf(long.MaxValue, DateTimeOffset.UnixEpoch.AddDays(20_000));

        // The first attempt got through; its instance died before marking the row sent. The next claim sends it again.
        await poster.PostToChannelAsync("", Channel, Reply.Message("Standup in 15 minutes"), new OutboxPost(key), TestContext.Current.CancellationToken);
        await poster.PostToChannelAsync("", Channel, Reply.Message("Standup in 15 minutes"), new OutboxPost(key, DateTimeOffset.UtcNow.AddMinutes(-3)), TestContext.Current.CancellationToken);

        var posts = fake.Matching("POST", $"^channels/{Channel}/messages$");
        Assert.Equal(2, posts.Count);
        Assert.All(posts, p =>
        {
            Assert.Equal(key, p.Json?["nonce"]?.GetValue<string>());
            Assert.True(p.Json?["enforce_nonce"]?.GetValue<bool>());
        });
        Assert.True(key.Length <= OutboxPost.MaxKeyLength, $"'{key}' is longer than Discord's 25-character nonce");
        var message = Assert.Single(fake.CreatedMessages(Channel));
        Assert.Equal(key, message["nonce"]?.GetValue<string>());
    }

    [Fact]
    public async Task PostToChannel_TwoOutboxRows_EachGetsItsOwnMessage()
    {
        await using var fake = await FakeDiscord.StartAsync();
        await using var service = await DiscordService.StartAsync(fake);
        var poster = service.Services.GetServices<IChatPoster>().Single(p => p.Platform == "discord");
        var created = DateTimeOffset.UtcNow;

        // Same text, different rows: the nonce must not merge two messages the bot really owes.
        await poster.PostToChannelAsync("", Channel, Reply.Message("Same words"), new OutboxPost(OutboxPost.KeyOf(41, created)), TestContext.Current.CancellationToken);
        await poster.PostToChannelAsync("", Channel, Reply.Message("Same words"), new OutboxPost(OutboxPost.KeyOf(42, created)), TestContext.Current.CancellationToken);

        Assert.Equal(2, fake.CreatedMessages(Channel).Count);
    }
}
