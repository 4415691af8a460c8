using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CollabBot.IntegrationTests.Support;

/// <summary>One message a service instance got accepted by a platform: Slack's chat.postMessage or Discord's create message.</summary>
public sealed record PlatformPost(string Instance, string Platform, string Channel, string Body, DateTimeOffset At);

/// <summary>
/// Slack's Web API and Discord's REST API, as far as posting to a channel goes, on one Kestrel server at 127.0.0.1
/// (answers shaped as in tests/CollabBot.Slack.Tests/Support/FakeSlack.cs and Discord's create-message reference).
/// Each service instance is given base URLs of its own (<c>/{instance}/slack/api/</c>, <c>/{instance}/discord/api/v10/</c>)
/// so every post can be traced to the instance that sent it, and one instance's posts can be held: left unanswered
/// and unrecorded, as a platform that has not accepted them yet.
/// </summary>
public sealed class FakePlatforms : IAsyncDisposable
{
    public const string SlackBotToken = "xoxb-test-not-a-real-token";
    public const string DiscordBotToken = "discord-test-not-a-real-token";

    private readonly WebApplication app;
    private readonly ConcurrentQueue<PlatformPost> posts = new();
    private readonly ConcurrentQueue<string> unexpected = new();
    private readonly ConcurrentDictionary<string, int> held = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> seen = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> holdAfter = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> acceptsHeld = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Channel, string Nonce), JsonObject> byNonce = new();
    private readonly CancellationTokenSource stopping = new();
    private long counter;

    private FakePlatforms(WebApplication app)
    {
        this.app = app;
    }

    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>Every post accepted so far, in order of acceptance.</summary>
    public IReadOnlyList<PlatformPost> Posts => [.. posts];

    /// <summary>Requests that were not a well-formed post with the right token: any is a failure.</summary>
    public IReadOnlyList<string> Unexpected => [.. unexpected];

    public static async Task<FakePlatforms> StartAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var fake = new FakePlatforms(builder.Build());
        fake.app.MapPost("/{instance}/slack/api/{method}", fake.SlackAsync);
        fake.app.MapPost("/{instance}/discord/api/v10/channels/{channel}/messages", fake.DiscordAsync);
        fake.app.MapFallback(fake.UnexpectedAsync);
        await fake.app.StartAsync(cancellationToken);
        var address = fake.app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        fake.BaseUrl = new Uri(address.EndsWith('/') ? address : address + "/");
        return fake;
    }

    public Uri SlackApiBaseUrl(string instance) => new(BaseUrl, $"{instance}/slack/api/");

    public Uri DiscordApiBaseUrl(string instance) => new(BaseUrl, $"{instance}/discord/api/v10/");

    /// <summary>
    /// Once <paramref name="afterAccepting"/> of its posts have been answered, <paramref name="instance"/>'s posts get no
    /// answer. With <paramref name="acceptHeld"/> they are accepted all the same (recorded, in the channel's history): the
    /// instance dies, if it is killed then, in the window between the platform accepting a post and the outbox row being
    /// marked sent. Without it they are not recorded, as posts the platform has not accepted yet.
    /// </summary>
    public void Hold(string instance, int afterAccepting = 0, bool acceptHeld = false)
    {
        holdAfter[instance] = afterAccepting;
        acceptsHeld[instance] = acceptHeld;
    }

    /// <summary>How many of <paramref name="instance"/>'s posts are being held.</summary>
    public int Held(string instance) => held.TryGetValue(instance, out var n) ? n : 0;

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2)))
        {
            await app.StopAsync(timeout.Token);
        }

        await app.DisposeAsync();
        stopping.Dispose();
    }

    private async Task SlackAsync(HttpContext http, string instance, string method)
    {
        var body = await ReadAsync(http);
        if (method == "conversations.history")
        {
            http.Response.ContentType = "application/json; charset=utf-8";
            await http.Response.WriteAsync(History(http, instance, body).ToJsonString(), http.RequestAborted);
            return;
        }

        var holding = Holding(instance);
        if (holding && !acceptsHeld.GetValueOrDefault(instance))
        {
            await HoldAsync(http);
            return;
        }

        JsonObject answer;
        var json = method == "chat.postMessage" ? Parse(body) : null;
        var channel = json?["channel"]?.GetValue<string>();
        if (http.Request.Headers.Authorization != $"Bearer {SlackBotToken}")
        {
            unexpected.Enqueue($"{instance} slack {method}: wrong token");
            answer = new JsonObject { ["ok"] = false, ["error"] = "invalid_auth" };
        }
        else if (string.IsNullOrEmpty(channel))
        {
            unexpected.Enqueue($"{instance} slack {method}: {Truncate(body)}");
            answer = new JsonObject { ["ok"] = false, ["error"] = method == "chat.postMessage" ? "channel_not_found" : "unknown_method" };
        }
        else
        {
            posts.Enqueue(new PlatformPost(instance, "slack", channel, body, TimeProvider.System.GetUtcNow()));
            var ts = string.Create(CultureInfo.InvariantCulture, $"1700000000.{Interlocked.Increment(ref counter):D6}");
            answer = new JsonObject
            {
                ["ok"] = true,
                ["channel"] = channel,
                ["ts"] = ts,
                ["message"] = new JsonObject { ["type"] = "message", ["subtype"] = "bot_message", ["ts"] = ts, ["bot_id"] = "B0TESTBOT1" },
            };
        }

        if (holding)
        {
            await HoldAsync(http);
            return;
        }

        http.Response.ContentType = "application/json; charset=utf-8";
        await http.Response.WriteAsync(answer.ToJsonString(), http.RequestAborted);
    }

    /// <summary>
    /// <c>conversations.history</c> of a channel from the accepted posts (form fields <c>channel</c>, <c>oldest</c> in
    /// seconds, <c>include_all_metadata</c>), newest first, each with the metadata it was posted with; one page.
    /// </summary>
    private JsonObject History(HttpContext http, string instance, string body)
    {
        var form = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery("?" + body);
        if (http.Request.Headers.Authorization != $"Bearer {SlackBotToken}" || !form.TryGetValue("channel", out var channel))
        {
            unexpected.Enqueue($"{instance} slack conversations.history: {Truncate(body)}");
            return new JsonObject { ["ok"] = false, ["error"] = "invalid_auth" };
        }

        var oldest = form.TryGetValue("oldest", out var o) && double.TryParse(o.ToString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds)
            ? DateTimeOffset.FromUnixTimeMilliseconds((long)(seconds * 1000))
            : DateTimeOffset.MinValue;
        var withMetadata = form.TryGetValue("include_all_metadata", out var m) && m.ToString() == "true";
        var messages = new JsonArray();
        foreach (var post in posts.Where(p => p.Platform == "slack" && p.Channel == channel.ToString() && p.At >= oldest).Reverse())
        {
            var message = new JsonObject { ["type"] = "message", ["subtype"] = "bot_message", ["bot_id"] = "B0TESTBOT1" };
            if (withMetadata && Parse(post.Body)?["metadata"] is JsonObject metadata)
            {
                message["metadata"] = metadata.DeepClone();
            }

            messages.Add(message);
        }

        return new JsonObject { ["ok"] = true, ["messages"] = messages, ["has_more"] = false };
    }

    private async Task DiscordAsync(HttpContext http, string instance, string channel)
    {
        var body = await ReadAsync(http);
        var holding = Holding(instance);
        if (holding && !acceptsHeld.GetValueOrDefault(instance))
        {
            await HoldAsync(http);
            return;
        }

        var json = Parse(body);
        if (http.Request.Headers.Authorization != $"Bot {DiscordBotToken}" || json is null)
        {
            unexpected.Enqueue($"{instance} discord channels/{channel}/messages: wrong token or body {Truncate(body)}");
            http.Response.StatusCode = StatusCodes.Status401Unauthorized;
            http.Response.ContentType = "application/json";
            await http.Response.WriteAsync("""{"message": "401: Unauthorized", "code": 0}""", http.RequestAborted);
            return;
        }

        var answer = new JsonObject
        {
            ["id"] = (1300000000000000000L + Interlocked.Increment(ref counter)).ToString(CultureInfo.InvariantCulture),
            ["channel_id"] = channel,
            ["type"] = 0,
            ["content"] = json["content"]?.DeepClone() ?? "",
            ["nonce"] = json["nonce"]?.DeepClone(),
            ["author"] = new JsonObject { ["id"] = "1200000000000000001", ["username"] = "CollabBot", ["bot"] = true },
        };

        // enforce_nonce: a message by the bot with the same nonce in the channel is answered again, not made twice.
        var nonce = json["nonce"]?.ToString();
        var enforced = json["enforce_nonce"] is JsonValue e && e.TryGetValue<bool>(out var on) && on && nonce is not null;
        if (!enforced || ReferenceEquals(byNonce.GetOrAdd((channel, nonce!), answer), answer))
        {
            posts.Enqueue(new PlatformPost(instance, "discord", channel, body, TimeProvider.System.GetUtcNow()));
        }
        else
        {
            answer = byNonce[(channel, nonce!)];
        }

        if (holding)
        {
            await HoldAsync(http);
            return;
        }

        http.Response.ContentType = "application/json";
        await http.Response.WriteAsync(answer.ToJsonString(), http.RequestAborted);
    }

    private async Task UnexpectedAsync(HttpContext http)
    {
        var body = await ReadAsync(http);
        unexpected.Enqueue($"{http.Request.Method} {http.Request.Path}: {Truncate(body)}");
        http.Response.StatusCode = StatusCodes.Status404NotFound;
    }

    /// <summary>Whether this request of <paramref name="instance"/> is one to hold (counted in <see cref="Held"/>).</summary>
    private bool Holding(string instance)
    {
        if (!holdAfter.TryGetValue(instance, out var limit) || seen.AddOrUpdate(instance, 1, (_, n) => n + 1) <= limit)
        {
            return false;
        }

        held.AddOrUpdate(instance, 1, (_, n) => n + 1);
        return true;
    }

    /// <summary>A held request waits, unanswered, until its sender goes away (its connection drops) or the fake stops.</summary>
    private async Task HoldAsync(HttpContext http)
    {
        using var gone = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, stopping.Token);
        try
        {
            await Task.Delay(Timeout.Infinite, gone.Token);
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static async Task<string> ReadAsync(HttpContext http)
    {
        using var reader = new StreamReader(http.Request.Body, Encoding.UTF8);
        return await reader.ReadToEndAsync(http.RequestAborted);
    }

    private static JsonObject? Parse(string body)
    {
        try
        {
            return JsonNode.Parse(body) as JsonObject;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    private static string Truncate(string s) => s.Length > 200 ? s[..200] + "…" : s;
}
