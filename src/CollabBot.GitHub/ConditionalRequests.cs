using System.Net.Http.Headers;

namespace CollabBot.GitHub;

/// <summary>
/// Adds <c>If-None-Match</c> to the one request made inside <see cref="With"/>. Octokit has no per-call ETag parameter
/// (octokit.net #352), and its ResponseCache hides the 304 behind a cached body that would have to be stored too;
/// this keeps every call on Octokit's one connection (credentials, User-Agent, error mapping) and lets the poller
/// see the 304 itself, with the ETag kept in our own database.
/// </summary>
internal sealed class ConditionalRequestHandler : DelegatingHandler
{
    private static readonly AsyncLocal<string?> IfNoneMatch = new();

    /// <summary>Requests sent inside the returned scope carry <paramref name="etag"/>, exactly as received (quotes and <c>W/</c> kept).</summary>
    public static Scope With(string? etag)
    {
        var previous = IfNoneMatch.Value;
        IfNoneMatch.Value = etag;
        return new Scope(previous);
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        // Once per request: a retried attempt carries the header already.
        if (IfNoneMatch.Value is { Length: > 0 } etag && request.Method == HttpMethod.Get && !request.Headers.Contains("If-None-Match"))
        {
            // Without validation: GitHub's ETags are sent back byte for byte; unquoted ones get a 200, not a 304.
            request.Headers.TryAddWithoutValidation("If-None-Match", etag);
        }

        return base.SendAsync(request, cancellationToken);
    }

    public readonly struct Scope(string? previous) : IDisposable
    {
        public void Dispose() => IfNoneMatch.Value = previous;
    }
}

internal static class HeaderValues
{
    public static string? Get(IReadOnlyDictionary<string, string>? headers, string name) =>
        headers?.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value;

    public static string? Get(HttpResponseHeaders headers, string name) =>
        headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;
}
