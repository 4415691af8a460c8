using System.Collections.Concurrent;
using System.Globalization;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Primitives;

using CollabBot.Tests.Shared;

namespace CollabBot.Slack.Tests.Support;

/// <summary>One HTTP request the service made to the fake: a Web API call or a response_url post.</summary>
public sealed record SlackRequest(string Method, string Path, IReadOnlyDictionary<string, string> Headers, string Body, DateTimeOffset At)
{
    /// <summary>The Authorization header as sent, e.g. <c>Bearer xoxb-…</c>; empty when absent.</summary>
    public string Authorization => Headers.TryGetValue("Authorization", out var value) ? value : "";

    public string ContentType => Headers.TryGetValue("Content-Type", out var value) ? value : "";

    /// <summary>The body as JSON (chat.postMessage, response_url posts).</summary>
    public JsonObject Json => JsonNode.Parse(Body) as JsonObject ?? throw new InvalidOperationException($"{Method} body is not a JSON object: {Body}");

    /// <summary>The body as form fields (users.info, conversations.info, apps.connections.open).</summary>
    public IReadOnlyDictionary<string, StringValues> Form => new FormReader(Body).ReadForm();

    /// <summary>The <c>channel</c> argument, whichever way it was sent.</summary>
    public string? Channel => ContentType.StartsWith("application/json", StringComparison.Ordinal)
        ? Json["channel"]?.GetValue<string>()
        : Form.TryGetValue("channel", out var c) ? c.ToString() : null;
}

/// <summary>What the fake answers a scripted call with instead of its normal response (a null body: the normal answer, after <see cref="Delay"/>).</summary>
public sealed record ScriptedResponse(int Status, string? Body, TimeSpan? RetryAfter = null, TimeSpan Delay = default, bool AcceptWithoutAnswer = false)
{
    /// <summary>
    /// Slack accepts the call (a post is in the channel from then on) but its answer never reaches the caller: the
    /// connection hangs until the caller gives up, as when the caller's process dies just after Slack accepted.
    /// </summary>
    public static ScriptedResponse AcceptedButUnanswered() => new(200, null, AcceptWithoutAnswer: true);

    /// <summary>The normal answer, but only after <paramref name="delay"/>: a slow Slack.</summary>
    public static ScriptedResponse Slow(TimeSpan delay) => new(200, null, Delay: delay);

    public static ScriptedResponse RateLimited(int seconds) =>
        new(429, """{"ok":false,"error":"ratelimited"}""", TimeSpan.FromSeconds(seconds));

    public static ScriptedResponse Error(string code) => new(200, new JsonObject { ["ok"] = false, ["error"] = code }.ToJsonString());
}

/// <summary>A user the fake's <c>users.info</c> knows, with the fields Slack's user object carries.</summary>
public sealed record FakeSlackUser(string Id, string TeamId, string Name, string RealName, string? FirstName = null, string? LastName = null, string Tz = "Europe/Zurich");

/// <summary>
/// A fake Slack on a real Kestrel server at 127.0.0.1 (random port): the Web API methods CollabBot calls, answered
/// the way Slack documents them (HTTP 200 with <c>{"ok":true,…}</c> or <c>{"ok":false,"error":…}</c>, 429 with
/// <c>Retry-After</c> when scripted), response_url endpoints that record posts, and a Socket Mode WebSocket
/// whose every connection a test drives by hand. Every request is recorded.
/// </summary>
public sealed class FakeSlack : IAsyncDisposable
{
    public const string TeamId = "T0DEMO";
    public const string AppId = "A0TESTAPP1";

    private readonly WebApplication app;
    private readonly ConcurrentQueue<SlackRequest> requests = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<ScriptedResponse>> scripts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, FakeSlackUser> users = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ConcurrentQueue<(DateTimeOffset At, JsonObject Message)>> history = new(StringComparer.Ordinal);
    private readonly Channel<FakeSocket> sockets = Channel.CreateUnbounded<FakeSocket>();
    private readonly ConcurrentBag<FakeSocket> allSockets = [];
    private readonly CancellationTokenSource stopping = new();
    private int messageCounter;

    private FakeSlack(WebApplication app)
    {
        this.app = app;
    }

