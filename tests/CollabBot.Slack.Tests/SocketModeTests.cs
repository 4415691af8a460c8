using System.Text.Json.Nodes;
using CollabBot.Core.Domain;
using CollabBot.Slack.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static CollabBot.Slack.Tests.Support.Community;

namespace CollabBot.Slack.Tests;

/// <summary>
/// Socket Mode against the fake's WebSocket, as scripts: the service opens a connection with the app token,
/// Slack says hello, sends envelopes and reads acks, then asks for a refresh or drops the socket.
/// </summary>
public sealed class SocketModeTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly Dictionary<string, string?> SocketMode = new() { ["Slack:AppToken"] = SlackService.AppToken };

    [Fact]
    public async Task SocketMode_AppTokenSet_OpensConnectionWithAppTokenAndAcksSlashCommandWithReply()
    {
        await using var slack = await SlackService.StartAsync(SocketMode);

        var socket = await slack.Fake.AcceptSocketAsync();
        var open = Assert.Single(slack.Fake.Calls("apps.connections.open"));
        Assert.Equal($"Bearer {SlackService.AppToken}", open.Authorization);
        Assert.StartsWith("application/x-www-form-urlencoded", open.ContentType, StringComparison.Ordinal);
        Assert.Contains("ticket=", socket.Query, StringComparison.Ordinal);
        await socket.SendHelloAsync();

        var ack = await SendCommandAsync(socket, "list", slack.Fake.NewResponseUrl());

        Assert.Equal("ephemeral", ack["payload"]!["response_type"]?.GetValue<string>());
        Assert.Contains("calorimetry", ack["payload"]!["text"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.NotEmpty(Assert.IsType<JsonArray>(ack["payload"]!["blocks"]));
    }

    [Fact]
    public async Task SocketMode_DisconnectRefreshRequested_ReconnectsWithFreshUrlAndAcksCommandOnNewConnection()
    {
        await using var slack = await SlackService.StartAsync(SocketMode);
        var first = await slack.Fake.AcceptSocketAsync();
        await first.SendHelloAsync();
        await SendCommandAsync(first, "list", slack.Fake.NewResponseUrl());

        await first.SendDisconnectAsync("refresh_requested");

        var second = await slack.Fake.AcceptSocketAsync();
        await first.Closed.WaitAsync(TimeSpan.FromSeconds(5), Ct); // the old socket is closed, not leaked
        Assert.Equal(2, slack.Fake.Calls("apps.connections.open").Count);
        Assert.NotEqual(first.Query, second.Query); // a fresh single-use URL
        await second.SendHelloAsync();
        var ack = await SendCommandAsync(second, "info calorimetry", slack.Fake.NewResponseUrl());
        Assert.Contains("Calorimetry Dataset", ack["payload"]!["text"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SocketMode_SocketDroppedWithoutCloseFrame_ReconnectsAndAcksCommand()
    {
        await using var slack = await SlackService.StartAsync(SocketMode);
        var first = await slack.Fake.AcceptSocketAsync();
        await first.SendHelloAsync();

        first.Abort();

        var second = await slack.Fake.AcceptSocketAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(2, slack.Fake.Calls("apps.connections.open").Count);
        await second.SendHelloAsync();
        var ack = await SendCommandAsync(second, "list", slack.Fake.NewResponseUrl());
        Assert.Contains("calorimetry", ack["payload"]!["text"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SocketMode_WarningThenClose_ReconnectsAfterTheClose()
    {
        await using var slack = await SlackService.StartAsync(SocketMode);
        var first = await slack.Fake.AcceptSocketAsync();
        await first.SendHelloAsync();

        await first.SendDisconnectAsync("warning");
        var stillOpen = await SendCommandAsync(first, "list", slack.Fake.NewResponseUrl()); // a warning is not the disconnect itself
        Assert.NotNull(stillOpen["payload"]);
        await first.CloseAsync();

        var second = await slack.Fake.AcceptSocketAsync();
        await second.SendHelloAsync();
        await SendCommandAsync(second, "list", slack.Fake.NewResponseUrl());
    }

    [Fact]
    public async Task SocketMode_LinkDisabled_DoesNotReconnect()
    {
        await using var slack = await SlackService.StartAsync(SocketMode);
        var socket = await slack.Fake.AcceptSocketAsync();
        await socket.SendHelloAsync();

        await socket.SendDisconnectAsync("link_disabled");

        await socket.Closed.WaitAsync(TimeSpan.FromSeconds(5), Ct);
        // A refresh reconnects at once; give a wrong reconnect the same chance to show before concluding.
        await Assert.ThrowsAsync<TimeoutException>(() => slack.Fake.AcceptSocketAsync(TimeSpan.FromMilliseconds(500)));
        Assert.Single(slack.Fake.Calls("apps.connections.open"));
    }

    [Fact]
    public async Task SocketMode_InteractiveApproveEnvelope_AckedAndJoinApproved()
    {
        await using var slack = await SlackService.StartAsync(SocketMode);
        var socket = await slack.Fake.AcceptSocketAsync();
        await socket.SendHelloAsync();
        await CreateReviewGroupAsync(slack);
        await SendCommandAsync(socket, $"join {ReviewGroup}", slack.Fake.NewResponseUrl(), Priya);
        var responseUrl = slack.Fake.NewResponseUrl();

        var envelopeId = await socket.SendEnvelopeAsync("interactive", SlackPayloads.BlockActionsJson(Amara, "collab_0", $"/wg approve {ReviewGroup} @{Identity(Priya)}", responseUrl), acceptsResponsePayload: false);

        var ack = await socket.ReceiveAsync();
        Assert.Equal(envelopeId, ack["envelope_id"]?.GetValue<string>());
        var post = (await slack.Fake.WaitForResponseUrlPostAsync(responseUrl)).Json;
        Assert.True(post["replace_original"]?.GetValue<bool>());
        Assert.Contains("Approved", post["text"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SocketMode_EventsApiEnvelope_AckedAndAnswered()
    {
        await using var slack = await SlackService.StartAsync(SocketMode);
        var socket = await slack.Fake.AcceptSocketAsync();
        await socket.SendHelloAsync();
        const string channel = "C0SOCKMEN1";

        var envelopeId = await socket.SendEnvelopeAsync("events_api", SlackPayloads.AppMention("Ev0SOCKET0001", channel, Amara, "<@U0TESTBOT1> hi"), acceptsResponsePayload: false);

        var ack = await socket.ReceiveAsync();
        Assert.Equal(envelopeId, ack["envelope_id"]?.GetValue<string>());
        Assert.Null(ack["payload"]);
        await slack.WaitUntilAsync(db => db.OutboundMessages.AnyAsync(m => m.Target == channel && m.Status == OutboundStatus.Sent, Ct), "the answer to the mention");
    }

    [Fact]
    public async Task SocketMode_MalformedMessages_IgnoredOrAckedWithoutDroppingConnection()
    {
        await using var slack = await SlackService.StartAsync(SocketMode);
        var socket = await slack.Fake.AcceptSocketAsync();
        await socket.SendHelloAsync();

        await socket.SendAsync(new JsonObject { ["type"] = 5 });
        await socket.SendAsync(new JsonObject { ["envelope_id"] = 7, ["type"] = "slash_commands", ["payload"] = new JsonObject() });
        await socket.SendAsync(new JsonObject { ["envelope_id"] = "env-no-payload", ["type"] = "events_api", ["payload"] = "not an object" });
        await socket.SendAsync(new JsonObject { ["envelope_id"] = "env-bad-fields", ["type"] = "interactive", ["payload"] = new JsonObject { ["type"] = "block_actions", ["user"] = "U0AMARA01", ["actions"] = new JsonArray(1, "x") } });

        // An envelope without a usable payload is still acknowledged, or Slack would send it again and again.
        Assert.Equal("env-no-payload", (await socket.ReceiveAsync())["envelope_id"]?.GetValue<string>());
        Assert.Equal("env-bad-fields", (await socket.ReceiveAsync())["envelope_id"]?.GetValue<string>());
        await SendCommandAsync(socket, "list", slack.Fake.NewResponseUrl());
        Assert.Single(slack.Fake.Calls("apps.connections.open"));
    }

    /// <summary>Sends a <c>/wg</c> slash_commands envelope and returns the ack, checked to carry the same envelope_id.</summary>
    private static async Task<JsonObject> SendCommandAsync(FakeSocket socket, string text, string responseUrl, string user = Amara)
    {
        var envelopeId = await socket.SendEnvelopeAsync("slash_commands", SlackPayloads.SlashCommandJson(user, "/wg", text, responseUrl));
        var ack = await socket.ReceiveAsync();
        Assert.Equal(envelopeId, ack["envelope_id"]?.GetValue<string>());
        return ack;
    }
}
