using System.Globalization;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace CollabBot.Core.Http;

/// <summary>
/// How calls to one platform's API (Slack, Discord, GitHub) are made to survive the platform: named options per
/// HTTP client, defaults in code, not settings. Tests shorten them with <c>services.Configure&lt;PlatformHttpOptions&gt;(name, …)</c>.
/// </summary>
public sealed class PlatformHttpOptions
{
    /// <summary>One attempt's limit (a stalled connection, a platform that never answers).</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// A whole call's limit, waits for rate limits included. Below the outbox's two-minute lease, so a post that
    /// waits this long is given back to the outbox before another worker could claim it.
    /// </summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromSeconds(90);

    /// <summary>How many times a 429 is waited out (for as long as the platform asks) and sent again; 0 hands the 429 to the caller.</summary>
    public int RateLimitRetries { get; set; } = 10;

    /// <summary>How many times an idempotent request is sent again after a 5xx, a 408, a network failure or an attempt timeout.</summary>
    public int TransientRetries { get; set; } = 2;

    /// <summary>The first wait before a transient retry; later ones double, with jitter.</summary>
    public TimeSpan TransientDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The circuit opens when at least this many calls in <see cref="SamplingDuration"/> ...</summary>
    public int MinimumThroughput { get; set; } = 5;

    /// <summary>... and at least this share of them failed (5xx, 408, network failures, timeouts; never a 429 or another 4xx).</summary>
    public double FailureRatio { get; set; } = 0.5;

    public TimeSpan SamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long an open circuit fails calls at once, before one is let through to test the platform.</summary>
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>The wait a 429 asks for; by default its <c>Retry-After</c> header. Null: wait one second.</summary>
    public Func<HttpResponseMessage, ValueTask<TimeSpan?>> RetryAfter { get; set; } = response => ValueTask.FromResult(PlatformHttp.RetryAfterHeader(response));
}

/// <summary>
/// One <c>IHttpClientFactory</c> set-up for every platform client, with Microsoft.Extensions.Http.Resilience (Polly):
/// a total timeout, 429s waited out as the platform asks (<c>Retry-After</c>), idempotent requests retried after
/// transient failures (a POST that may have been done is left to its caller: the outbox retries with its own ledger),
/// a circuit breaker that stops calling a platform that keeps failing, and a per-attempt timeout. What is particular
/// to a platform's rules (Discord's route buckets, Slack's per-method waits and per-channel pacing) stays in the
/// platform's own handler or client. A timeout or an open circuit reaches callers as an <see cref="HttpRequestException"/>,
/// which they already treat as "the platform is unreachable".
/// </summary>
public static class PlatformHttp
{
    /// <summary>Marks a request that may be sent twice without harm (a read sent as POST, as Slack's Web API does).</summary>
    public static readonly HttpRequestOptionsKey<bool> Idempotent = new("collabbot.idempotent");

