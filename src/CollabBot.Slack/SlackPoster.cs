using System.Text.Json.Nodes;
using CollabBot.Core.Outbox;
using CollabBot.Core.Replies;
using Microsoft.Extensions.Logging;

namespace CollabBot.Slack;

/// <summary>
/// Delivers outbox messages to Slack with <c>chat.postMessage</c> (channels, and direct messages to a user id). Every
/// post carries the outbox key in its message <c>metadata</c>; a post that may have been made already (an earlier
/// attempt whose outcome is unknown) is first looked for in <c>conversations.history</c> since that attempt, and not
/// made again when it is there.
/// </summary>
public sealed partial class SlackPoster(SlackApiClient api, ILogger<SlackPoster> logger) : IChatPoster
{
    private static readonly HashSet<string> Permanent = new(StringComparer.Ordinal)
    {
        "channel_not_found", "is_archived", "not_in_channel", "account_inactive", "invalid_auth", "not_authed",
        "user_not_found", "cannot_dm_bot", "restricted_action", "missing_scope", "msg_too_long", "invalid_blocks",
    };

    /// <summary>Answers to the history look-up that mean it cannot be made (an app installed without the history scopes): post anyway.</summary>
    private static readonly HashSet<string> CannotLook = new(StringComparer.Ordinal) { "missing_scope", "not_allowed_token_type", "no_permission" };

    /// <summary>Slack's clock and ours may differ a little: look this much further back than the earlier attempt.</summary>
    private static readonly TimeSpan ClockSlack = TimeSpan.FromSeconds(30);

    public string Platform => "slack";

    public Task PostToChannelAsync(string tenant, string channelId, Reply reply, OutboxPost post, CancellationToken cancellationToken) =>
        PostAsync(channelId, reply, tenant, post, direct: false, cancellationToken);

    public Task PostToPersonAsync(string tenant, string identity, Reply reply, OutboxPost post, CancellationToken cancellationToken)
    {
        // slack:<team>:<user> — posting to a user id lands in the app's direct messages with that user.
        var parts = identity.Split(':');
        if (parts.Length != 3)
        {
            throw new PermanentPostException($"'{identity}' is not a Slack identity");
        }

        return PostAsync(parts[2], reply, parts[1], post, direct: true, cancellationToken);
    }

    private async Task PostAsync(string channel, Reply reply, string team, OutboxPost post, bool direct, CancellationToken cancellationToken)
    {
        try
        {
            if (post.EarlierAttemptSince is { } since && await AlreadyPostedAsync(channel, direct, post.Key, since, cancellationToken))
            {
                LogAlreadyPosted(logger, post.Key);
                return;
            }

            var metadata = new JsonObject
            {
                ["event_type"] = OutboxPost.SlackEventType,
                ["event_payload"] = new JsonObject { ["key"] = post.Key },
            };
            await api.PostMessageAsync(channel, SlackRenderer.Render(reply, team), metadata, cancellationToken);
        }
        catch (SlackApiException ex) when (Permanent.Contains(ex.Error))
        {
            throw new PermanentPostException($"Slack refused the message: {ex.Error}", ex);
        }
    }

    private async Task<bool> AlreadyPostedAsync(string channel, bool direct, string key, DateTimeOffset since, CancellationToken cancellationToken)
    {
        try
        {
            var conversation = direct ? await api.OpenDirectMessageAsync(channel, cancellationToken) : channel;
            return await api.HistoryHasMetadataAsync(conversation, since - ClockSlack, OutboxPost.SlackEventType, key, cancellationToken: cancellationToken);
        }
        catch (SlackApiException ex) when (CannotLook.Contains(ex.Error))
        {
            LogCannotLook(logger, key, ex.Error);
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Outbox message {Key} was already in Slack from an earlier attempt; not posted again")]
    private static partial void LogAlreadyPosted(ILogger logger, string key);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not look for outbox message {Key} in Slack's history ({Error}: add the history scopes); posting it again")]
    private static partial void LogCannotLook(ILogger logger, string key, string error);
}
