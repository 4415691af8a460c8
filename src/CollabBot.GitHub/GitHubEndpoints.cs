using System.Collections.Frozen;
using System.Text;
using System.Text.Json;
using CollabBot.Core.Inbound;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Octokit.Webhooks;
using static CollabBot.Core.Values.Clipping;

namespace CollabBot.GitHub;

/// <summary>
/// <c>POST /github/webhooks</c>: verify, then let Octokit.Webhooks parse and dispatch to <see cref="GitHubWebhookProcessor"/>.
/// Fails closed: with no secret configured everything is refused (401), as is any delivery not signed with it. The
/// body is bounded before it is held: the events CollabBot reads are buffered up to <see cref="MaxHandledBody"/>;
/// any other event is only hashed as it streams past (GitHub's own cap, <see cref="MaxBody"/>) and acknowledged. A
/// signed delivery that does not parse gets 400 with the reason, and is logged; nothing here answers 500.
/// </summary>
/// <remarks>
/// Octokit.Webhooks.AspNetCore's own endpoint was dropped: it buffers every body whole before looking at it, accepts
/// unsigned deliveries when no secret is set, and answers a payload it cannot parse with 500.
/// </remarks>
public static partial class GitHubEndpoints
{
    public const string Path = "/github/webhooks";

    /// <summary>GitHub caps payloads at 25 MB.</summary>
    public const int MaxBody = 25 * 1024 * 1024;

    /// <summary>
    /// The events parsed whole carry one issue and at most one comment, each body at most 65,536 characters; with the
    /// repository and users around them a real delivery stays well below this.
    /// </summary>
    public const int MaxHandledBody = 1024 * 1024;

    /// <summary>The events <see cref="GitHubWebhookProcessor"/> acts on; others are verified and acknowledged unread.</summary>
    public static readonly FrozenSet<string> HandledEvents = FrozenSet.Create(StringComparer.Ordinal, "issues", "issue_comment", "ping");

    public static IEndpointRouteBuilder MapGitHub(this IEndpointRouteBuilder app)
    {
        app.MapPost(Path, ReceiveAsync);
        return app;
    }

    private static async Task<IResult> ReceiveAsync(HttpContext http, IOptions<GitHubOptions> options, WebhookEventProcessor processor, ILogger<GitHubWebhookProcessor> logger)
    {
        var request = http.Request;
        var secret = options.Value.WebhookSecret?.Trim();
        if (string.IsNullOrEmpty(secret))
        {
            return Refuse("GitHub webhooks are not enabled here (GitHub:WebhookSecret is not set), so no delivery can be verified.");
        }

        // A header that cannot match any body is refused before a byte of the body is read.
        var signature = request.Headers[WebhookSignature.Header].ToString();
        if (!WebhookSignature.IsWellFormed(signature))
        {
            return Refuse($"invalid signature: {WebhookSignature.Header} must be sha256= and 64 hex digits");
        }

        var @event = request.Headers["X-GitHub-Event"].ToString();
        if (string.IsNullOrWhiteSpace(@event))
        {
            return Problem(StatusCodes.Status400BadRequest, "The delivery has no X-GitHub-Event header.");
        }

        if (request.ContentType is not { } contentType || !contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return Problem(StatusCodes.Status415UnsupportedMediaType, "Deliveries must be JSON: set the webhook's content type to application/json.");
        }

        if (!HandledEvents.Contains(@event))
        {
            return await AcknowledgeUnreadAsync(http, secret, signature, @event);
        }

        if (string.IsNullOrWhiteSpace(request.Headers["X-GitHub-Delivery"].ToString()))
        {
            return Problem(StatusCodes.Status400BadRequest, "The delivery has no X-GitHub-Delivery header, which CollabBot needs to handle each delivery once.");
        }

        var body = await BoundedBody.ReadAsync(request.Body, request.ContentLength, MaxHandledBody, http.RequestAborted);
        if (body is null)
        {
            return Problem(StatusCodes.Status413PayloadTooLarge, $"A {@event} delivery larger than {MaxHandledBody / 1024} KiB is not one CollabBot can use.");
        }

        if (!WebhookSignature.Verify(secret, signature, body))
        {
            return Refuse("invalid signature");
        }

        var headers = WebhookHeaders.Parse(request.Headers);
        WebhookEvent parsed;
        try
        {
            parsed = processor.DeserializeWebhookEvent(headers, Encoding.UTF8.GetString(body));
        }
        catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException or NotSupportedException or ArgumentException or OverflowException)
        {
            // Signed with our secret yet unreadable: say why, so whoever sent it sees it in the delivery log.
            return Unreadable(logger, headers, ex.Message);
        }

        try
        {
            await processor.ProcessWebhookAsync(headers, parsed, http.RequestAborted);
        }
        catch (JsonException ex)
        {
            // Parsed, but without what the event needs (GitHubWebhookProcessor says what).
            return Unreadable(logger, headers, ex.Message);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !http.RequestAborted.IsCancellationRequested)
        {
            // Not the delivery's fault (the database, say): GitHub shows the failure and the delivery can be redelivered.
            LogFailed(logger, ex, headers.Delivery ?? "-", @event);
            return Problem(StatusCodes.Status503ServiceUnavailable, "The delivery could not be handled just now; redeliver it later.");
        }

        return Results.Ok();
    }

    /// <summary>An event CollabBot does not act on: hashed as it streams, never held, acknowledged when the signature holds.</summary>
    private static async Task<IResult> AcknowledgeUnreadAsync(HttpContext http, string secret, string signature, string @event)
    {
        using var hmac = WebhookSignature.Hasher(secret);
        var within = await BoundedBody.ConsumeAsync(http.Request.Body, http.Request.ContentLength, MaxBody, (chunk, count) => hmac.AppendData(chunk, 0, count), http.RequestAborted);
        if (!within)
        {
            return Problem(StatusCodes.Status413PayloadTooLarge, $"The delivery is larger than GitHub's cap of {MaxBody / (1024 * 1024)} MiB.");
        }

        return WebhookSignature.Matches(signature, hmac.GetHashAndReset())
            ? Results.Text($"CollabBot does not use {@event} events; acknowledged.", "text/plain; charset=utf-8")
            : Refuse("invalid signature");
    }

    private static IResult Unreadable(ILogger logger, WebhookHeaders headers, string message)
    {
        var reason = Clip(message, 300);
        LogUnreadable(logger, headers.Delivery ?? "-", headers.Event ?? "-", reason);
        return Problem(StatusCodes.Status400BadRequest, $"The {headers.Event} delivery could not be read: {reason}");
    }

    private static IResult Refuse(string text) => Problem(StatusCodes.Status401Unauthorized, text);

    private static IResult Problem(int status, string text) => Results.Text(text, "text/plain; charset=utf-8", statusCode: status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "GitHub delivery {Delivery} ({Event}) was signed but could not be read: {Reason}; answered 400")]
    private static partial void LogUnreadable(ILogger logger, string delivery, string @event, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "GitHub delivery {Delivery} ({Event}) could not be handled; answered 503")]
    private static partial void LogFailed(ILogger logger, Exception exception, string delivery, string @event);
}
