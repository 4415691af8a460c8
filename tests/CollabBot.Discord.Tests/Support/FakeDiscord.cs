using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using CollabBot.Tests.Shared;
using Microsoft.Extensions.Logging;

namespace CollabBot.Discord.Tests.Support;

/// <summary>One request the fake received, and what it answered.</summary>
public sealed record RecordedRequest(string Method, string Path, IReadOnlyDictionary<string, string> Headers, string Body, int Status, long ArrivedAt)
{
    public JsonNode? Json => Body.Length == 0 ? null : JsonNode.Parse(Body);

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    /// <summary>Monotonic time from <paramref name="earlier"/>'s arrival to this one's.</summary>
    public TimeSpan Since(RecordedRequest earlier) => Stopwatch.GetElapsedTime(earlier.ArrivedAt, ArrivedAt);
}

/// <summary>An answer the test scripts for the next matching request, instead of the fake's default.</summary>
public sealed record ScriptedResponse(int Status, string Body, IReadOnlyDictionary<string, string>? Headers = null)
{
    /// <summary>Discord's 429: JSON body with <c>retry_after</c> in seconds, the <c>Retry-After</c> header rounded up, and the bucket headers.</summary>
    public static ScriptedResponse RateLimited(double retryAfter, bool global = false, string bucket = "fake-bucket") => new(
        429,
        string.Create(CultureInfo.InvariantCulture, $$"""{"message":"You are being rate limited.","retry_after":{{retryAfter}},"global":{{(global ? "true" : "false")}}}"""),
        new Dictionary<string, string>
        {
            ["Retry-After"] = Math.Ceiling(retryAfter).ToString(CultureInfo.InvariantCulture),
            ["X-RateLimit-Limit"] = "5",
            ["X-RateLimit-Remaining"] = "0",
            ["X-RateLimit-Reset-After"] = retryAfter.ToString(CultureInfo.InvariantCulture),
            ["X-RateLimit-Bucket"] = bucket,
            ["X-RateLimit-Scope"] = global ? "global" : "user",
            ["X-RateLimit-Global"] = global ? "true" : "false",
        });

    /// <summary>A success that spends the bucket: <c>X-RateLimit-Remaining: 0</c> until <paramref name="resetAfter"/> seconds pass.</summary>
    public static ScriptedResponse LastInBucket(string body, double resetAfter, string bucket = "fake-bucket") => new(
        200,
        body,
        new Dictionary<string, string>
        {
            ["X-RateLimit-Limit"] = "5",
            ["X-RateLimit-Remaining"] = "0",
            ["X-RateLimit-Reset-After"] = resetAfter.ToString(CultureInfo.InvariantCulture),
            ["X-RateLimit-Bucket"] = bucket,
        });
}

/// <summary>
/// A fake Discord on 127.0.0.1 (random port), a real Kestrel server: the REST routes CollabBot calls under
/// <c>/api/v10/</c>, each request recorded with its headers and body, answers scriptable per request; and a
/// Gateway WebSocket (<c>/gateway</c>, and <c>/resume</c> to hand out as <c>resume_gateway_url</c>) whose
/// connections the test drives frame by frame.
/// </summary>
public sealed partial class FakeDiscord : IAsyncDisposable
{
    public const string BotToken = "fake-bot-token.not-a-real-discord-token";

    private static readonly TimeSpan DefaultWait = TimeSpan.FromSeconds(10);