    /// <summary>Where the service's <c>Slack:ApiBaseUrl</c> points, e.g. <c>http://127.0.0.1:54321/api/</c>.</summary>
    public Uri ApiBaseUrl => new(BaseUrl, "api/");

    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>The bot token the fake accepts for bot methods; others get <c>invalid_auth</c>.</summary>
    public static string BotToken => SlackService.BotToken;

    /// <summary>The app-level token the fake accepts for <c>apps.connections.open</c>.</summary>
    public static string AppToken => SlackService.AppToken;

    public IReadOnlyList<SlackRequest> Requests => [.. requests];

    public static async Task<FakeSlack> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var fake = new FakeSlack(builder.Build());
        fake.Map();
        await fake.app.StartAsync();
        var address = fake.app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        fake.BaseUrl = new Uri(address.EndsWith('/') ? address : address + "/");
        return fake;
    }

    public void AddUser(FakeSlackUser user) => users[user.Id] = user;

    /// <summary>The next call of <paramref name="method"/> gets <paramref name="response"/> instead of the normal answer.</summary>
    public void ScriptNext(string method, ScriptedResponse response) =>
        scripts.GetOrAdd(method, _ => new ConcurrentQueue<ScriptedResponse>()).Enqueue(response);

    /// <summary>A fresh response_url on this fake, e.g. <c>http://127.0.0.1:54321/commands/T0DEMO/1/abc</c>.</summary>
    public string NewResponseUrl() => new Uri(BaseUrl, $"commands/{TeamId}/{Interlocked.Increment(ref messageCounter)}/{Guid.NewGuid():N}").ToString();

    public IReadOnlyList<SlackRequest> Calls(string method) => [.. requests.Where(r => r.Method == method)];

    /// <summary>The messages in a conversation (a channel id, or <c>D…</c> for the direct messages with user <c>U…</c>), oldest first, as <c>conversations.history</c> would list them with their metadata.</summary>
    public IReadOnlyList<JsonObject> History(string channel) =>
        history.TryGetValue(channel, out var messages) ? [.. messages.Select(m => (JsonObject)m.Message.DeepClone())] : [];

    public IReadOnlyList<SlackRequest> ResponseUrlPosts(string responseUrl) => [.. requests.Where(r => IsPostTo(r, responseUrl))];

    /// <summary>Polls the recorded requests until <paramref name="condition"/> holds, or fails after <paramref name="timeout"/>.</summary>
    public async Task<IReadOnlyList<SlackRequest>> WaitForAsync(Func<IReadOnlyList<SlackRequest>, bool> condition, TimeSpan? timeout = null, string? what = null)
    {
        var deadline = TimeProvider.System.GetUtcNow() + (timeout ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            var snapshot = Requests;
            if (condition(snapshot))
            {
                return snapshot;
            }

            if (TimeProvider.System.GetUtcNow() > deadline)
            {
                throw new TimeoutException($"Fake Slack did not see {what ?? "the expected requests"}; it saw: {string.Join(", ", snapshot.Select(r => r.Method))}");
            }

            await Task.Delay(10);
        }
    }

    /// <summary>Waits for the first post to a response_url (slow commands, button presses).</summary>
    public async Task<SlackRequest> WaitForResponseUrlPostAsync(string responseUrl, TimeSpan? timeout = null) =>
        (await WaitForAsync(r => r.Any(x => IsPostTo(x, responseUrl)), timeout, $"a post to {responseUrl}")).First(x => IsPostTo(x, responseUrl));

    /// <summary>The next Socket Mode connection the service opens.</summary>
    public async Task<FakeSocket> AcceptSocketAsync(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        try
        {
            return await sockets.Reader.ReadAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException("The service did not open a Socket Mode connection in time.");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        foreach (var socket in allSockets)
        {
            socket.Abort();
        }

        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2)))
        {
            await app.StopAsync(timeout.Token);
        }

        await app.DisposeAsync();
        stopping.Dispose();
    }

    private bool IsPostTo(SlackRequest request, string responseUrl) =>
        request.Method == "response_url" && new Uri(BaseUrl, request.Path).ToString() == responseUrl;

    private void Map()
    {
        app.UseWebSockets();
        app.MapPost("/api/{method}", ApiAsync);
        app.MapPost("/commands/{team}/{id}/{token}", ResponseUrlAsync);
        app.MapPost("/actions/{team}/{id}/{token}", ResponseUrlAsync);
        app.Map("/link", SocketAsync);
        app.MapGet("/files-pri/{**path}", FileAsync);
    }

    private readonly ConcurrentDictionary<string, Func<HttpContext, Task>> files = new(StringComparer.Ordinal);

    /// <summary>
    /// A file on the fake's file host, as Slack serves <c>url_private_download</c>: only with the bot token
    /// (otherwise 302 to a login page, as Slack does), recorded as method <c>file</c>. Returns its address.
    /// </summary>
    public Uri AddFile(string name, byte[] content)
    {
        var path = $"files-pri/{TeamId}-F{Interlocked.Increment(ref messageCounter):D8}/download/{name}";
        files[path] = async http =>
        {
            if (http.Request.Headers.Authorization.ToString() != "Bearer " + BotToken)
            {
                http.Response.Redirect("/signin");
                return;
            }

            http.Response.ContentType = "text/csv";
            http.Response.ContentLength = content.Length;
            await http.Response.Body.WriteAsync(content, http.RequestAborted);
        };
        return new Uri(BaseUrl, path);
    }

    /// <summary>A file address on the fake's file host that redirects to <paramref name="location"/>.</summary>
    public Uri AddRedirect(string name, Uri location)
    {
        var path = $"files-pri/{TeamId}-F{Interlocked.Increment(ref messageCounter):D8}/download/{name}";
        files[path] = http =>
        {
            http.Response.Redirect(location.ToString());
            return Task.CompletedTask;
        };
        return new Uri(BaseUrl, path);
    }

    private async Task FileAsync(HttpContext http)
    {
        await RecordAsync(http, "file");
        if (files.TryGetValue(http.Request.Path.Value!.TrimStart('/'), out var serve))
        {
            await serve(http);
        }
        else
        {
            http.Response.StatusCode = 404;
        }
    }

    private async Task<SlackRequest> RecordAsync(HttpContext http, string method)
    {
        using var reader = new StreamReader(http.Request.Body, Encoding.UTF8);
        string body;
        try
        {
            body = await reader.ReadToEndAsync(http.RequestAborted);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException)
        {
            // The client gave up before its body was read (an attempt timeout on a loaded machine): the call was still made.
            body = "";
        }

        var headers = http.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var request = new SlackRequest(method, http.Request.Path.Value!.TrimStart('/') + http.Request.QueryString, headers, body, TimeProvider.System.GetUtcNow());
        requests.Enqueue(request);
        return request;
    }

    private async Task ApiAsync(HttpContext http, string method)
    {
        var request = await RecordAsync(http, method);
        ScriptedResponse? scripted = null;
        if (scripts.TryGetValue(method, out var queue) && queue.TryDequeue(out scripted))
        {
            if (scripted.Delay > TimeSpan.Zero)
            {
                await Task.Delay(scripted.Delay, http.RequestAborted);
            }
        }

        if (scripted is { AcceptWithoutAnswer: true })
        {
            _ = Answer(method, request);
            using var gone = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, stopping.Token);
            try
            {
                await Task.Delay(Timeout.Infinite, gone.Token);
            }
            catch (OperationCanceledException)
            {
            }

            return;
        }

        if (scripted is { Body: not null })
        {
            http.Response.StatusCode = scripted.Status;
            if (scripted.RetryAfter is { } retryAfter)
            {
                http.Response.Headers.RetryAfter = ((int)retryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
            }

            http.Response.ContentType = "application/json; charset=utf-8";
            await http.Response.WriteAsync(scripted.Body, http.RequestAborted);
            return;
        }

        var answer = request.ContentType.StartsWith("application/json", StringComparison.Ordinal) && !IsJsonObject(request.Body)
            ? Error("invalid_json")
            : Answer(method, request);
        http.Response.ContentType = "application/json; charset=utf-8";
        await http.Response.WriteAsync(answer.ToJsonString(), http.RequestAborted);
    }

    /// <summary>Slack answers HTTP 200 with <c>ok</c> true or false; shapes follow the method reference pages.</summary>
    private JsonObject Answer(string method, SlackRequest request)
    {
        var token = request.Authorization.StartsWith("Bearer ", StringComparison.Ordinal) ? request.Authorization["Bearer ".Length..] : null;
        if (token is null)
        {
            return Error("not_authed");
        }

        var expected = method == "apps.connections.open" ? AppToken : BotToken;
        if (token != expected)
        {
            return Error(method == "apps.connections.open" && token.StartsWith("xoxb-", StringComparison.Ordinal) ? "not_allowed_token_type" : "invalid_auth");
        }

        switch (method)
        {
            case "chat.postMessage":
            {
                var body = request.Json;
                var channel = body["channel"]?.GetValue<string>();
                if (string.IsNullOrEmpty(channel))
                {
                    return Error("channel_not_found");
                }

                if (body["text"] is null && body["blocks"] is null)
                {
                    return Error("no_text");
                }

                var ts = NextTs();
                var conversation = channel.StartsWith('U') ? "D" + channel[1..] : channel;
                var message = new JsonObject
                {
                    ["type"] = "message",
                    ["subtype"] = "bot_message",
                    ["text"] = body["text"]?.DeepClone(),
                    ["ts"] = ts,
                    ["bot_id"] = "B0TESTBOT1",
                    ["blocks"] = body["blocks"]?.DeepClone(),
                };
                if (body["metadata"] is JsonObject metadata)
                {
                    // Slack keeps event_type and event_payload and returns them with include_all_metadata.
                    message["metadata"] = new JsonObject { ["event_type"] = metadata["event_type"]?.DeepClone(), ["event_payload"] = metadata["event_payload"]?.DeepClone() };
                }

                history.GetOrAdd(conversation, _ => new()).Enqueue((request.At, (JsonObject)message.DeepClone()));
                return new JsonObject { ["ok"] = true, ["channel"] = conversation, ["ts"] = ts, ["message"] = message };
            }

            case "conversations.open":
            {
                var user = request.Form.TryGetValue("users", out var u) ? u.ToString() : "";
                return user.StartsWith('U') && !user.Contains(',', StringComparison.Ordinal)
                    ? new JsonObject { ["ok"] = true, ["channel"] = new JsonObject { ["id"] = "D" + user[1..] } }
                    : Error("user_not_found");
            }

            case "conversations.history":
                return HistoryPage(request.Form);

            case "chat.postEphemeral":
                return request.Json["user"] is null ? Error("user_not_found") : new JsonObject { ["ok"] = true, ["message_ts"] = NextTs() };
            case "users.info":
            {
                var id = request.Form.TryGetValue("user", out var u) ? u.ToString() : "";
                if (!users.TryGetValue(id, out var user))
                {
                    return Error("user_not_found");
                }

                return new JsonObject
                {
                    ["ok"] = true,
                    ["user"] = new JsonObject
                    {
                        ["id"] = user.Id,
                        ["team_id"] = user.TeamId,
                        ["name"] = user.Name,
                        ["deleted"] = false,
                        ["real_name"] = user.RealName,
                        ["tz"] = user.Tz,
                        ["tz_label"] = "Central European Time",
                        ["tz_offset"] = 3600,
                        ["profile"] = new JsonObject
                        {
                            ["real_name"] = user.RealName,
                            ["real_name_normalized"] = user.RealName,
                            ["display_name"] = user.Name,
                            ["display_name_normalized"] = user.Name,
                            ["first_name"] = user.FirstName,
                            ["last_name"] = user.LastName,
                            ["team"] = user.TeamId,
                        },
                        ["is_admin"] = false,
                        ["is_bot"] = false,
                        ["updated"] = 1502138686,
                    },
                };
            }

            case "conversations.info":
            {
                var id = request.Form.TryGetValue("channel", out var c) ? c.ToString() : "";
                return id.Length == 0
                    ? Error("channel_not_found")
                    : new JsonObject
                    {
                        ["ok"] = true,
                        ["channel"] = new JsonObject
                        {
                            ["id"] = id,
                            ["name"] = "wg-" + id.ToLowerInvariant(),
                            ["is_channel"] = true,
                            ["is_private"] = false,
                            ["is_archived"] = false,
                            ["is_member"] = true,
                        },
                    };
            }

            case "apps.connections.open":
                var ws = new UriBuilder(BaseUrl) { Scheme = "ws", Path = "/link/", Query = $"ticket={Guid.NewGuid()}&app_id={AppId}" };
                return new JsonObject { ["ok"] = true, ["url"] = ws.Uri.ToString() };
            default:
                return Error("unknown_method");
        }
    }

    private async Task ResponseUrlAsync(HttpContext http)
    {
        var request = await RecordAsync(http, "response_url");
        if (scripts.TryGetValue("response_url", out var queue) && queue.TryDequeue(out var scripted))
        {
            http.Response.StatusCode = scripted.Status;
            await http.Response.WriteAsync(scripted.Body ?? "ok", http.RequestAborted);
            return;
        }

        // Slack answers a good response_url post with a bare "ok", and refuses one whose body is not a JSON message.
        var valid = IsJsonObject(request.Body);
        http.Response.StatusCode = valid ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest;
        http.Response.ContentType = "text/plain";
        await http.Response.WriteAsync(valid ? "ok" : "invalid_payload", http.RequestAborted);
    }

    private async Task SocketAsync(HttpContext http)
    {
        if (!http.WebSockets.IsWebSocketRequest)
        {
            http.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        await RecordAsync(http, "websocket");
        using var webSocket = await http.WebSockets.AcceptWebSocketAsync();
        var socket = new FakeSocket(webSocket, http.Request.QueryString.Value ?? "");
        allSockets.Add(socket);
        await sockets.Writer.WriteAsync(socket, stopping.Token);
        await socket.RunAsync(stopping.Token);
    }

    /// <summary>
    /// <c>conversations.history</c>: newest first, messages at or after <c>oldest</c> (Slack's seconds, compared with
    /// when the fake accepted each post), <c>limit</c> a page with a <c>next_cursor</c>, metadata only with
    /// <c>include_all_metadata=true</c>.
    /// </summary>
    private JsonObject HistoryPage(IReadOnlyDictionary<string, StringValues> form)
    {
        var channel = form.TryGetValue("channel", out var c) ? c.ToString() : "";
        if (channel.Length == 0)
        {
            return Error("channel_not_found");
        }

        var oldest = form.TryGetValue("oldest", out var o) && double.TryParse(o.ToString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds)
            ? DateTimeOffset.FromUnixTimeMilliseconds((long)(seconds * 1000))
            : DateTimeOffset.MinValue;
        var limit = form.TryGetValue("limit", out var l) && int.TryParse(l.ToString(), CultureInfo.InvariantCulture, out var n) ? Math.Clamp(n, 1, 999) : 100;
        var skip = form.TryGetValue("cursor", out var k) && int.TryParse(k.ToString(), CultureInfo.InvariantCulture, out var from) ? from : 0;
        var withMetadata = form.TryGetValue("include_all_metadata", out var m) && m.ToString() == "true";
        var matching = (history.TryGetValue(channel, out var all) ? all.ToArray() : []).Where(x => x.At >= oldest).Reverse().ToList();
        var page = new JsonArray();
        foreach (var (_, message) in matching.Skip(skip).Take(limit))
        {
            var copy = (JsonObject)message.DeepClone();
            if (!withMetadata)
            {
                copy.Remove("metadata");
            }

            page.Add(copy);
        }

        var more = skip + limit < matching.Count;
        return new JsonObject
        {
            ["ok"] = true,
            ["messages"] = page,
            ["has_more"] = more,
            ["response_metadata"] = new JsonObject { ["next_cursor"] = more ? (skip + limit).ToString(CultureInfo.InvariantCulture) : "" },
        };
    }

    private string NextTs() => string.Create(CultureInfo.InvariantCulture, $"1700000000.{Interlocked.Increment(ref messageCounter):D6}");

    private static JsonObject Error(string code) => new() { ["ok"] = false, ["error"] = code };

    private static bool IsJsonObject(string body)
    {
        try
        {
            return JsonNode.Parse(body) is JsonObject;
        }
        catch (System.Text.Json.JsonException)
        {
            return false;
        }
    }
}

