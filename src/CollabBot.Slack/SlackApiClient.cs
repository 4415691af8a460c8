using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CollabBot.Core.Http;
using Microsoft.Extensions.Options;

namespace CollabBot.Slack;

/// <summary>A Slack Web API call answered <c>ok:false</c>; <see cref="Error"/> is Slack's error code (e.g. <c>channel_not_found</c>).</summary>
public sealed class SlackApiException(string method, string error) : Exception($"Slack {method} failed: {error}")
{
    public string Method { get; } = method;

    public string Error { get; } = error;
}

/// <summary>A user as <c>users.info</c> describes them.</summary>
public sealed record SlackUser(string Id, string? RealName, string? DisplayName, string? FirstName, string? LastName, string? TimeZone);

/// <summary>
/// The Slack Web API calls CollabBot makes, over plain HTTP: JSON bodies with the bot token as a bearer,
/// <c>ok:false</c> surfaced as <see cref="SlackApiException"/>, and channel posts paced to about one a second per
/// channel so a burst of reminders is delivered, not refused. The HTTP client (<see cref="HttpClientName"/>) waits out
/// 429s as <c>Retry-After</c> asks and sends again - nothing is dropped - with <see cref="SlackRateLimits"/> holding
/// back the other calls of a limited method, retries reads after transient failures, and stops at its timeouts.
/// </summary>
public sealed class SlackApiClient(HttpClient http, IOptionsMonitor<SlackOptions> options, TimeProvider clock)
{
    /// <summary>The <c>IHttpClientFactory</c> client (see <see cref="SlackServices"/>).</summary>
    public const string HttpClientName = "slack";

    /// <summary>Slack's guidance for chat.postMessage: about one message per second per channel.</summary>
    public static readonly TimeSpan ChannelInterval = TimeSpan.FromSeconds(1);

    private readonly ConcurrentDictionary<string, ChannelPace> channels = new(StringComparer.Ordinal);

    public Task<JsonObject> PostMessageAsync(string channel, SlackRenderer.Rendered message, CancellationToken cancellationToken = default) =>
        PostMessageAsync(channel, message, metadata: null, cancellationToken);

    /// <summary>
    /// <c>chat.postMessage</c>; <paramref name="metadata"/> (<c>event_type</c>, <c>event_payload</c>) is stored with the
    /// message and comes back from <c>conversations.history</c> with <c>include_all_metadata</c>.
    /// </summary>
    public Task<JsonObject> PostMessageAsync(string channel, SlackRenderer.Rendered message, JsonObject? metadata, CancellationToken cancellationToken = default)
    {
        var body = new JsonObject
        {
            ["channel"] = channel,
            ["text"] = message.Text,
            ["blocks"] = message.Blocks.DeepClone(),
            ["unfurl_links"] = false,
            ["unfurl_media"] = false,
        };
        if (metadata is not null)
        {
            body["metadata"] = metadata.DeepClone();
        }

        return PacedAsync(channel, () => CallAsync("chat.postMessage", body, cancellationToken), cancellationToken);
    }

    /// <summary><c>conversations.open</c> with one user: the id of the bot's direct-message channel with them (<c>D…</c>).</summary>
    public async Task<string> OpenDirectMessageAsync(string user, CancellationToken cancellationToken = default)
    {
        var json = await CallFormAsync("conversations.open", BotToken(), [new("users", user)], cancellationToken, idempotent: true);
        return json.Str("channel", "id") ?? throw new SlackApiException("conversations.open", "no_channel_in_response");
    }

    /// <summary>
    /// Whether a message in <paramref name="channel"/> posted at or after <paramref name="oldest"/> carries metadata of
    /// <paramref name="eventType"/> whose payload has <c>key</c> = <paramref name="key"/>: <c>conversations.history</c>
    /// with <c>include_all_metadata</c>, newest first, at most <paramref name="maxPages"/> pages of 200.
    /// </summary>
    public async Task<bool> HistoryHasMetadataAsync(string channel, DateTimeOffset oldest, string eventType, string key, int maxPages = 5, CancellationToken cancellationToken = default)
    {
        var since = (oldest.ToUnixTimeMilliseconds() / 1000.0).ToString("0.000000", System.Globalization.CultureInfo.InvariantCulture);
        string? cursor = null;
        for (var page = 0; page < maxPages; page++)
        {
            List<KeyValuePair<string, string>> fields = [new("channel", channel), new("oldest", since), new("inclusive", "true"), new("include_all_metadata", "true"), new("limit", "200")];
            if (cursor is not null)
            {
                fields.Add(new("cursor", cursor));
            }

            var json = await CallFormAsync("conversations.history", BotToken(), fields, cancellationToken, idempotent: true);
            if (json["messages"] is JsonArray messages
                && messages.Any(m => m.Str("metadata", "event_type") == eventType && m.Str("metadata", "event_payload", "key") == key))
            {
                return true;
            }

            cursor = json.Str("response_metadata", "next_cursor");
            if (json.Bool("has_more") != true || string.IsNullOrEmpty(cursor))
            {
                return false;
            }
        }

        return false;
    }

