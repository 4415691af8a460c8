using System.Globalization;
using System.Net;
using CollabBot.Core.Ports;
using Octokit;

namespace CollabBot.GitHub;

/// <summary>Octokit's exceptions, and the network's, as <see cref="GitHubFailure"/> values.</summary>
internal static class GitHubErrors
{
    public static GitHubFailure? From(Exception exception, DateTimeOffset now) => exception switch
    {
        NotFoundException => new(GitHubFailureKind.NotFound, "404 Not Found"),
        AuthorizationException => new(GitHubFailureKind.Unauthorized, "401 Bad credentials"),
        RateLimitExceededException r => new(GitHubFailureKind.RateLimited, r.Message, r.Reset > now ? r.Reset : RetryAt(r, now)),
        SecondaryRateLimitExceededException s => new(GitHubFailureKind.RateLimited, s.Message, RetryAt(s, now)),
        AbuseException a => new(GitHubFailureKind.RateLimited, a.Message, a.RetryAfterSeconds is { } seconds ? now.AddSeconds(seconds) : RetryAt(a, now)),
        ForbiddenException f => new(GitHubFailureKind.Forbidden, f.Message),
        ApiException { StatusCode: (HttpStatusCode)429 } t => new(GitHubFailureKind.RateLimited, t.Message, RetryAt(t, now)),
        ApiValidationException v => new(GitHubFailureKind.Rejected, v.ApiError?.Errors?.FirstOrDefault()?.Message ?? v.Message),
        ApiException { StatusCode: >= HttpStatusCode.InternalServerError } e => new(GitHubFailureKind.Unreachable, $"GitHub answered {(int)e.StatusCode}"),
        ApiException e => new(GitHubFailureKind.Rejected, $"{(int)e.StatusCode} {e.Message}"),
        HttpRequestException h => new(GitHubFailureKind.Unreachable, h.HttpRequestError == HttpRequestError.Unknown ? h.Message : h.HttpRequestError.ToString()),
        TaskCanceledException { InnerException: TimeoutException } => new(GitHubFailureKind.Unreachable, "the request timed out"),
        _ => null,
    };

    /// <summary>When a rate-limited request may be tried again: <c>retry-after</c>, else <c>x-ratelimit-reset</c> when nothing remains, else a minute (GitHub's advice for secondary limits).</summary>
    public static DateTimeOffset RetryAt(ApiException exception, DateTimeOffset now)
    {
        var headers = exception.HttpResponse?.Headers;
        if (HeaderValues.Get(headers, "Retry-After") is { } retry && int.TryParse(retry, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return now.AddSeconds(seconds);
        }

        if (HeaderValues.Get(headers, "X-RateLimit-Remaining") == "0"
            && HeaderValues.Get(headers, "X-RateLimit-Reset") is { } reset
            && long.TryParse(reset, NumberStyles.None, CultureInfo.InvariantCulture, out var epoch))
        {
            return DateTimeOffset.FromUnixTimeSeconds(epoch);
        }

        return now.AddMinutes(1);
    }
}