/// <summary>
/// One Socket Mode connection, server side: the test sends what Slack would (hello, envelopes, disconnect) and
/// reads what the service sends back (acks). Messages from the service queue up until read.
/// </summary>
public sealed class FakeSocket(WebSocket socket, string query)
{
    private readonly Channel<string> received = Channel.CreateUnbounded<string>();
    private readonly SemaphoreSlim sendGate = new(1, 1);
    private readonly TaskCompletionSource done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The query string the service connected with (the ticket from apps.connections.open).</summary>
    public string Query { get; } = query;

    /// <summary>Completes when the connection is over (the service closed it, or the test closed or aborted it).</summary>
    public Task Closed => done.Task;

    /// <summary>Slack's <c>hello</c> (captured by the Java SDK), for this app and this many connections.</summary>
    public Task SendHelloAsync(int connections = 1) => SendAsync(Fixture.Json("slack/socket-mode/hello.json")
        .Set("num_connections", connections)
        .Set("connection_info.app_id", FakeSlack.AppId));

    /// <summary>Slack's <c>disconnect</c> (the docs' example) with this reason: warning, refresh_requested, link_disabled.</summary>
    public Task SendDisconnectAsync(string reason) => SendAsync(Fixture.Json("slack/socket-mode/disconnect.json").Set("reason", reason));

