using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CollabBot.Discord;

/// <summary>A Discord REST call failed; <see cref="Code"/> is Discord's JSON error code when it gave one (e.g. 10003 Unknown channel).</summary>
public sealed class DiscordApiException(int status, int? code, string message) : Exception($"Discord answered {status}{(code is null ? "" : $" ({code})")}: {message}")
{
    public int Status { get; } = status;

    public int? Code { get; } = code;
}

/// <summary>
/// The Discord REST calls CollabBot makes. Rate limits are honoured as Discord describes them: each route's
/// bucket (from <c>X-RateLimit-Bucket</c>) is tracked with its remaining count and reset time, requests wait
/// rather than being sent when the bucket is empty, a 429's <c>retry_after</c> (and the global flag) is obeyed,
/// and the request is then sent again — nothing is dropped.
/// </summary>
public sealed partial class DiscordRestClient(HttpClient http, IOptionsMonitor<DiscordOptions> options, TimeProvider clock, ILogger<DiscordRestClient> logger)
{
    private const int MaxAttempts = 10;
    private static readonly string UserAgent = "DiscordBot (https://github.com/collabbot/collabbot, 0.1)";

    private readonly ConcurrentDictionary<string, string> routeBuckets = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Bucket> buckets = new(StringComparer.Ordinal);
    private DateTimeOffset globalUntil;

    public Task<JsonNode?> CreateMessageAsync(string channelId, JsonObject message, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, $"channels/{channelId}/messages", message, cancellationToken: cancellationToken);

    /// <summary>Opens (or finds) the direct-message channel with a user.</summary>
    public async Task<string> CreateDmChannelAsync(string userId, CancellationToken cancellationToken = default)
    {
        var channel = await SendAsync(HttpMethod.Post, "users/@me/channels", new JsonObject { ["recipient_id"] = userId }, cancellationToken: cancellationToken);
        return channel?["id"]?.GetValue<string>() ?? throw new DiscordApiException(200, null, "no channel id in the answer");
    }

    public Task InteractionCallbackAsync(string interactionId, string token, JsonObject response, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, $"interactions/{interactionId}/{token}/callback", response, authorize: false, cancellationToken: cancellationToken);

    public Task EditOriginalAsync(string applicationId, string token, JsonObject message, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Patch, $"webhooks/{applicationId}/{token}/messages/@original", message, authorize: false, cancellationToken: cancellationToken);

    public Task CreateFollowupAsync(string applicationId, string token, JsonObject message, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, $"webhooks/{applicationId}/{token}", message, authorize: false, cancellationToken: cancellationToken);

    public Task<JsonNode?> BulkOverwriteGlobalCommandsAsync(string applicationId, JsonArray commands, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Put, $"applications/{applicationId}/commands", commands, cancellationToken: cancellationToken);

    public Task<JsonNode?> BulkOverwriteGuildCommandsAsync(string applicationId, string guildId, JsonArray commands, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Put, $"applications/{applicationId}/guilds/{guildId}/commands", commands, cancellationToken: cancellationToken);

    /// <summary><c>GET /gateway/bot</c>: the Gateway URL to connect to.</summary>
    public async Task<Uri> GetGatewayUrlAsync(CancellationToken cancellationToken = default)
    {
        var json = await SendAsync(HttpMethod.Get, "gateway/bot", null, cancellationToken: cancellationToken);
        var url = json?["url"]?.GetValue<string>() ?? throw new DiscordApiException(200, null, "no url in /gateway/bot");
        return new Uri(url);
    }

