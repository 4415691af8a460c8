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

    /// <summary>Once <paramref name="afterAccepting"/> of its posts have been accepted, <paramref name="instance"/>'s posts get no answer and are not recorded.</summary>
    public void Hold(string instance, int afterAccepting = 0) => holdAfter[instance] = afterAccepting;

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
        if (await HeldAsync(http, instance))
        {
            return;
        }

        JsonObject answer;
        var channel = method == "chat.postMessage" && Parse(body) is { } json ? json["channel"]?.GetValue<string>() : null;
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

        http.Response.ContentType = "application/json; charset=utf-8";
        await http.Response.WriteAsync(answer.ToJsonString(), http.RequestAborted);
    }

    private async Task DiscordAsync(HttpContext http, string instance, string channel)
    {
        var body = await ReadAsync(http);
        if (await HeldAsync(http, instance))
        {
            return;
        }

        if (http.Request.Headers.Authorization != $"Bot {DiscordBotToken}" || Parse(body) is null)
        {
            unexpected.Enqueue($"{instance} discord channels/{channel}/messages: wrong token or body {Truncate(body)}");
            http.Response.StatusCode = StatusCodes.Status401Unauthorized;
            http.Response.ContentType = "application/json";
            await http.Response.WriteAsync("""{"message": "401: Unauthorized", "code": 0}""", http.RequestAborted);
            return;
        }

        posts.Enqueue(new PlatformPost(instance, "discord", channel, body, TimeProvider.System.GetUtcNow()));
        var answer = new JsonObject
        {
            ["id"] = (1300000000000000000L + Interlocked.Increment(ref counter)).ToString(CultureInfo.InvariantCulture),
            ["channel_id"] = channel,
            ["type"] = 0,
            ["content"] = Parse(body)!["content"]?.DeepClone() ?? "",
            ["author"] = new JsonObject { ["id"] = "1200000000000000001", ["username"] = "CollabBot", ["bot"] = true },
        };
        http.Response.ContentType = "application/json";
        await http.Response.WriteAsync(answer.ToJsonString(), http.RequestAborted);
    }

    private async Task UnexpectedAsync(HttpContext http)
    {
        var body = await ReadAsync(http);
        unexpected.Enqueue($"{http.Request.Method} {http.Request.Path}: {Truncate(body)}");
        http.Response.StatusCode = StatusCodes.Status404NotFound;
    }

    /// <summary>A held post waits until its sender goes away (its connection drops) or the fake stops.</summary>
    private async Task<bool> HeldAsync(HttpContext http, string instance)
    {
        if (!holdAfter.TryGetValue(instance, out var limit) || seen.AddOrUpdate(instance, 1, (_, n) => n + 1) <= limit)
        {
            return false;
        }

        held.AddOrUpdate(instance, 1, (_, n) => n + 1);
        using var gone = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, stopping.Token);
        try
        {
            await Task.Delay(Timeout.Infinite, gone.Token);
        }
        catch (OperationCanceledException)
        {
        }

        return true;
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
