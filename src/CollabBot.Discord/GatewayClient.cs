using System.Text.Json;
using System.Text.Json.Nodes;
using CollabBot.Core.Data;
using CollabBot.Core.Sockets;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CollabBot.Discord;

/// <summary>
/// The Discord Gateway, for deployments without a public URL: <c>GET /gateway/bot</c>, Hello → heartbeats
/// (the first after interval × jitter), Identify (no intents: interactions need none), Dispatch with the
/// sequence kept, <c>INTERACTION_CREATE</c> answered through the REST callback. A missed heartbeat ACK, a drop,
/// op 7 or a resumable op 9 → Resume at <c>resume_gateway_url</c> with session id and sequence; op 9 false →
/// a fresh Identify. Close codes 4004 and 4010–4014 are final: logged, never retried.
/// </summary>
public sealed partial class GatewayClient(
    DiscordRestClient rest,
    ITextSocketFactory sockets,
    InteractionProcessor processor,
    CollabBot.Core.Data.LeaderLock leader,
    IOptionsMonitor<DiscordOptions> options,
    TimeProvider clock,
    ILogger<GatewayClient> logger) : BackgroundService
{
    /// <summary>Close codes after which reconnecting cannot help (bad token, sharding, API version, intents).</summary>
    public static readonly IReadOnlySet<int> FatalCloseCodes = new HashSet<int> { 4004, 4010, 4011, 4012, 4013, 4014 };

    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(60);

    private Uri? gatewayUrl;
    private string? sessionId;
    private Uri? resumeUrl;
    private long? sequence;
    private int identifies;
    private int resumes;

    public int Identifies => Volatile.Read(ref identifies);

    public int Resumes => Volatile.Read(ref resumes);

    /// <summary>Set when the Gateway closed with a code that forbids reconnecting.</summary>
    public int? FatalCloseCode { get; private set; }

    private enum Next
    {
        Resume,
        Identify,
        Stop,
    }

    /// <summary>With several instances, only the one holding the lease keeps a Gateway connection.</summary>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            ILease lease;
            try
            {
                lease = await leader.AcquireAsync("discord-gateway", stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            await using (lease)
            {
                using var holding = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, lease.Lost);
                LogHolding(logger);
                await RunGatewayAsync(holding.Token);
                if (FatalCloseCode is not null)
                {
                    return;
                }
            }
        }
    }

    private async Task RunGatewayAsync(CancellationToken stoppingToken)
    {
        var failures = 0;
        var next = Next.Identify;
        while (!stoppingToken.IsCancellationRequested)
        {
            var resume = next == Next.Resume && sessionId is not null && resumeUrl is not null;
            try
            {
                var baseUrl = resume ? resumeUrl! : gatewayUrl ??= await rest.GetGatewayUrlAsync(stoppingToken);
                await using var socket = await sockets.ConnectAsync(WithQuery(baseUrl), stoppingToken);
                (next, var healthy) = await RunSessionAsync(socket, resume, stoppingToken);
                failures = healthy ? 0 : failures + 1;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogConnectFailed(logger, ex.Message);
                failures++;
                next = sessionId is null ? Next.Identify : Next.Resume;
            }

            if (next == Next.Stop)
            {
                return;
            }

            var delay = Backoff(failures);
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

    private async Task<(Next Next, bool Healthy)> RunSessionAsync(ITextSocket socket, bool resume, CancellationToken stoppingToken)
    {
        var hello = await ReadJsonAsync(socket, stoppingToken);
        if (hello.Frame.IsClosed)
        {
            return (Decide(hello.Frame.CloseCode), false);
        }

        if (hello.Json?["op"]?.GetValue<int>() != 10 || hello.Json["d"]?["heartbeat_interval"] is not JsonValue iv || !iv.TryGetValue<double>(out var intervalMs))
        {
            await socket.CloseAsync(4000, "expected hello", stoppingToken);
            return (resume ? Next.Resume : Next.Identify, false);
        }

        using var session = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var heartbeat = new Heartbeat(TimeSpan.FromMilliseconds(intervalMs));
        if (resume)
        {
            Interlocked.Increment(ref resumes);
            await SendAsync(socket, new JsonObject
            {
                ["op"] = 6,
                ["d"] = new JsonObject { ["token"] = options.CurrentValue.BotToken, ["session_id"] = sessionId, ["seq"] = sequence },
            }, stoppingToken);
        }
        else
        {
            Interlocked.Increment(ref identifies);
            sessionId = null;
            sequence = null;
            await SendAsync(socket, new JsonObject
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

        var beating = HeartbeatLoopAsync(socket, heartbeat, session);
        try
        {
            var healthy = false;
            while (true)
            {
                SocketFrame frame;
                JsonObject? json;
                try
                {
                    (frame, json) = await ReadJsonAsync(socket, session.Token);
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
                        await SendAsync(socket, new JsonObject { ["op"] = 1, ["d"] = sequence }, session.Token);
                        break;
                    case 7:
                        LogReconnectRequested(logger);
                        await socket.CloseAsync(4000, "reconnect requested", stoppingToken);
                        return (Next.Resume, true);
                    case 9:
                        var resumable = json["d"]?.GetValue<bool>() == true;
                        LogInvalidSession(logger, resumable);
                        await socket.CloseAsync(4000, "invalid session", stoppingToken);
                        if (!resumable)
                        {
                            // Discord asks for a short random wait before identifying again.
                            await Task.Delay(TimeSpan.FromSeconds(1 + Random.Shared.NextDouble() * 4), clock, stoppingToken);
                        }

                        return (resumable ? Next.Resume : Next.Identify, healthy);
                    case 11:
                        heartbeat.Acked();
                        break;
                }
            }
        }
        finally
        {
            await session.CancelAsync();
            try
            {
                await beating;
            }
            catch (OperationCanceledException)
            {
                // The heartbeat stops with the session.
            }
        }
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

    private async Task HeartbeatLoopAsync(ITextSocket socket, Heartbeat heartbeat, CancellationTokenSource session)
    {
        var sessionToken = session.Token;
        // The first beat waits interval × jitter, so a fleet reconnecting at once does not beat in step.
        await Task.Delay(heartbeat.Interval * Random.Shared.NextDouble(), clock, sessionToken);
        while (!sessionToken.IsCancellationRequested)
        {
            if (!heartbeat.TryBeat())
            {
                // No ACK since the last beat: a zombie connection. Close with a non-1000 code so the session can
                // resume, and stop waiting for a peer that may never answer.
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await socket.CloseAsync(4000, "heartbeat not acknowledged", timeout.Token);
                await session.CancelAsync();
                return;
            }

            await SendAsync(socket, new JsonObject { ["op"] = 1, ["d"] = sequence }, sessionToken);
            await Task.Delay(heartbeat.Interval, clock, sessionToken);
        }
    }

    private Next Decide(int? closeCode)
    {
        if (closeCode is { } code && FatalCloseCodes.Contains(code))
        {
            FatalCloseCode = code;
            LogFatalClose(logger, code, Describe(code));
            return Next.Stop;
        }

        return sessionId is null ? Next.Identify : Next.Resume;
    }

    private static string Describe(int code) => code switch
    {
        4004 => "authentication failed: check Discord:BotToken",
        4010 => "invalid shard",
        4011 => "sharding required",
        4012 => "invalid API version",
        4013 => "invalid intents",
        4014 => "disallowed intents: enable them in the Developer Portal or remove them",
        _ => "closed",
    };

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

    private static Uri WithQuery(Uri url)
    {
        var builder = new UriBuilder(url) { Query = "v=10&encoding=json" };
        return builder.Uri;
    }

    private static TimeSpan Backoff(int failures) => failures == 0
        ? TimeSpan.FromMilliseconds(250)
        : TimeSpan.FromSeconds(Math.Min(MaxBackoff.TotalSeconds, Math.Pow(2, failures - 1)) * (0.75 + (Random.Shared.NextDouble() / 2)));

    private sealed class Heartbeat(TimeSpan interval)
    {
        private int acked = 1;

        public TimeSpan Interval { get; } = interval;

        public bool Zombie { get; private set; }

        public void Acked() => Volatile.Write(ref acked, 1);

        /// <summary>True if the previous beat was acknowledged (or there was none); then a new beat is owed an ACK.</summary>
        public bool TryBeat()
        {
            if (Interlocked.Exchange(ref acked, 0) == 1)
            {
                return true;
            }

            Zombie = true;
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "This instance holds the Discord Gateway connection")]
    private static partial void LogHolding(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Discord Gateway connection failed: {Error}")]
    private static partial void LogConnectFailed(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Discord Gateway ready")]
    private static partial void LogReady(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Discord Gateway session resumed at sequence {Sequence}")]
    private static partial void LogResumed(ILogger logger, long sequence);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Discord Gateway heartbeat was not acknowledged; reconnecting to resume")]
    private static partial void LogZombie(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Discord asked the Gateway to reconnect (op 7)")]
    private static partial void LogReconnectRequested(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Discord Gateway session invalid (op 9); resumable: {Resumable}")]
    private static partial void LogInvalidSession(ILogger logger, bool resumable);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Discord Gateway closed with code {Code} ({Meaning}); not reconnecting. Fix the configuration and restart.")]
    private static partial void LogFatalClose(ILogger logger, int code, string meaning);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Answering a Gateway interaction failed: {Error}")]
    private static partial void LogCallbackFailed(ILogger logger, string error);
}