    public Task<JsonObject> PostEphemeralAsync(string channel, string user, SlackRenderer.Rendered message, CancellationToken cancellationToken = default) =>
        CallAsync("chat.postEphemeral", new JsonObject
        {
            ["channel"] = channel,
            ["user"] = user,
            ["text"] = message.Text,
            ["blocks"] = message.Blocks.DeepClone(),
        }, cancellationToken);

    public async Task<SlackUser> UsersInfoAsync(string user, CancellationToken cancellationToken = default)
    {
        var json = await CallFormAsync("users.info", BotToken(), [new("user", user)], cancellationToken, idempotent: true);
        var u = json["user"] as JsonObject ?? throw new SlackApiException("users.info", "no_user_in_response");
        var profile = u["profile"] as JsonObject;
        return new SlackUser(
            u.Str("id") ?? user,
            NonEmpty(profile?["real_name"]) ?? NonEmpty(u["real_name"]),
            NonEmpty(profile?["display_name"]) ?? NonEmpty(u["name"]),
            NonEmpty(profile?["first_name"]),
            NonEmpty(profile?["last_name"]),
            NonEmpty(u["tz"]));
    }

    /// <summary><c>apps.connections.open</c> with the app-level token: a single-use WebSocket URL for Socket Mode.</summary>
    public async Task<Uri> OpenSocketModeConnectionAsync(CancellationToken cancellationToken = default)
    {
        var token = options.CurrentValue.AppToken ?? throw new InvalidOperationException("Slack:AppToken is not set");
        var json = await CallFormAsync("apps.connections.open", token, [], cancellationToken, idempotent: true);
        var url = json.Str("url") ?? throw new SlackApiException("apps.connections.open", "no_url_in_response");
        return new Uri(url);
    }

    /// <summary>Posts a message to a slash command's or an action's <c>response_url</c>.</summary>
    public async Task PostToResponseUrlAsync(string responseUrl, JsonObject message, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, responseUrl)
        {
            Content = new StringContent(message.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        using var response = await http.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new SlackApiException("response_url", response.StatusCode == HttpStatusCode.TooManyRequests ? "rate_limited" : $"http_{(int)response.StatusCode}");
        }
    }

    /// <summary>Calls a Web API method with a JSON body and the bot token.</summary>
    public Task<JsonObject> CallAsync(string method, JsonObject body, CancellationToken cancellationToken = default) =>
        SendAsync(method, new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"), BotToken(), idempotent: false, cancellationToken);

    private Task<JsonObject> CallFormAsync(string method, string token, IEnumerable<KeyValuePair<string, string>> fields, CancellationToken cancellationToken, bool idempotent) =>
        SendAsync(method, new FormUrlEncodedContent(fields), token, idempotent, cancellationToken);

    private async Task<JsonObject> SendAsync(string method, HttpContent content, string token, bool idempotent, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(new Uri(EnsureSlash(options.CurrentValue.ApiBaseUrl)), method)) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Options.Set(PlatformHttp.Idempotent, idempotent);
        request.Options.Set(SlackRateLimits.Method, method);
        using var response = await http.SendAsync(request, cancellationToken);
        if (response.StatusCode == HttpStatusCode.TooManyRequests)
        {
            // Still limited after every wait the pipeline allows: the caller (the outbox) tries again later.
            throw new SlackApiException(method, "rate_limited");
        }

        if (!response.IsSuccessStatusCode)
        {
            throw new SlackApiException(method, $"http_{(int)response.StatusCode}");
        }

        var json = await ReadJsonAsync(method, response, cancellationToken);
        if (json.Bool("ok") != true)
        {
            var error = json.Str("error") ?? "unknown_error";
            Core.Telemetry.CollabBotMetrics.PlatformError("slack", error);
            throw new SlackApiException(method, error);
        }

        return json;
    }

    private async Task<T> PacedAsync<T>(string channel, Func<Task<T>> send, CancellationToken cancellationToken)
    {
        var pace = channels.GetOrAdd(channel, _ => new ChannelPace());
        await pace.Gate.WaitAsync(cancellationToken);
        try
        {
            var wait = pace.NextAt - clock.GetUtcNow();
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, clock, cancellationToken);
            }

            try
            {
                return await send();
            }
            finally
            {
                pace.NextAt = clock.GetUtcNow() + ChannelInterval;
            }
        }
        finally
        {
            pace.Gate.Release();
        }
    }

    /// <summary>
    /// Slack's answer as JSON. Anything else with a 200 (an outage or proxy page, a cut-off body) is a failed call like
    /// <c>ok:false</c>, so callers that handle <see cref="SlackApiException"/> handle it too.
    /// </summary>
    private static async Task<JsonObject> ReadJsonAsync(string method, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        try
        {
            return JsonNode.Parse(text) as JsonObject ?? throw new SlackApiException(method, "invalid_response");
        }
        catch (JsonException)
        {
            throw new SlackApiException(method, "invalid_response");
        }
    }

    private string BotToken() => options.CurrentValue.BotToken ?? throw new InvalidOperationException("Slack:BotToken is not set");

    private static string EnsureSlash(string url) => url.EndsWith('/') ? url : url + "/";

    private static string? NonEmpty(JsonNode? node) =>
        node is JsonValue v && v.TryGetValue<string>(out var s) && !string.IsNullOrWhiteSpace(s) ? s : null;

    private sealed class ChannelPace
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);

        public DateTimeOffset NextAt { get; set; }
    }
}
