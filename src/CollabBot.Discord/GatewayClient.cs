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
        await (resume ? SendResumeAsync(socket, stoppingToken) : SendIdentifyAsync(socket, stoppingToken));

        var beating = HeartbeatLoopAsync(socket, heartbeat, session);
        try
        {
            return await ReadEventsAsync(socket, heartbeat, session.Token, stoppingToken);
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

    private static Uri WithQuery(Uri url)
    {
        var builder = new UriBuilder(url) { Query = "v=10&encoding=json" };
        return builder.Uri;
    }

    private static TimeSpan Backoff(int failures) => failures == 0
        ? TimeSpan.FromMilliseconds(250)
        : TimeSpan.FromSeconds(Math.Min(MaxBackoff.TotalSeconds, Math.Pow(2, failures - 1)) * (0.75 + (Random.Shared.NextDouble() / 2)));
}
