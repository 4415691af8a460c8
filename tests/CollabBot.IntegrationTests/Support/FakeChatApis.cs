using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CollabBot.IntegrationTests.Support;

/// <summary>One request the service made to <see cref="FakeChatApis"/>, and the status it got.</summary>
public sealed record ChatApiCall(string Key, string Path, int Status);

/// <summary>
/// Slack's Web API (<c>/slack/api/{method}</c>), Slack response_urls (<c>/slack/respond/{id}</c>) and Discord's REST API
/// (<c>/discord/api/v10/…</c>) on one Kestrel server at 127.0.0.1, answering as the platforms document (Slack: 200 with
/// <c>ok</c>; Discord: JSON error bodies with <c>code</c>), with failures a test scripts per call: a status code, or
/// Slack's <c>invalid_auth</c>. <c>apps.connections.open</c> and <c>GET gateway/bot</c> always refuse the token, so
/// Socket Mode and the Gateway keep failing (and retrying) while the server runs.
/// </summary>
public sealed class FakeChatApis : IAsyncDisposable
{
    public const string SlackPost = "slack chat.postMessage";
    public const string SlackRespond = "slack respond";
    public const string DiscordPost = "discord POST messages";
    public const string DiscordEdit = "discord PATCH original";

    private readonly WebApplication app;
    private readonly ConcurrentQueue<ChatApiCall> calls = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<string>> scripts = new(StringComparer.Ordinal);
    private long counter;

    private FakeChatApis(WebApplication app, string slackToken, string discordToken)
    {
        this.app = app;
        SlackToken = slackToken;
        DiscordToken = discordToken;
    }

    public string SlackToken { get; }

    public string DiscordToken { get; }

    public Uri BaseUrl { get; private set; } = null!;

    public Uri SlackApiBaseUrl => new(BaseUrl, "slack/api/");

    public Uri DiscordApiBaseUrl => new(BaseUrl, "discord/api/v10/");

    public IReadOnlyList<ChatApiCall> Calls => [.. calls];

    public string NewResponseUrl() => new Uri(BaseUrl, $"slack/respond/{Interlocked.Increment(ref counter)}/{Guid.NewGuid():N}").ToString();

    public static async Task<FakeChatApis> StartAsync(string slackToken, string discordToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var fake = new FakeChatApis(builder.Build(), slackToken, discordToken);
        fake.app.MapPost("/slack/api/{method}", fake.SlackAsync);
        fake.app.MapPost("/slack/respond/{**rest}", fake.RespondAsync);
        fake.app.Map("/discord/api/v10/{**path}", fake.DiscordAsync);
        await fake.app.StartAsync();
        var address = fake.app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        fake.BaseUrl = new Uri(address.EndsWith('/') ? address : address + "/");
        return fake;
    }

    /// <summary>The next calls of <paramref name="key"/> get these answers in turn: a status code (<c>"500"</c>) or <c>"invalid_auth"</c>.</summary>
    public void Script(string key, params string[] answers)
    {
        var queue = scripts.GetOrAdd(key, _ => new ConcurrentQueue<string>());
        foreach (var answer in answers)
        {
            queue.Enqueue(answer);
        }
    }

    public async ValueTask DisposeAsync()
    {
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2)))
        {
            await app.StopAsync(timeout.Token);
        }

        await app.DisposeAsync();
    }

    private string? Next(string key) => scripts.TryGetValue(key, out var queue) && queue.TryDequeue(out var answer) ? answer : null;

    private async Task SlackAsync(HttpContext http, string method)
    {
        await Drain(http);
        var key = "slack " + method;
        var scripted = method == "apps.connections.open" ? "invalid_auth" : Next(key);
        if (http.Request.Headers.Authorization != $"Bearer {SlackToken}" && method != "apps.connections.open")
        {
            scripted = "invalid_auth";
        }

        if (scripted is not null && int.TryParse(scripted, NumberStyles.None, CultureInfo.InvariantCulture, out var status))
        {
            await AnswerAsync(http, key, status, "text/html", "<html><body>upstream connect error</body></html>");
            return;
        }

        var body = scripted is not null
            ? new JsonObject { ["ok"] = false, ["error"] = scripted }
            : method switch
            {
                "users.info" => new JsonObject { ["ok"] = true, ["user"] = new JsonObject { ["id"] = "U0FAKE0001", ["name"] = "someone", ["real_name"] = "Some One", ["tz"] = "Europe/Zurich", ["profile"] = new JsonObject { ["real_name"] = "Some One", ["display_name"] = "someone" } } },
                "chat.postMessage" => new JsonObject { ["ok"] = true, ["channel"] = "C0FAKE", ["ts"] = "1700000000.000100" },
                "conversations.history" => new JsonObject { ["ok"] = true, ["messages"] = new JsonArray(), ["has_more"] = false },
                _ => new JsonObject { ["ok"] = true },
            };
        await AnswerAsync(http, key, 200, "application/json; charset=utf-8", body.ToJsonString());
    }

    private async Task RespondAsync(HttpContext http)
    {
        await Drain(http);
        var scripted = Next(SlackRespond);
        var status = scripted is not null ? int.Parse(scripted, CultureInfo.InvariantCulture) : 200;
        await AnswerAsync(http, SlackRespond, status, "text/plain", status == 200 ? "ok" : "upstream connect error");
    }

    private async Task DiscordAsync(HttpContext http)
    {
        await Drain(http);
        var path = (string?)http.GetRouteValue("path") ?? "";
        var method = http.Request.Method;
        var key = (method, path) switch
        {
            ("POST", _) when path.StartsWith("channels/", StringComparison.Ordinal) && path.EndsWith("/messages", StringComparison.Ordinal) => DiscordPost,
            ("PATCH", _) when path.EndsWith("/messages/@original", StringComparison.Ordinal) => DiscordEdit,
            _ => $"discord {method} {path}",
        };
        var authorized = http.Request.Headers.Authorization == $"Bot {DiscordToken}";
        var scripted = Next(key);
        if (key == "discord GET gateway/bot" || (!authorized && !path.StartsWith("webhooks/", StringComparison.Ordinal) && !path.StartsWith("interactions/", StringComparison.Ordinal)))
        {
            scripted = "401";
        }

        if (scripted is not null)
        {
            var status = int.Parse(scripted, CultureInfo.InvariantCulture);
            await AnswerAsync(http, key, status, "application/json", status == 401 ? """{"message": "401: Unauthorized", "code": 0}""" : """{"message": "500: Internal Server Error", "code": 0}""");
            return;
        }

        var body = key switch
        {
            DiscordPost or DiscordEdit => new JsonObject { ["id"] = "1300000000000000001", ["channel_id"] = "1000000000000000011", ["type"] = 0, ["content"] = "" },
            "discord POST users/@me/channels" => new JsonObject { ["id"] = "1400000000000000001", ["type"] = 1 },
            _ => null,
        };
        await AnswerAsync(http, key, body is null ? 204 : 200, "application/json", body?.ToJsonString() ?? "");
    }

    private async Task AnswerAsync(HttpContext http, string key, int status, string contentType, string body)
    {
        calls.Enqueue(new ChatApiCall(key, http.Request.Path.Value ?? "", status));
        http.Response.StatusCode = status;
        if (body.Length > 0)
        {
            http.Response.ContentType = contentType;
            await http.Response.WriteAsync(body, Encoding.UTF8, http.RequestAborted);
        }
    }

    private static async Task Drain(HttpContext http)
    {
        using var reader = new StreamReader(http.Request.Body, Encoding.UTF8);
        await reader.ReadToEndAsync(http.RequestAborted);
    }
}
