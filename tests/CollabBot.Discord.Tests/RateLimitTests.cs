using System.Text.Json.Nodes;
using CollabBot.Core.Domain;
using CollabBot.Discord.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static CollabBot.Discord.Tests.Support.Interactions;

namespace CollabBot.Discord.Tests;

/// <summary>
/// The REST client against Discord's rate limits (rate-limits.mdx): a 429 is waited out for its
/// <c>retry_after</c> and the request sent again, once; a bucket spent by <c>X-RateLimit-Remaining: 0</c>
/// sends nothing more until <c>X-RateLimit-Reset-After</c> has passed.
/// </summary>
public sealed class RateLimitTests
{
    private const string Channel = "1000000000000000011";
    private const string OtherChannel = "1000000000000000012";

    // Timers do not fire early, but leave a millisecond or two for clock granularity.
    private static readonly TimeSpan HalfSecond = TimeSpan.FromMilliseconds(490);

    private static readonly DiscordUser Asker = new("200000000000000303", "asker", "Asha Asker");

    [Fact]
    public async Task CreateMessage_429WithRetryAfter_WaitsThenDeliversExactlyOnce()
    {
        await using var fake = await FakeDiscord.StartAsync();
        await using var service = await DiscordService.StartAsync(fake);
        var rest = service.Services.GetRequiredService<DiscordRestClient>();
        fake.Enqueue("POST", $"channels/{Channel}/messages", ScriptedResponse.RateLimited(0.5));

        var created = await rest.CreateMessageAsync(Channel, new JsonObject { ["content"] = "hello", ["allowed_mentions"] = DiscordRenderer.AllowedMentions([]) }, TestContext.Current.CancellationToken);

        Assert.NotNull(created?["id"]);
        var sent = fake.Matching("POST", $"channels/{Channel}/messages");
        Assert.Equal([429, 200], sent.Select(r => r.Status));
        Assert.True(sent[1].Since(sent[0]) >= HalfSecond, $"retried after {sent[1].Since(sent[0]).TotalMilliseconds} ms");
        Assert.All(sent, r => Assert.Equal("Bot " + FakeDiscord.BotToken, r.Header("Authorization")));
        Assert.All(sent, r => Assert.StartsWith("DiscordBot (", r.Header("User-Agent"), StringComparison.Ordinal));
        Assert.Equal(sent[0].Body, sent[1].Body);
    }

    [Fact]
    public async Task CreateMessage_BucketSpent_NextRequestWaitsForResetButOtherBucketsDoNot()
    {
        await using var fake = await FakeDiscord.StartAsync();
        await using var service = await DiscordService.StartAsync(fake);
        var rest = service.Services.GetRequiredService<DiscordRestClient>();
        var ct = TestContext.Current.CancellationToken;
        fake.Enqueue("POST", $"channels/{Channel}/messages", ScriptedResponse.LastInBucket("""{"id":"1400000000000000001"}""", 1.0));
        await rest.CreateMessageAsync(Channel, new JsonObject { ["content"] = "one" }, ct);

        var second = rest.CreateMessageAsync(Channel, new JsonObject { ["content"] = "two" }, ct);
        var elsewhere = rest.CreateMessageAsync(OtherChannel, new JsonObject { ["content"] = "elsewhere" }, ct);
        await Task.WhenAll(second, elsewhere);

        var sent = fake.Matching("POST", $"channels/{Channel}/messages");
        var other = Assert.Single(fake.Matching("POST", $"channels/{OtherChannel}/messages"));
        Assert.Equal(2, sent.Count);
        Assert.True(sent[1].Since(sent[0]) >= TimeSpan.FromMilliseconds(990), $"sent {sent[1].Since(sent[0]).TotalMilliseconds} ms after the bucket was spent");

        // Another channel is another bucket (channel ids are major parameters): it went out while the first waited.
        Assert.True(other.ArrivedAt < sent[1].ArrivedAt, "the other channel's message waited for the spent bucket");
    }

    [Fact]
    public async Task CreateMessage_GlobalRateLimit_EveryRouteWaitsForIt()
    {
        await using var fake = await FakeDiscord.StartAsync();
        await using var service = await DiscordService.StartAsync(fake);
        var rest = service.Services.GetRequiredService<DiscordRestClient>();
        var ct = TestContext.Current.CancellationToken;
        fake.Enqueue("POST", $"channels/{Channel}/messages", ScriptedResponse.RateLimited(1.0, global: true));

        var limited = rest.CreateMessageAsync(Channel, new JsonObject { ["content"] = "one" }, ct);
        var refused = await fake.WaitForAsync("POST", $"channels/{Channel}/messages");

        // Time for the 429 to reach the client, generous on a busy machine and well inside the second it asks to wait.
        await Task.Delay(300, ct);
        var elsewhere = rest.CreateMessageAsync(OtherChannel, new JsonObject { ["content"] = "elsewhere" }, ct);
        await Task.WhenAll(limited, elsewhere);

        // Another channel is another bucket, but a global limit holds back every route.
        var other = Assert.Single(fake.Matching("POST", $"channels/{OtherChannel}/messages"));
        Assert.True(other.Since(refused) >= TimeSpan.FromMilliseconds(990), $"the other channel's message went {other.Since(refused).TotalMilliseconds} ms after a global 429 asking for a second");
        Assert.Equal([429, 200], fake.Matching("POST", $"channels/{Channel}/messages").Select(r => r.Status));
    }

