using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;

namespace CollabBot.Discord;

/// <summary>
/// Discord's rate limits as its documentation describes them (rate-limits.mdx), which no general library knows: each
/// route's bucket (learned from <c>X-RateLimit-Bucket</c>, kept per major parameter: channel, guild, webhook,
/// interaction) with its remaining count and reset time, so a request waits rather than being sent into a spent
/// bucket; a 429 empties its bucket, or with <c>global</c> holds back every request, for its <c>retry_after</c>.
/// Runs inside the resilience pipeline, once per attempt; the pipeline's retry waits for the refused request itself
/// (<see cref="RetryAfterAsync"/>). One handler chain serves the process, so the buckets are shared by every call.
/// </summary>
public sealed partial class DiscordRateLimits(TimeProvider clock, ILogger<DiscordRateLimits> logger) : DelegatingHandler
{
    /// <summary>The request's path under the API base (<c>channels/123/messages</c>), which buckets are keyed by.</summary>
    public static readonly HttpRequestOptionsKey<string> Path = new("collabbot.discord.path");

    private readonly ConcurrentDictionary<string, string> routeBuckets = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Bucket> buckets = new(StringComparer.Ordinal);
    private DateTimeOffset globalUntil;

    /// <summary>How long a 429 asks to wait: the body's <c>retry_after</c> (fractional seconds), else <c>Retry-After</c>, else a second.</summary>
    public static async ValueTask<TimeSpan?> RetryAfterAsync(HttpResponseMessage response) =>
        (await ReadRetryAfterAsync(response)).Wait;

    /// <summary>A route for logs: minor ids and the tokens in webhook and interaction paths replaced, so no token is written anywhere.</summary>
    public static string Route(HttpMethod method, string path) =>
        method.Method + " " + MinorId().Replace(Token().Replace(path, "$1/:token"), "$1:id");

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (!request.Options.TryGetValue(Path, out var path))
        {
            return await base.SendAsync(request, cancellationToken);
        }

        var route = RouteKey(request.Method, path);
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

            var response = await base.SendAsync(request, cancellationToken);
            Learn(route, path, bucket, response);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                var (wait, global) = await ReadRetryAfterAsync(response);
                var retryAfter = wait ?? TimeSpan.FromSeconds(1);
                Core.Telemetry.CollabBotMetrics.PlatformRateLimited("discord");
                LogRateLimited(logger, Route(request.Method, path), retryAfter.TotalSeconds, global);
                if (global)
                {
                    globalUntil = clock.GetUtcNow() + retryAfter;
                }
                else
                {
                    bucket.Remaining = 0;
                    bucket.ResetAt = clock.GetUtcNow() + retryAfter;
                }
            }

            return response;
        }
        finally
        {
            bucket.Gate.Release();
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

        // A bucket learned from the headers may be shared by other routes; keep this state under its real key too.
        buckets.TryAdd(BucketKey(route, path), bucket);
    }

    private static async ValueTask<(TimeSpan? Wait, bool Global)> ReadRetryAfterAsync(HttpResponseMessage response)
    {
        var global = string.Equals(Header(response, "X-RateLimit-Global"), "true", StringComparison.OrdinalIgnoreCase);
        try
        {
            // Buffered, so the pipeline and the caller can read the body again.
            await response.Content.LoadIntoBufferAsync();
            if (JsonNode.Parse(await response.Content.ReadAsStringAsync()) is JsonObject json)
            {
                global |= json["global"] is JsonValue g && g.TryGetValue<bool>(out var isGlobal) && isGlobal;
                if (json["retry_after"] is JsonValue v && v.TryGetValue<double>(out var seconds) && seconds >= 0)
                {
                    return (TimeSpan.FromSeconds(seconds), global);
                }
            }
        }
        catch (JsonException)
        {
            // Fall back to the Retry-After header below.
        }

        return (Core.Http.PlatformHttp.RetryAfterHeader(response), global);
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

    /// <summary>The token after a webhook's or an interaction's id.</summary>
    [GeneratedRegex(@"((?:webhooks|interactions)/\d{5,22})/[^/]+")]
    private static partial Regex Token();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Discord rate limited {Route}: waiting {Seconds} s (global: {Global})")]
    private static partial void LogRateLimited(ILogger logger, string route, double seconds, bool global);
}