    /// <summary>Sends an envelope as Slack does (the captured one of this type, with this payload) and returns its envelope_id.</summary>
    public async Task<string> SendEnvelopeAsync(string type, JsonObject payload, bool acceptsResponsePayload = true)
    {
        var envelopeId = Guid.NewGuid().ToString();
        await SendAsync(SlackPayloads.Envelope(type)
            .Set("envelope_id", envelopeId)
            .Set("payload", payload.DeepClone())
            .Set("accepts_response_payload", acceptsResponsePayload));
        return envelopeId;
    }

    public async Task SendAsync(JsonObject message)
    {
        await sendGate.WaitAsync();
        try
        {
            await socket.SendAsync(Encoding.UTF8.GetBytes(message.ToJsonString()), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
        }
        finally
        {
            sendGate.Release();
        }
    }

    /// <summary>The next message from the service, as JSON; fails after <paramref name="timeout"/>.</summary>
    public async Task<JsonObject> ReceiveAsync(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        try
        {
            var text = await received.Reader.ReadAsync(cts.Token);
            return JsonNode.Parse(text) as JsonObject ?? throw new InvalidOperationException($"Not a JSON object: {text}");
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException("The service sent nothing on the Socket Mode connection in time.");
        }
        catch (ChannelClosedException)
        {
            throw new InvalidOperationException("The Socket Mode connection closed before the service sent anything.");
        }
    }

    /// <summary>A clean close from Slack's side (close frame), as after a refresh.</summary>
    public async Task CloseAsync()
    {
        await sendGate.WaitAsync();
        try
        {
            if (socket.State == WebSocketState.Open)
            {
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "closing", CancellationToken.None);
            }
        }
        finally
        {
            sendGate.Release();
        }
    }

    /// <summary>Drops the TCP connection with no close frame: a network failure as the client sees it.</summary>
    public void Abort()
    {
        socket.Abort();
        done.TrySetResult();
    }

    internal async Task RunAsync(CancellationToken cancellationToken)
    {
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        try
        {
            while (!done.Task.IsCompleted)
            {
                var result = await socket.ReceiveAsync(buffer, cancellationToken);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    if (socket.State == WebSocketState.CloseReceived)
                    {
                        await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None);
                    }

                    break;
                }

                message.Write(buffer, 0, result.Count);
                if (result.EndOfMessage)
                {
                    await received.Writer.WriteAsync(Encoding.UTF8.GetString(message.GetBuffer(), 0, (int)message.Length), cancellationToken);
                    message.SetLength(0);
                }
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The connection was aborted by one side; the test sees it as Closed.
        }
        finally
        {
            received.Writer.TryComplete();
            done.TrySetResult();
        }
    }
}
