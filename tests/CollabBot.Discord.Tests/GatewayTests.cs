using System.Text.Json.Nodes;
using CollabBot.Discord.Tests.Support;
using CollabBot.Core.Sockets;
using CollabBot.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;
using static CollabBot.Discord.Tests.Support.Interactions;

namespace CollabBot.Discord.Tests;

/// <summary>
/// The real Gateway client over a real WebSocket to the fake, scripted as Discord behaves (gateway.mdx):
/// connect → Hello → Identify → READY → dispatches; after a drop, Resume at <c>resume_gateway_url</c>
/// with the session id and last sequence; no reconnect after the close codes that forbid it.
/// </summary>
public sealed class GatewayTests
{
    /// <summary>Long enough that a loaded test machine never misses an ACK by accident, where heartbeats are not the subject.</summary>
    internal const int QuietHeartbeatMs = 1000;

    /// <summary>Short, for the tests about heartbeats.</summary>
    private const int HeartbeatMs = 150;
    private const string SessionId = "fake-session-0123456789abcdef";

    private static readonly DiscordUser Newcomer = new("200000000000000404", "gw_user", "Gateway User");

    [Fact]
    public async Task Gateway_IdentifyReadyInteractionThenDrop_AnswersByCallbackAndResumesWithSessionAndSequence()
    {
        await using var fake = await FakeDiscord.StartAsync();
        await using var service = await StartGatewayAsync(fake);
        var gateway = service.Services.GetRequiredService<GatewayClient>();

        var first = await fake.NextGatewayConnectionAsync();
        await first.SendHelloAsync(400);
        var identify = await first.ExpectAsync(2);
        await SendReadyAsync(fake, first, sequence: 1);
        var interaction = Command("wg list", Newcomer);
        await first.SendDispatchAsync("INTERACTION_CREATE", 2, interaction);
        var callback = await fake.WaitForAsync("POST", $"interactions/{interaction["id"]}/{interaction["token"]}/callback");
        var beat = await HeartbeatWithSequenceAsync(first, 2);
        await first.CloseAsync(4000, "unknown error");
        var second = await fake.NextGatewayConnectionAsync();
        await second.SendHelloAsync(QuietHeartbeatMs);
        var resume = await second.ExpectAsync(6);
        await second.SendDispatchAsync("RESUMED", 3, new JsonObject());

        var gatewayBot = Assert.Single(fake.Matching("GET", "gateway/bot"));
        Assert.Equal("Bot " + FakeDiscord.BotToken, gatewayBot.Header("Authorization"));
        Assert.Equal(("/gateway", "?v=10&encoding=json"), (first.Path, first.Query));
        Assert.Equal(FakeDiscord.BotToken, identify["d"]!["token"]!.GetValue<string>());
        Assert.Equal(0, identify["d"]!["intents"]!.GetValue<int>());
        Assert.NotNull(identify["d"]!["properties"]!["os"]);
        Assert.Equal(4, callback.Json!["type"]!.GetValue<int>());
        Assert.Equal(64, callback.Json!["data"]!["flags"]!.GetValue<int>());
        Assert.Contains("calorimetry", callback.Json!["data"]!["embeds"]![0]!["description"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(2, beat["d"]!.GetValue<long>());
        Assert.Equal(("/resume", "?v=10&encoding=json"), (second.Path, second.Query));
        Assert.Equal(FakeDiscord.BotToken, resume["d"]!["token"]!.GetValue<string>());
        Assert.Equal(SessionId, resume["d"]!["session_id"]!.GetValue<string>());
        Assert.Equal(2, resume["d"]!["seq"]!.GetValue<long>());
        Assert.Equal((1, 1), (gateway.Identifies, gateway.Resumes));
        Assert.Null(gateway.FatalCloseCode);
    }

    [Fact]
    public async Task Gateway_InteractionNotWithinBudget_DefersByCallbackThenEditsOriginalAfterIt()
    {
        await using var fake = await FakeDiscord.StartAsync();
        await using var service = await DiscordService.StartAsync(fake, new Dictionary<string, string?> { ["Discord:Gateway"] = "true", ["Discord:InlineReplyBudget"] = "00:00:00" });

        var connection = await fake.NextGatewayConnectionAsync();
        await connection.SendHelloAsync(QuietHeartbeatMs);
        await connection.ExpectAsync(2);
        await SendReadyAsync(fake, connection, sequence: 1);
        var interaction = Command("wg list", Newcomer);
        await connection.SendDispatchAsync("INTERACTION_CREATE", 2, interaction);
        var edit = await fake.WaitForAsync("PATCH", $@"webhooks/{DiscordService.ApplicationId}/{interaction["token"]}/messages/@original");

        var callback = Assert.Single(fake.Matching("POST", @"interactions/\d+/[^/]+/callback"));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"type":5,"data":{"flags":64}}"""), callback.Json), callback.Body);

        // The edit only makes sense once Discord has the deferral: it must not overtake the callback.
        Assert.True(edit.ArrivedAt > callback.ArrivedAt);
        Assert.Contains("calorimetry", edit.Json!["embeds"]![0]!["description"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Gateway_HeartbeatsNotAcknowledged_ClosesResumablyAndResumes()
    {
        await using var fake = await FakeDiscord.StartAsync();
        await using var service = await StartGatewayAsync(fake);

        var first = await fake.NextGatewayConnectionAsync();
        await first.SendHelloAsync(HeartbeatMs);
        await first.ExpectAsync(2);
        await SendReadyAsync(fake, first, sequence: 1);
        await first.SendDispatchAsync("GUILD_CREATE", 2, new JsonObject { ["id"] = DiscordService.GuildId });
        await HeartbeatWithSequenceAsync(first, 2);
        first.AckHeartbeats = false;
        var closedWith = await first.ClientClosed.WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);
        var second = await fake.NextGatewayConnectionAsync();
        await second.SendHelloAsync(QuietHeartbeatMs);
        var resume = await second.ExpectAsync(6);

        // Not 1000/1001: those would end the session instead of keeping it resumable.
        Assert.Equal(4000, closedWith);
        Assert.Equal("/resume", second.Path);
        Assert.Equal(SessionId, resume["d"]!["session_id"]!.GetValue<string>());
        Assert.Equal(2, resume["d"]!["seq"]!.GetValue<long>());
    }

    [Fact]
    public async Task Gateway_Op7Reconnect_ResumesAtResumeUrl()
    {
        await using var fake = await FakeDiscord.StartAsync();
        await using var service = await StartGatewayAsync(fake);

        var first = await fake.NextGatewayConnectionAsync();
        await first.SendHelloAsync(QuietHeartbeatMs);
        await first.ExpectAsync(2);
        await SendReadyAsync(fake, first, sequence: 5);
        await first.SendAsync(Fixture.Json("discord/gateway/reconnect.json"));
        var second = await fake.NextGatewayConnectionAsync();
        await second.SendHelloAsync(QuietHeartbeatMs);
        var resume = await second.ExpectAsync(6);

        Assert.Equal("/resume", second.Path);
        Assert.Equal(5, resume["d"]!["seq"]!.GetValue<long>());
        Assert.Single(fake.Matching("GET", "gateway/bot"));
    }

    [Fact]
    public async Task Gateway_Close4000BeforeReady_ReconnectsAndIdentifiesAgain()
    {
        await using var fake = await FakeDiscord.StartAsync();
        await using var service = await StartGatewayAsync(fake);

        var first = await fake.NextGatewayConnectionAsync();
        await first.SendHelloAsync(QuietHeartbeatMs);
        await first.ExpectAsync(2);
        await first.CloseAsync(4000, "unknown error");
        var second = await fake.NextGatewayConnectionAsync(TimeSpan.FromSeconds(5));
        await second.SendHelloAsync(QuietHeartbeatMs);

        // No session yet, so nothing to resume: identify again, at the cached Gateway URL.
        await second.ExpectAsync(2);
        Assert.Equal("/gateway", second.Path);
    }

    [Fact]
    public async Task Gateway_Close4004AuthenticationFailed_DoesNotReconnect()
    {
        await using var fake = await FakeDiscord.StartAsync();
        await using var service = await StartGatewayAsync(fake);

        var (reconnected, gateway) = await CloseAfterIdentifyAsync(fake, service, 4004);

        Assert.False(reconnected);
        Assert.Equal(4004, gateway.FatalCloseCode);
        Assert.Equal((1, 0), (gateway.Identifies, gateway.Resumes));
        Assert.Equal(1, fake.GatewayConnectionCount);
    }

    /// <summary>Hello, Identify, then Discord closes with <paramref name="code"/>; true if the client connects again soon after.</summary>
    private static async Task<(bool Reconnected, GatewayClient Gateway)> CloseAfterIdentifyAsync(FakeDiscord fake, DiscordService service, int code)
    {
        var gateway = service.Services.GetRequiredService<GatewayClient>();
        var first = await fake.NextGatewayConnectionAsync();
        await first.SendHelloAsync(QuietHeartbeatMs);
        await first.ExpectAsync(2);
        await first.CloseAsync(code, "closed by the test");

        // A reconnect after a failed first session would come within 1.25 s (backoff 1 s ± 25 %).
        return (await fake.AnotherGatewayConnectionWithinAsync(TimeSpan.FromSeconds(1.5)), gateway);
    }

    private static Task<DiscordService> StartGatewayAsync(FakeDiscord fake) =>
        DiscordService.StartAsync(fake, new Dictionary<string, string?> { ["Discord:Gateway"] = "true" });

    /// <summary>READY with the fields of gateway-events.mdx's "Ready Event Fields" table; the docs give no example to capture.</summary>
    private static Task SendReadyAsync(FakeDiscord fake, GatewayConnection connection, long sequence) =>
        connection.SendDispatchAsync("READY", sequence, new JsonObject
        {
            ["v"] = 10,
            ["user"] = new JsonObject { ["id"] = DiscordService.ApplicationId, ["username"] = "CollabBot", ["bot"] = true },
            ["guilds"] = new JsonArray(new JsonObject { ["id"] = DiscordService.GuildId, ["unavailable"] = true }),
            ["session_id"] = SessionId,
            ["resume_gateway_url"] = fake.ResumeUrl.AbsoluteUri,
            ["shard"] = new JsonArray(0, 1),
            ["application"] = new JsonObject { ["id"] = DiscordService.ApplicationId, ["flags"] = 0 },
        });

    /// <summary>Heartbeats carry the last sequence received; wait for one that has caught up.</summary>
    private static async Task<JsonObject> HeartbeatWithSequenceAsync(GatewayConnection connection, long sequence)
    {
        while (true)
        {
            var beat = await connection.ExpectAsync(1, TimeSpan.FromSeconds(5));
            if (beat["d"] is JsonValue v && v.TryGetValue<long>(out var s) && s == sequence)
            {
                return beat;
            }
        }
    }
}

/// <summary>
/// The other close codes after which Discord says not to reconnect (sharding, API version, intents). Each case
/// runs a fresh GatewayClient built from one shared host's services over a real WebSocket, since a client that
/// stopped for good cannot be reused and a host per case would only add start-up time.
/// </summary>
public sealed class GatewayFatalCloseCodeTests(SignedServiceFixture fixture) : IClassFixture<SignedServiceFixture>
{
    [Theory]
    [InlineData(4010)]
    [InlineData(4011)]
    [InlineData(4012)]
    [InlineData(4013)]
    [InlineData(4014)]
    public async Task Gateway_ClosedWithCodeThatForbidsReconnecting_StopsForGood(int code)
    {
        var fake = fixture.Fake;
        var before = fake.GatewayConnectionCount;
        using var gateway = ActivatorUtilities.CreateInstance<GatewayClient>(fixture.Service.Services, new ClientWebSocketFactory());
        await gateway.StartAsync(TestContext.Current.CancellationToken);

        var first = await fake.NextGatewayConnectionAsync();
        await first.SendHelloAsync(GatewayTests.QuietHeartbeatMs);
        await first.ExpectAsync(2);
        await first.CloseAsync(code, "closed by the test");
        var reconnected = await fake.AnotherGatewayConnectionWithinAsync(TimeSpan.FromSeconds(1.5));
        await gateway.StopAsync(TestContext.Current.CancellationToken);

        Assert.False(reconnected);
        Assert.Equal(code, gateway.FatalCloseCode);
        Assert.Equal(before + 1, fake.GatewayConnectionCount);
    }
}
