using System.Text.Json;
using System.Text.Json.Nodes;
using CollabBot.Core.Sockets;

namespace CollabBot.Discord;

public sealed partial class GatewayClient
{
    private Task SendResumeAsync(ITextSocket socket, CancellationToken stoppingToken)
    {
        Interlocked.Increment(ref resumes);
        return SendAsync(socket, new JsonObject
        {
            ["op"] = 6,
            ["d"] = new JsonObject { ["token"] = options.CurrentValue.BotToken, ["session_id"] = sessionId, ["seq"] = sequence },
        }, stoppingToken);
    }

    private Task SendIdentifyAsync(ITextSocket socket, CancellationToken stoppingToken)
    {
        Interlocked.Increment(ref identifies);
        sessionId = null;
        sequence = null;
        return SendAsync(socket, new JsonObject
        {
            ["op"] = 2,
            ["d"] = new JsonObject
            {
                ["token"] = options.CurrentValue.BotToken,
                ["intents"] = 0,
                ["properties"] = new JsonObject { ["os"] = "linux", ["browser"] = "collabbot", ["device"] = "collabbot" },
            },
        }, stoppingToken);
    }

    /// <summary>
    /// The session's events until it ends: what to do next, and whether it was healthy (a dispatch arrived, so the
    /// connection worked and the backoff starts again).
    /// </summary>
    private async Task<(Next Next, bool Healthy)> ReadEventsAsync(ITextSocket socket, Heartbeat heartbeat, CancellationToken sessionToken, CancellationToken stoppingToken)
    {
        var healthy = false;
        while (true)
        {
            SocketFrame frame;
            JsonObject? json;
            try
            {
                (frame, json) = await ReadJsonAsync(socket, sessionToken);
            }
            catch (OperationCanceledException) when (heartbeat.Zombie && !stoppingToken.IsCancellationRequested)
            {
                LogZombie(logger);
                return (Next.Resume, healthy);
            }

            if (frame.IsClosed)
            {
                if (heartbeat.Zombie)
                {
                    LogZombie(logger);
                    return (Next.Resume, healthy);
                }

                return (Decide(frame.CloseCode), healthy);
            }

            switch (json?["op"]?.GetValue<int>())
            {
                case 0:
                    if (json["s"] is JsonValue s && s.TryGetValue<long>(out var seq))
                    {
                        sequence = seq;
                    }

                    healthy |= await DispatchAsync(json["t"]?.GetValue<string>(), json["d"] as JsonObject, stoppingToken);
                    break;
                case 1:
                    await SendAsync(socket, new JsonObject { ["op"] = 1, ["d"] = sequence }, sessionToken);
                    break;
                case 7:
                    LogReconnectRequested(logger);
                    await socket.CloseAsync(4000, "reconnect requested", stoppingToken);
                    return (Next.Resume, true);
                case 9:
                    return (await InvalidSessionAsync(socket, json["d"]?.GetValue<bool>() == true, stoppingToken), healthy);
                case 11:
                    heartbeat.Acked();
                    break;
            }
        }
    }

    /// <summary>Op 9: close, and resume if Discord says the session can be; otherwise identify afresh after a short random wait, as Discord asks.</summary>
    private async Task<Next> InvalidSessionAsync(ITextSocket socket, bool resumable, CancellationToken stoppingToken)
    {
        LogInvalidSession(logger, resumable);
        await socket.CloseAsync(4000, "invalid session", stoppingToken);
        if (!resumable)
        {
            await Task.Delay(TimeSpan.FromSeconds(1 + Random.Shared.NextDouble() * 4), clock, stoppingToken);
        }

        return resumable ? Next.Resume : Next.Identify;
    }

    private async Task<bool> DispatchAsync(string? type, JsonObject? data, CancellationToken stoppingToken)
    {
        switch (type)
        {
            case "READY":
                sessionId = data?["session_id"]?.GetValue<string>();
                resumeUrl = data?["resume_gateway_url"]?.GetValue<string>() is { } url ? new Uri(url) : null;
                LogReady(logger);
                return true;
            case "RESUMED":
                LogResumed(logger, sequence ?? 0);
                return true;
            case "INTERACTION_CREATE" when data is not null:
                processor.Background.Track(AnswerAsync(data, stoppingToken));
                return true;
            default:
                return false;
        }
    }

    /// <summary>Gateway interactions are answered over HTTP, through the interaction callback.</summary>
    private async Task AnswerAsync(JsonObject interaction, CancellationToken stoppingToken)
    {
        var id = interaction["id"]?.ToString();
        var token = interaction["token"]?.ToString();
        if (id is null || token is null)
        {
            return;
        }

        var sent = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        try
        {
            var response = await processor.HandleAsync(interaction, sent.Task, stoppingToken);
            await rest.InteractionCallbackAsync(id, token, response, stoppingToken);
            sent.TrySetResult();
        }
        catch (Exception ex) when (ex is DiscordApiException or HttpRequestException or TaskCanceledException)
        {
            sent.TrySetException(ex);
            LogCallbackFailed(logger, ex.Message);
        }
    }

    private static async Task<(SocketFrame Frame, JsonObject? Json)> ReadJsonAsync(ITextSocket socket, CancellationToken cancellationToken)
    {
        while (true)
        {
            var frame = await socket.ReceiveAsync(cancellationToken);
            if (frame.IsClosed)
            {
                return (frame, null);
            }

            try
            {
                if (JsonNode.Parse(frame.Text!) is JsonObject json)
                {
                    return (frame, json);
                }
            }
            catch (JsonException)
            {
                // Not JSON: ignore the frame.
            }
        }
    }

    private static Task SendAsync(ITextSocket socket, JsonObject payload, CancellationToken cancellationToken) =>
        socket.SendAsync(payload.ToJsonString(), cancellationToken);
}