    /// <summary>
    /// A named client for one platform: pooled connections recycled every five minutes (DNS changes are seen; the
    /// handler lives as long as the process, since the platform clients are singletons), then the resilience pipeline.
    /// Handlers the caller adds to the returned builder run inside it, once per attempt.
    /// </summary>
    public static IHttpClientBuilder AddPlatformHttpClient(this IServiceCollection services, string name, string platform)
    {
        var builder = services.AddHttpClient(name, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                AutomaticDecompression = DecompressionMethods.All,
            })
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan)
            .RemoveAllLoggers() // the factory's request logs write whole URLs: Discord interaction tokens, Slack response_urls
            .AddHttpMessageHandler(() => new RejectionsAsHttpErrors(platform));
        builder.AddResilienceHandler("platform", (pipeline, context) => Build(pipeline, context.GetOptions<PlatformHttpOptions>(name)));
        return builder;
    }

    /// <summary>The <c>Retry-After</c> header as seconds or as a date; null when absent.</summary>
    public static TimeSpan? RetryAfterHeader(HttpResponseMessage response)
    {
        if (response.Headers.RetryAfter?.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }

        if (response.Headers.RetryAfter?.Date is { } date && response.Headers.Date is { } sent)
        {
            return date > sent ? date - sent : TimeSpan.Zero;
        }

        return response.Headers.TryGetValues("Retry-After", out var values)
            && double.TryParse(values.FirstOrDefault(), NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0
            ? TimeSpan.FromSeconds(seconds)
            : null;
    }

    /// <summary>A request that may be sent again: GET, HEAD, PUT, PATCH, DELETE, OPTIONS, or one marked <see cref="Idempotent"/>.</summary>
    public static bool IsIdempotent(HttpRequestMessage? request) =>
        request is not null
        && (request.Method != HttpMethod.Post || (request.Options.TryGetValue(Idempotent, out var marked) && marked));

    private static void Build(ResiliencePipelineBuilder<HttpResponseMessage> pipeline, PlatformHttpOptions o)
    {
        // Outermost first: the whole call's limit, then 429s, then transient failures, the circuit, and each attempt's limit.
        pipeline.AddTimeout(new HttpTimeoutStrategyOptions { Timeout = o.TotalTimeout, Name = "total" });
        if (o.RateLimitRetries > 0)
        {
            pipeline.AddRetry(new HttpRetryStrategyOptions
            {
                Name = "rate-limit",
                MaxRetryAttempts = o.RateLimitRetries,
                BackoffType = DelayBackoffType.Constant,
                Delay = TimeSpan.FromSeconds(1),
                UseJitter = false,
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Result?.StatusCode == HttpStatusCode.TooManyRequests),
                DelayGenerator = async args => args.Outcome.Result is { } response ? await o.RetryAfter(response) : null,
            });
        }

        if (o.TransientRetries > 0)
        {
            pipeline.AddRetry(new HttpRetryStrategyOptions
            {
                Name = "transient",
                MaxRetryAttempts = o.TransientRetries,
                BackoffType = DelayBackoffType.Exponential,
                Delay = o.TransientDelay,
                UseJitter = true,
                ShouldRetryAfterHeader = false,
                ShouldHandle = args => ValueTask.FromResult(IsFailure(args.Outcome) && IsIdempotent(args.Context.GetRequestMessage())),
            });
        }

        pipeline.AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
        {
            Name = "circuit",
            MinimumThroughput = o.MinimumThroughput,
            FailureRatio = o.FailureRatio,
            SamplingDuration = o.SamplingDuration,
            BreakDuration = o.BreakDuration,
            ShouldHandle = args => ValueTask.FromResult(IsFailure(args.Outcome)),
        });
        pipeline.AddTimeout(new HttpTimeoutStrategyOptions { Timeout = o.AttemptTimeout, Name = "attempt" });
    }

    /// <summary>The platform failed (not the request): a 5xx, a 408, a network failure or an attempt timeout. A 429 is not a failure.</summary>
    private static bool IsFailure(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Exception: HttpRequestException or TimeoutRejectedException } => true,
        { Result: { } response } => (int)response.StatusCode >= 500 || response.StatusCode == HttpStatusCode.RequestTimeout,
        _ => false,
    };

    /// <summary>Outside the pipeline: its refusals (a timeout, an open circuit) become the network failure callers handle.</summary>
    private sealed class RejectionsAsHttpErrors(string platform) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            try
            {
                return await base.SendAsync(request, cancellationToken);
            }
            catch (TimeoutRejectedException ex)
            {
                throw new HttpRequestException($"{platform} did not answer in time ({ex.Timeout.TotalSeconds:0.#} s)", ex);
            }
            catch (BrokenCircuitException ex)
            {
                throw new HttpRequestException($"{platform} has been failing; calls are paused for a moment (circuit open)", ex);
            }
        }
    }
}
