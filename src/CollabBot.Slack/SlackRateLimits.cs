using System.Collections.Concurrent;
using System.Net;
using CollabBot.Core.Http;
using Microsoft.Extensions.Logging;

namespace CollabBot.Slack;

/// <summary>
/// Slack's rule that the resilience pipeline does not know: limits are per Web API method (per app, per workspace), so
/// once a method is answered 429 every call of it waits out the <c>Retry-After</c>, not only the one that was refused.
/// Runs inside the pipeline, once per attempt; the pipeline's retry waits for the refused call itself.
/// </summary>
public sealed partial class SlackRateLimits(TimeProvider clock, ILogger<SlackRateLimits> logger) : DelegatingHandler
{
    /// <summary>The Web API method a request calls; requests without one (response_url posts) are not held back.</summary>
    public static readonly HttpRequestOptionsKey<string> Method = new("collabbot.slack.method");

    private readonly ConcurrentDictionary<string, DateTimeOffset> blockedUntil = new(StringComparer.Ordinal);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Options.TryGetValue(Method, out var method);
        if (method is not null && blockedUntil.TryGetValue(method, out var until) && until > clock.GetUtcNow())
        {
            await Task.Delay(until - clock.GetUtcNow(), clock, cancellationToken);
        }

        var response = await base.SendAsync(request, cancellationToken);
        if (response.StatusCode == HttpStatusCode.TooManyRequests)
        {
            var wait = PlatformHttp.RetryAfterHeader(response) ?? TimeSpan.FromSeconds(1);
            Core.Telemetry.CollabBotMetrics.PlatformRateLimited("slack");
            LogRateLimited(logger, method ?? "response_url", wait.TotalSeconds);
            if (method is not null)
            {
                blockedUntil[method] = clock.GetUtcNow() + wait;
            }
        }

        return response;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack {Method} was rate limited; waiting {Seconds} s as Slack asked")]
    private static partial void LogRateLimited(ILogger logger, string method, double seconds);
}