    public async Task<JsonNode?> SendAsync(HttpMethod method, string path, JsonNode? body, bool authorize = true, CancellationToken cancellationToken = default)
    {
        var route = RouteKey(method, path);
        for (var attempt = 1; ; attempt++)
        {
            await WaitUntilAsync(globalUntil, cancellationToken);
            var bucket = buckets.GetOrAdd(BucketKey(route, path), _ => new Bucket());
            await bucket.Gate.WaitAsync(cancellationToken);
            try
            {
                if (bucket.Remaining <= 0 && bucket.ResetAt > clock.GetUtcNow())
                {
                    // The bucket is spent: wait for its reset rather than send a request Discord would refuse.
                    await WaitUntilAsync(bucket.ResetAt, cancellationToken);
                    bucket.Remaining = 1;
                }

                using var request = new HttpRequestMessage(method, new Uri(new Uri(EnsureSlash(options.CurrentValue.ApiBaseUrl)), path));
                request.Headers.UserAgent.ParseAdd(UserAgent);
                if (authorize)
                {
                    request.Headers.Authorization = new AuthenticationHeaderValue("Bot", options.CurrentValue.BotToken ?? throw new InvalidOperationException("Discord:BotToken is not set"));
                }

                if (body is not null)
                {
                    request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
                }

                using var response = await http.SendAsync(request, cancellationToken);
                var text = await response.Content.ReadAsStringAsync(cancellationToken);
                Learn(route, path, bucket, response);
                if (response.StatusCode == HttpStatusCode.TooManyRequests)
                {
                    var (retryAfter, global) = RetryAfter(text, response);
                    Core.Telemetry.CollabBotMetrics.PlatformRateLimited("discord");
                    LogRateLimited(logger, route, retryAfter.TotalSeconds, global);
                    if (global)
                    {
                        globalUntil = clock.GetUtcNow() + retryAfter;
                    }
                    else
                    {
                        bucket.Remaining = 0;
                        bucket.ResetAt = clock.GetUtcNow() + retryAfter;
                    }

                    if (attempt >= MaxAttempts)
                    {
                        throw new DiscordApiException(429, null, "still rate limited after waiting");
                    }

                    continue;
                }

                if (!response.IsSuccessStatusCode)
                {
                    var (code, message) = Error(text);
                    Core.Telemetry.CollabBotMetrics.PlatformError("discord", code?.ToString(CultureInfo.InvariantCulture) ?? ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture));
                    throw new DiscordApiException((int)response.StatusCode, code, message);
                }

                return text.Length == 0 ? null : JsonNode.Parse(text);
            }
            finally
            {
                bucket.Gate.Release();
            }
        }
    }

    private void Learn(string route, string path, Bucket bucket, HttpResponseMessage response)
    {
        if (Header(response, "X-RateLimit-Bucket") is { } id)
        {
            routeBuckets[route] = id;
        }

        if (Header(response, "X-RateLimit-Remaining") is { } remaining && int.TryParse(remaining, NumberStyles.Integer, CultureInfo.InvariantCulture, out var r))
        {
            bucket.Remaining = r;
        }

        if (Header(response, "X-RateLimit-Reset-After") is { } after && double.TryParse(after, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
        {
            bucket.ResetAt = clock.GetUtcNow() + TimeSpan.FromSeconds(seconds);
        }

        // A bucket learned from the headers may be shared by other routes; move this state under its real key.
        var key = BucketKey(route, path);
        buckets.TryAdd(key, bucket);
    }

    private static (TimeSpan Wait, bool Global) RetryAfter(string body, HttpResponseMessage response)
    {
        var global = string.Equals(Header(response, "X-RateLimit-Global"), "true", StringComparison.OrdinalIgnoreCase);
        try
        {
            if (JsonNode.Parse(body) is JsonObject json)
            {
                global |= json["global"]?.GetValue<bool>() == true;
                if (json["retry_after"] is JsonValue v && v.TryGetValue<double>(out var seconds) && seconds >= 0)
                {
                    return (TimeSpan.FromSeconds(seconds), global);
                }
            }
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException)
        {
            // Fall back to the Retry-After header below.
        }

        if (double.TryParse(Header(response, "Retry-After"), NumberStyles.Float, CultureInfo.InvariantCulture, out var header))
        {
            return (TimeSpan.FromSeconds(header), global);
        }

        return (TimeSpan.FromSeconds(1), global);
    }

    private static (int? Code, string Message) Error(string body)
    {
        try
        {
            if (JsonNode.Parse(body) is JsonObject json)
            {
                return (json["code"] is JsonValue c && c.TryGetValue<int>(out var code) ? code : null, json["message"]?.ToString() ?? "error");
            }
        }
        catch (JsonException)
        {
        }

        return (null, body.Length > 200 ? body[..200] : body);
    }

    private async Task WaitUntilAsync(DateTimeOffset until, CancellationToken cancellationToken)
    {
        var wait = until - clock.GetUtcNow();
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, clock, cancellationToken);
        }
    }

    /// <summary>The route with minor ids replaced: <c>POST channels/123/messages</c> stays per channel (a major parameter).</summary>
    private static string RouteKey(HttpMethod method, string path) => method.Method + " " + MinorId().Replace(path, "$1:id");

    private string BucketKey(string route, string path)
    {
        var major = MajorParameter().Match(path);
        var bucket = routeBuckets.TryGetValue(route, out var id) ? id : route;
        return major.Success ? $"{bucket}|{major.Value}" : bucket;
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    private static string EnsureSlash(string url) => url.EndsWith('/') ? url : url + "/";

    private sealed class Bucket
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);

        public int Remaining { get; set; } = 1;

        public DateTimeOffset ResetAt { get; set; }
    }

    /// <summary>Ids after anything but channels/, guilds/, webhooks/ and interactions/ are minor parameters.</summary>
    [GeneratedRegex(@"(?<!channels|guilds|webhooks|interactions)(/)\d{5,22}")]
    private static partial Regex MinorId();

    [GeneratedRegex(@"^(channels|guilds|webhooks|interactions)/\d{5,22}(/[^/]+)?")]
    private static partial Regex MajorParameter();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Discord rate limited {Route}: waiting {Seconds} s (global: {Global})")]
    private static partial void LogRateLimited(ILogger logger, string route, double seconds, bool global);
}
