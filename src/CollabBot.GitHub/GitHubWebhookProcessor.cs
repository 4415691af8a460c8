using System.Text.Json;
using CollabBot.Core.Datasets;
using CollabBot.Core.Ports;
using Microsoft.Extensions.Logging;
using Octokit.Webhooks;
using Octokit.Webhooks.Events;
using Octokit.Webhooks.Events.IssueComment;
using Octokit.Webhooks.Events.Issues;
using WebhookIssue = Octokit.Webhooks.Models.Issue;

namespace CollabBot.GitHub;

/// <summary>
/// Translates the deliveries CollabBot cares about — <c>issues</c> opened, closed, reopened, labeled and
/// <c>issue_comment</c> created — into core <see cref="IssueEvent"/>s; everything else is acknowledged and ignored.
/// The signature was checked before this runs (<see cref="GitHubEndpoints"/>); a delivery without the fields an
/// event needs throws <see cref="JsonException"/>, which the endpoint answers with 400 and the reason.
/// </summary>
public sealed partial class GitHubWebhookProcessor(IssueNotifications notifications, ILogger<GitHubWebhookProcessor> logger) : WebhookEventProcessor
{
    protected override async ValueTask ProcessIssuesWebhookAsync(WebhookHeaders headers, IssuesEvent issuesEvent, IssuesAction action, CancellationToken cancellationToken = default)
    {
        IssueAction? mapped = issuesEvent.Action switch
        {
            "opened" => IssueAction.Opened,
            "closed" => IssueAction.Closed,
            "reopened" => IssueAction.Reopened,
            "labeled" => IssueAction.Labeled,
            _ => null,
        };
        var label = (issuesEvent as IssuesLabeledEvent)?.Label?.Name;
        await HandleAsync(headers, issuesEvent.Repository?.FullName, mapped, issuesEvent.Issue, issuesEvent.Sender?.Login, label, null, cancellationToken);
    }

    protected override async ValueTask ProcessIssueCommentWebhookAsync(WebhookHeaders headers, IssueCommentEvent issueCommentEvent, IssueCommentAction action, CancellationToken cancellationToken = default)
    {
        // issue_comment also fires for pull-request conversations; those are not dataset issues.
        var isIssue = issueCommentEvent.Issue?.PullRequest is null;
        var comment = issueCommentEvent.Comment is { } c ? new IssueComment(c.User?.Login, c.Body ?? "", c.HtmlUrl, c.CreatedAt) : null;
        await HandleAsync(
            headers,
            issueCommentEvent.Repository?.FullName,
            issueCommentEvent.Action == "created" && isIssue ? IssueAction.Commented : null,
            issueCommentEvent.Issue,
            issueCommentEvent.Sender?.Login,
            null,
            comment,
            cancellationToken);
    }

    protected override async ValueTask ProcessPingWebhookAsync(WebhookHeaders headers, PingEvent pingEvent, CancellationToken cancellationToken = default)
    {
        LogPing(logger, headers.Delivery ?? "-", pingEvent.Repository?.FullName ?? "(organization)");
        if (headers.Delivery is { Length: > 0 } delivery)
        {
            await notifications.HandlePingAsync(delivery, pingEvent.Repository?.FullName, cancellationToken);
        }
    }

    private async Task HandleAsync(WebhookHeaders headers, string? repository, IssueAction? action, WebhookIssue? issue, string? actor, string? label, IssueComment? comment, CancellationToken cancellationToken)
    {
        // GitHub always sends these; a delivery without them is refused with the reason (GitHubEndpoints answers 400).
        if (headers.Delivery is not { Length: > 0 } delivery || repository is null || issue is null)
        {
            var missing = string.Join(", ", new[] { headers.Delivery is { Length: > 0 } ? null : "X-GitHub-Delivery header", repository is null ? "repository.full_name" : null, issue is null ? "issue" : null }.OfType<string>());
            throw new JsonException($"The {headers.Event} delivery has no {missing}.");
        }

        if (action is null)
        {
            // Still a sign of life from the repository's webhook: polling can leave it alone.
            await notifications.HandlePingAsync(delivery, repository, cancellationToken);
            return;
        }

        var info = new IssueInfo(
            (int)issue.Number,
            issue.Title ?? "",
            issue.HtmlUrl ?? "",
            issue.State?.StringValue == "closed" ? IssueState.Closed : IssueState.Open,
            [.. (issue.Labels ?? []).Select(l => l.Name)],
            issue.User?.Login,
            issue.CreatedAt,
            issue.UpdatedAt,
            issue.ClosedAt,
            issue.StateReason);
        var outcome = await notifications.HandleAsync(delivery, repository, new IssueEvent(action.Value, info, actor, label, comment), cancellationToken);
        LogHandled(logger, delivery, headers.Event ?? "-", action.Value.ToString(), outcome.ToString());
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "GitHub ping {Delivery} from {Repository}")]
    private static partial void LogPing(ILogger logger, string delivery, string repository);

    [LoggerMessage(Level = LogLevel.Information, Message = "GitHub delivery {Delivery} ({Event} {Action}): {Outcome}")]
    private static partial void LogHandled(ILogger logger, string delivery, string @event, string action, string outcome);
}
