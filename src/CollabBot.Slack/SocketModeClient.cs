using System.Text.Json;
using System.Text.Json.Nodes;
using CollabBot.Core.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CollabBot.Slack;

/// <summary>
/// Slack Socket Mode: opens a connection with <c>apps.connections.open</c> (app-level token), reads <c>hello</c>,
/// acknowledges every envelope with its <c>envelope_id</c> (a slash command's ack carries the reply), and
/// reconnects — with a fresh URL and capped, jittered backoff — after <c>disconnect</c> or a dropped socket.
/// <c>link_disabled</c> means Socket Mode was turned off for the app: no reconnect.
/// </summary>
public sealed partial class SocketModeClient(
    SlackApiClient api,
    ITextSocketFactory transport,
    SlackCommandProcessor processor,
    IServiceScopeFactory scopes,
    IOptionsMonitor<SlackOptions> options,
    TimeProvider clock,
    ILogger<SocketModeClient> logger) : BackgroundService
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(60);
    private int hellos;

    /// <summary>How many <c>hello</c>s were received: a connection count tests can watch.</summary>
    public int Hellos => Volatile.Read(ref hellos);

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var count = options.CurrentValue.SocketConnections; // 1 to 10, checked at start
        return Task.WhenAll(Enumerable.Range(0, count).Select(i => RunConnectionAsync(i, stoppingToken)));
    }

    private async Task RunConnectionAsync(int index, CancellationToken stoppingToken)
    {
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            Outcome outcome;
            var helloSeen = false;
            try
            {
                var url = await api.OpenSocketModeConnectionAsync(stoppingToken);
                await using var connection = await transport.ConnectAsync(url, stoppingToken);
                (outcome, helloSeen) = await ReadAsync(connection, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogConnectFailed(logger, index, ex.Message);
                outcome = Outcome.Dropped;
            }

            if (outcome == Outcome.Disabled)
            {
                LogDisabled(logger);
                return;
            }

            // Slack's own refresh reconnects at once; a dropped socket backs off, less so if it had been healthy.
            failures = outcome == Outcome.Refresh ? 0 : helloSeen ? 1 : failures + 1;
            var delay = Backoff(failures);
            LogReconnecting(logger, index, outcome.ToString(), delay.TotalMilliseconds);
            try
            {
                await Task.Delay(delay, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private enum Outcome
    {
        Refresh,
        Dropped,
        Disabled,
    }

    private async Task<(Outcome Outcome, bool HelloSeen)> ReadAsync(ITextSocket connection, CancellationToken stoppingToken)
    {
        var helloSeen = false;
        while (true)
        {
            var text = (await connection.ReceiveAsync(stoppingToken)).Text;
            if (text is null)
            {
                return (Outcome.Dropped, helloSeen);
            }

            JsonObject? message;
            try
            {
                message = JsonNode.Parse(text) as JsonObject;
            }
            catch (JsonException)
            {
                continue;
            }

            if (message is null)
            {
                continue;
            }

            switch (message.Str("type"))
            {
                case "hello":
                    helloSeen = true;
                    Interlocked.Increment(ref hellos);
                    break;
                case "disconnect":
                    var reason = message.Str("reason");
                    LogDisconnect(logger, reason ?? "unknown");
                    if (reason == "link_disabled")
                    {
                        return (Outcome.Disabled, helloSeen);
                    }

                    if (reason == "warning")
                    {
                        break; // the real disconnect follows in about ten seconds
                    }

                    return (Outcome.Refresh, helloSeen);
                case "slash_commands" or "interactive" or "events_api":
                    await HandleEnvelopeAsync(connection, message, stoppingToken);
                    break;
            }
        }
    }

    private async Task HandleEnvelopeAsync(ITextSocket connection, JsonObject envelope, CancellationToken stoppingToken)
    {
        var envelopeId = envelope.Str("envelope_id");
        if (envelopeId is null)
        {
            return;
        }

        var ack = new JsonObject { ["envelope_id"] = envelopeId };
        if (envelope["payload"] is not JsonObject payload)
        {
            // Nothing to run, but unacknowledged envelopes are sent again: acknowledge it so it does not come back.
            await connection.SendAsync(ack.ToJsonString(), stoppingToken);
            return;
        }

        switch (envelope.Str("type"))
        {
            case "slash_commands":
                var command = ToCommand(payload);
                if (command is not null)
                {
                    var response = await processor.HandleCommandAsync(command, stoppingToken);
                    if (envelope.Bool("accepts_response_payload") != false)
                    {
                        ack["payload"] = response;
                    }
                }

                await connection.SendAsync(ack.ToJsonString(), stoppingToken);
                break;
            case "interactive":
                await connection.SendAsync(ack.ToJsonString(), stoppingToken);
                if (payload.Str("type") == "block_actions")
                {
                    foreach (var action in ToActions(payload))
                    {
                        processor.HandleAction(action);
                    }
                }

                break;
            default:
                await connection.SendAsync(ack.ToJsonString(), stoppingToken);
                await SlackEndpoints.HandleEventAsync(payload, scopes, logger, stoppingToken);
                break;
        }
    }

    private static SlackCommand? ToCommand(JsonObject p)
    {
        string? S(string name) => p.Str(name);
        return S("team_id") is { } team && S("user_id") is { } user && S("channel_id") is { } channel && S("command") is { } command
            ? new SlackCommand(team, user, S("user_name"), channel, command, S("text"), S("response_url"))
            : null;
    }

    private static IEnumerable<SlackAction> ToActions(JsonObject p)
    {
        var user = p.Str("user", "id");
        var team = p.Str("user", "team_id") ?? p.Str("team", "id");
        if (user is null || team is null)
        {
            yield break;
        }

        var channel = p.Str("channel", "id");
        var responseUrl = p.Str("response_url");
        foreach (var action in p["actions"] as JsonArray ?? [])
        {
            if (SlackAction.From(team, user, channel, action.Str("action_id"), action.Str("value"), responseUrl) is { } pressed)
            {
                yield return pressed;
            }
        }
    }

    private static TimeSpan Backoff(int failures)
    {
        if (failures == 0)
        {
            return TimeSpan.Zero;
        }

        var seconds = Math.Min(MaxBackoff.TotalSeconds, Math.Pow(2, failures - 1));
        return TimeSpan.FromSeconds(seconds * (0.75 + (Random.Shared.NextDouble() / 2)));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack Socket Mode connection {Index} failed: {Error}")]
    private static partial void LogConnectFailed(ILogger logger, int index, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Slack Socket Mode connection {Index} reconnecting after {Outcome} in {DelayMs} ms")]
    private static partial void LogReconnecting(ILogger logger, int index, string outcome, double delayMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "Slack asked Socket Mode to disconnect: {Reason}")]
    private static partial void LogDisconnect(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Slack disabled Socket Mode for this app (link_disabled); not reconnecting. Turn Socket Mode on in the app settings, or remove Slack:AppToken.")]
    private static partial void LogDisabled(ILogger logger);
}