    [Fact]
    public async Task GatewayBot_Discord502Once_ReadIsSentAgain()
    {
        await using var fake = await FakeDiscord.StartAsync();
        await using var service = await DiscordService.StartAsync(fake);
        fake.Enqueue("GET", "gateway/bot", new ScriptedResponse(502, """{"message": "502: Bad Gateway", "code": 0}"""));

        var url = await service.Services.GetRequiredService<DiscordRestClient>().GetGatewayUrlAsync(TestContext.Current.CancellationToken);

        Assert.Equal(fake.GatewayUrl.Host, url.Host);
        Assert.Equal([502, 200], fake.Matching("GET", "gateway/bot").Select(r => r.Status));
    }

    [Fact]
    public async Task CreateMessage_Discord502_NotSentAgainSinceItMayHaveBeenPosted()
    {
        await using var fake = await FakeDiscord.StartAsync();
        await using var service = await DiscordService.StartAsync(fake);
        fake.Enqueue("POST", $"channels/{Channel}/messages", new ScriptedResponse(502, """{"message": "502: Bad Gateway", "code": 0}"""));

        var ex = await Assert.ThrowsAsync<DiscordApiException>(() => service.Services.GetRequiredService<DiscordRestClient>().CreateMessageAsync(Channel, new JsonObject { ["content"] = "once" }, TestContext.Current.CancellationToken));

        Assert.Equal(502, ex.Status);
        Assert.Single(fake.Matching("POST", $"channels/{Channel}/messages"));
    }

    [Fact]
    public async Task JoinRequestToDiscordConvener_DirectMessageRateLimitedOnce_IsDeliveredOnceAfterTheWait()
    {
        await using var fake = await FakeDiscord.StartAsync();
        await using var service = await DiscordService.StartAsync(fake);
        var created = await service.SayAsync("console:admin", $"/wg create gated \"Gated Group\" --closed --convener @{DiscordService.Jonas.Identity}");
        Assert.False(created.IsError, created.Plain);
        fake.Enqueue("POST", @"channels/\d+/messages", ScriptedResponse.RateLimited(0.5));

        var answer = await service.InteractAsync(Command("wg join", Asker, String("wg", "gated")));
        var delivered = await fake.WaitForAsync(r => r.Method == "POST" && r.Path.EndsWith("/messages", StringComparison.Ordinal) && r.Status == 200);
        var outbound = await WaitForAsync(
            () => service.QueryAsync(db => db.OutboundMessages.AsNoTracking().Where(m => m.Platform == "discord").ToListAsync(TestContext.Current.CancellationToken)),
            messages => messages.All(m => m.Status == OutboundStatus.Sent));

        Assert.Contains("closed group", answer["data"]!["embeds"]![0]!["description"]!.GetValue<string>(), StringComparison.Ordinal);
        var dm = Assert.Single(fake.Matching("POST", "users/@me/channels"));
        Assert.Equal(DiscordService.Jonas.Id, dm.Json!["recipient_id"]!.GetValue<string>());
        var posts = fake.Matching("POST", @"channels/\d+/messages");
        Assert.Equal([429, 200], posts.Select(r => r.Status));
        Assert.True(posts[1].Since(posts[0]) >= HalfSecond, $"retried after {posts[1].Since(posts[0]).TotalMilliseconds} ms");
        var message = delivered.Json!;
        Assert.Equal($"<@{Asker.Id}>", message["content"]!.GetValue<string>());
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse($$"""{"parse":[],"users":["{{Asker.Id}}"]}"""), message["allowed_mentions"]), message["allowed_mentions"]?.ToJsonString());
        var buttons = message["components"]![0]!["components"]!.AsArray().Select(b => b!["custom_id"]!.GetValue<string>()).ToList();
        Assert.Equal([$"collab:/wg approve gated @{Asker.Identity}", $"collab:/wg deny gated @{Asker.Identity}"], buttons);
        var sent = Assert.Single(outbound);
        Assert.Equal(1, sent.Attempts);
    }

    [Theory]
    [InlineData("POST", "interactions/1300000000000000001/aW50ZXJhY3Rpb246MTMwMDAwMDAwMDAwMDAwMDAwMTp0b2tlbg/callback", "POST interactions/1300000000000000001/:token/callback")]
    [InlineData("PATCH", "webhooks/900000000000000001/aW50ZXJhY3Rpb246dG9rZW4/messages/@original", "PATCH webhooks/900000000000000001/:token/messages/@original")]
    [InlineData("POST", "channels/1000000000000000011/messages", "POST channels/1000000000000000011/messages")]
    [InlineData("PUT", "applications/900000000000000001/guilds/1000000000000000001/commands", "PUT applications/:id/guilds/1000000000000000001/commands")]
    public void Route_ForLogs_NeverCarriesAnInteractionOrWebhookToken(string method, string path, string expected)
    {
        Assert.Equal(expected, DiscordRateLimits.Route(new HttpMethod(method), path));
    }

    private static async Task<T> WaitForAsync<T>(Func<Task<T>> read, Func<T, bool> done)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (true)
        {
            var value = await read();
            if (done(value))
            {
                return value;
            }

            await Task.Delay(25, timeout.Token);
        }
    }
}