    private readonly WebApplication app;
    private readonly Lock gate = new();
    private readonly List<RecordedRequest> requests = [];
    private readonly List<(string Method, Regex Path, ScriptedResponse Response)> script = [];
    private readonly List<(Func<RecordedRequest, bool> Match, TaskCompletionSource<RecordedRequest> Done)> waiters = [];
    private readonly Channel<GatewayConnection> connections = Channel.CreateUnbounded<GatewayConnection>();
    private readonly ConcurrentDictionary<string, string> dmChannels = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Channel, string Nonce), JsonObject> byNonce = new();
    private readonly ConcurrentQueue<JsonObject> created = new();
    private long nextId = 1_300_000_000_000_000_000;
    private int gatewayConnections;

    private FakeDiscord(WebApplication app)
    {
        this.app = app;
    }

    /// <summary>e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>What <c>Discord:ApiBaseUrl</c> points at.</summary>
    public string ApiBaseUrl => new Uri(BaseUrl, "api/v10/").AbsoluteUri;

    public Uri GatewayUrl => new UriBuilder(BaseUrl) { Scheme = "ws", Path = "/gateway" }.Uri;

    /// <summary>A different path, so a test can tell a resume (which must use <c>resume_gateway_url</c>) from a fresh connect.</summary>
    public Uri ResumeUrl => new UriBuilder(BaseUrl) { Scheme = "ws", Path = "/resume" }.Uri;

    public int GatewayConnectionCount => Volatile.Read(ref gatewayConnections);

    public IReadOnlyList<RecordedRequest> Requests
    {
        get
        {
            lock (gate)
            {
                return [.. requests];
            }
        }
    }

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, byte[]> cdn = new(StringComparer.Ordinal);

    /// <summary>A file on the fake's CDN, as <c>resolved.attachments[id].url</c> names it; fetched requests are recorded as <c>attachments/…</c>.</summary>
    public Uri AddAttachment(string id, string filename, byte[] content)
    {
        var path = $"attachments/{DiscordService.ChannelId}/{id}/{filename}";
        cdn[path] = content;
        return new Uri(BaseUrl, path + "?ex=6750c0de&is=674f6f5e&hm=0f1e2d3c4b5a69788796a5b4c3d2e1f0");
    }

    private async Task CdnAsync(HttpContext http)
    {
        var path = http.Request.Path.Value!.TrimStart('/');
        var headers = http.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var found = cdn.TryGetValue(path, out var content);
        lock (gate)
        {
            requests.Add(new RecordedRequest("GET", path, headers, "", found ? 200 : 404, Stopwatch.GetTimestamp()));
        }

        if (!found)
        {
            http.Response.StatusCode = 404;
            return;
        }

        http.Response.ContentType = "text/csv";
        http.Response.ContentLength = content!.Length;
        await http.Response.Body.WriteAsync(content, http.RequestAborted);
    }

    public static async Task<FakeDiscord> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0").UseShutdownTimeout(TimeSpan.FromSeconds(1));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeDiscord(app);
        app.UseWebSockets();
        app.Map("/gateway", fake.GatewayAsync);
        app.Map("/resume", fake.GatewayAsync);
        app.Map("/api/v10/{**path}", fake.RestAsync);
        app.MapGet("/attachments/{**path}", fake.CdnAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        fake.BaseUrl = new Uri(address.EndsWith('/') ? address : address + "/");
        return fake;
    }

    /// <summary>The next request with this method whose path (below <c>/api/v10/</c>) matches <paramref name="pathPattern"/> gets <paramref name="response"/>.</summary>
    public void Enqueue(string method, string pathPattern, ScriptedResponse response)
    {
        lock (gate)
        {
            script.Add((method, new Regex("^" + pathPattern + "$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)), response));
        }
    }

    /// <summary>The first request (already received or still to come) that matches.</summary>
    public Task<RecordedRequest> WaitForAsync(Func<RecordedRequest, bool> match, TimeSpan? timeout = null)
    {
        var done = new TaskCompletionSource<RecordedRequest>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (gate)
        {
            var seen = requests.FirstOrDefault(match);
            if (seen is not null)
            {
                return Task.FromResult(seen);
            }

            waiters.Add((match, done));
        }

        return done.Task.WaitAsync(timeout ?? DefaultWait);
    }

    public Task<RecordedRequest> WaitForAsync(string method, string pathPattern, TimeSpan? timeout = null)
    {
        var path = new Regex("^" + pathPattern + "$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        return WaitForAsync(r => r.Method == method && path.IsMatch(r.Path), timeout);
    }

    public IReadOnlyList<RecordedRequest> Matching(string method, string pathPattern)
    {
        var path = new Regex("^" + pathPattern + "$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        return [.. Requests.Where(r => r.Method == method && path.IsMatch(r.Path))];
    }

    /// <summary>The next Gateway WebSocket the service opens (in order of arrival).</summary>
    public Task<GatewayConnection> NextGatewayConnectionAsync(TimeSpan? timeout = null) =>
        connections.Reader.ReadAsync().AsTask().WaitAsync(timeout ?? DefaultWait);

    /// <summary>True if the service opens another Gateway connection within <paramref name="wait"/>.</summary>
    public async Task<bool> AnotherGatewayConnectionWithinAsync(TimeSpan wait)
    {
        using var timeout = new CancellationTokenSource(wait);
        try
        {
            return await connections.Reader.WaitToReadAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private async Task RestAsync(HttpContext http)
    {
        var path = (string?)http.GetRouteValue("path") ?? "";
        using var reader = new StreamReader(http.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync(http.RequestAborted);
        var arrived = Stopwatch.GetTimestamp();
        var headers = http.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var method = http.Request.Method;

        ScriptedResponse? response = null;
        lock (gate)
        {
            var index = script.FindIndex(s => s.Method == method && s.Path.IsMatch(path));
            if (index >= 0)
            {
                response = script[index].Response;
                script.RemoveAt(index);
            }
        }

        response ??= Default(method, path, body, headers);
        var recorded = new RecordedRequest(method, path, headers, body, response.Status, arrived);
        List<TaskCompletionSource<RecordedRequest>> woken;
        lock (gate)
        {
            requests.Add(recorded);
            woken = [.. waiters.Where(w => w.Match(recorded)).Select(w => w.Done)];
            waiters.RemoveAll(w => woken.Contains(w.Done));
        }

        http.Response.StatusCode = response.Status;
        foreach (var (name, value) in response.Headers ?? new Dictionary<string, string>())
        {
            http.Response.Headers[name] = value;
        }

        if (response.Body.Length > 0)
        {
            http.Response.ContentType = "application/json";
            await http.Response.WriteAsync(response.Body, http.RequestAborted);
        }

        foreach (var done in woken)
        {
            done.TrySetResult(recorded);
        }
    }

    /// <summary>What Discord answers when the test scripted nothing; routes that need the bot token check it.</summary>
    private ScriptedResponse Default(string method, string path, string body, IReadOnlyDictionary<string, string> headers)
    {
        var botRoute = !path.StartsWith("interactions/", StringComparison.Ordinal) && !path.StartsWith("webhooks/", StringComparison.Ordinal);
        if (botRoute && (!headers.TryGetValue("Authorization", out var auth) || auth != "Bot " + BotToken))
        {
            return new ScriptedResponse(401, """{"message":"401: Unauthorized","code":0}""");
        }

        var id = Interlocked.Increment(ref nextId).ToString(CultureInfo.InvariantCulture);
        switch (method)
        {
            case "POST" when ChannelMessages().Match(path) is { Success: true } m:
                return Json(200, CreateMessage(m.Groups[1].Value, id, body));
            case "POST" when path == "users/@me/channels":
                var recipient = JsonNode.Parse(body)?["recipient_id"]?.ToString() ?? "";
                var channel = dmChannels.GetOrAdd(recipient, _ => id);
                return Json(200, new JsonObject { ["id"] = channel, ["type"] = 1, ["recipients"] = new JsonArray(new JsonObject { ["id"] = recipient }) });
            case "POST" when InteractionCallback().IsMatch(path):
                return new ScriptedResponse(204, "");
            case "PATCH" when EditOriginal().IsMatch(path):
            case "POST" when Followup().IsMatch(path):
                return Json(200, new JsonObject { ["id"] = id, ["type"] = 20 });
            case "PUT" when BulkOverwrite().IsMatch(path):
                return new ScriptedResponse(200, body);
            case "GET" when path == "gateway/bot":
                return Json(200, new JsonObject
                {
                    ["url"] = GatewayUrl.AbsoluteUri.TrimEnd('/'),
                    ["shards"] = 1,
                    ["session_start_limit"] = new JsonObject { ["total"] = 1000, ["remaining"] = 999, ["reset_after"] = 14_400_000, ["max_concurrency"] = 1 },
                });
            default:
                return new ScriptedResponse(404, """{"message":"404: Not Found","code":0}""");
        }
    }

    /// <summary>
    /// Create message as Discord documents it: with <c>enforce_nonce</c>, a message by the bot with the same nonce in the
    /// same channel (Discord: within the past few minutes; here: ever) is answered again and no new message is made.
    /// </summary>
    private JsonObject CreateMessage(string channel, string id, string body)
    {
        var json = JsonNode.Parse(body) as JsonObject;
        var nonce = json?["nonce"]?.ToString();
        var enforce = json?["enforce_nonce"] is JsonValue e && e.TryGetValue<bool>(out var on) && on;
        var message = new JsonObject { ["id"] = id, ["channel_id"] = channel, ["type"] = 0, ["content"] = json?["content"]?.DeepClone(), ["nonce"] = nonce };
        if (enforce && nonce is not null)
        {
            var kept = byNonce.GetOrAdd((channel, nonce), message);
            if (!ReferenceEquals(kept, message))
            {
                return (JsonObject)kept.DeepClone();
            }
        }

        created.Enqueue(message);
        return (JsonObject)message.DeepClone();
    }

    /// <summary>The messages the fake made in <paramref name="channel"/> (not those a nonce turned into the earlier one), oldest first.</summary>
    public IReadOnlyList<JsonObject> CreatedMessages(string channel) =>
        [.. created.Where(m => m["channel_id"]?.ToString() == channel).Select(m => (JsonObject)m.DeepClone())];

    private static ScriptedResponse Json(int status, JsonObject body) => new(status, body.ToJsonString());

    private async Task GatewayAsync(HttpContext http)
    {
        if (!http.WebSockets.IsWebSocketRequest)
        {
            http.Response.StatusCode = 400;
            return;
        }

        using var socket = await http.WebSockets.AcceptWebSocketAsync();
        var connection = new GatewayConnection(socket, http.Request.Path.Value ?? "", http.Request.QueryString.Value ?? "");
        Interlocked.Increment(ref gatewayConnections);
        connections.Writer.TryWrite(connection);
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, app.Lifetime.ApplicationStopping);
        await connection.RunAsync(stopping.Token);
    }

    [GeneratedRegex(@"^channels/(\d+)/messages$")]
    private static partial Regex ChannelMessages();

    [GeneratedRegex(@"^interactions/\d+/[^/]+/callback$")]
    private static partial Regex InteractionCallback();

    [GeneratedRegex(@"^webhooks/\d+/[^/]+/messages/@original$")]
    private static partial Regex EditOriginal();

    [GeneratedRegex(@"^webhooks/\d+/[^/]+$")]
    private static partial Regex Followup();

    [GeneratedRegex(@"^applications/\d+/(guilds/\d+/)?commands$")]
    private static partial Regex BulkOverwrite();
}

/// <summary>
/// One Gateway connection as the fake Discord sees it. Frames from the client are queued for the test to
/// expect in order; heartbeats (op 1) are counted and, unless <see cref="AckHeartbeats"/> is turned off,
/// answered with op 11 at once, as Discord does.
/// </summary>
public sealed class GatewayConnection(WebSocket socket, string path, string query)
{
    private static readonly TimeSpan DefaultWait = TimeSpan.FromSeconds(10);

    private readonly Channel<JsonObject> received = Channel.CreateUnbounded<JsonObject>();
    private readonly SemaphoreSlim sendGate = new(1, 1);
    private readonly TaskCompletionSource<int?> clientClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int heartbeats;

    /// <summary><c>/gateway</c> or <c>/resume</c>.</summary>
    public string Path { get; } = path;

    /// <summary>e.g. <c>?v=10&amp;encoding=json</c>.</summary>
    public string Query { get; } = query;

    public bool AckHeartbeats { get; set; } = true;

    public int Heartbeats => Volatile.Read(ref heartbeats);

    /// <summary>Completes when the client closed (with its close code) or the connection dropped (null).</summary>
    public Task<int?> ClientClosed => clientClosed.Task;

    public Task SendAsync(JsonObject payload) => SendTextAsync(payload.ToJsonString());

    /// <summary>The docs' Hello (gateway-events.mdx, "Example Hello") with this heartbeat interval.</summary>
    public Task SendHelloAsync(int heartbeatIntervalMs) =>
        SendAsync(Fixture.Json("discord/gateway/hello.json").Set("d.heartbeat_interval", heartbeatIntervalMs));

    public Task SendDispatchAsync(string type, long sequence, JsonNode data) =>
        SendAsync(new JsonObject { ["op"] = 0, ["t"] = type, ["s"] = sequence, ["d"] = data });

    /// <summary>The next frame with opcode <paramref name="op"/>; heartbeats in between are skipped (they are counted and ACKed by the reader).</summary>
    public async Task<JsonObject> ExpectAsync(int op, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? DefaultWait);
        try
        {
            while (true)
            {
                var frame = await received.Reader.ReadAsync(cts.Token);
                var got = frame["op"]?.GetValue<int>();
                if (got == op)
                {
                    return frame;
                }

                if (got != 1)
                {
                    throw new InvalidOperationException($"Expected op {op} from the client, got {frame.ToJsonString()}");
                }
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"The client sent no op {op} within {timeout ?? DefaultWait}.");
        }
        catch (ChannelClosedException)
        {
            throw new InvalidOperationException($"The connection closed before the client sent op {op}.");
        }
    }

    /// <summary>Closes from Discord's side with <paramref name="code"/> (4000 to drop resumably, 4004 for a bad token...).</summary>
    public async Task CloseAsync(int code, string reason = "")
    {
        await sendGate.WaitAsync();
        try
        {
            if (socket.State == WebSocketState.Open)
            {
                await socket.CloseOutputAsync((WebSocketCloseStatus)code, reason, CancellationToken.None);
            }
        }
        finally
        {
            sendGate.Release();
        }
    }

    internal async Task RunAsync(CancellationToken cancellationToken)
    {
        var buffer = new byte[16 * 1024];
        using var message = new MemoryStream();
        try
        {
            while (true)
            {
                var result = await socket.ReceiveAsync(buffer, cancellationToken);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    clientClosed.TrySetResult((int?)result.CloseStatus);
                    if (socket.State == WebSocketState.CloseReceived)
                    {
                        await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "", CancellationToken.None);
                    }

                    return;
                }

                message.Write(buffer, 0, result.Count);
                if (!result.EndOfMessage)
                {
                    continue;
                }

                var text = Encoding.UTF8.GetString(message.GetBuffer(), 0, (int)message.Length);
                message.SetLength(0);
                if (JsonNode.Parse(text) is not JsonObject frame)
                {
                    continue;
                }

                if (frame["op"]?.GetValue<int>() == 1)
                {
                    Interlocked.Increment(ref heartbeats);
                    if (AckHeartbeats)
                    {
                        await SendTextAsync("""{"op":11}""");
                    }
                }

                received.Writer.TryWrite(frame);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
        {
            // The client went away without a close frame, or the fake is stopping.
            socket.Abort();
        }
        finally
        {
            clientClosed.TrySetResult(null);
            received.Writer.TryComplete();
        }
    }

    private async Task SendTextAsync(string text)
    {
        await sendGate.WaitAsync();
        try
        {
            if (socket.State == WebSocketState.Open)
            {
                await socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
            }
        }
        finally
        {
            sendGate.Release();
        }
    }
}
