using CollabBot.Core.Outbox;
using CollabBot.Core.Replies;

namespace CollabBot.Slack;

/// <summary>Delivers outbox messages to Slack with <c>chat.postMessage</c> (channels, and direct messages to a user id).</summary>
public sealed class SlackPoster(SlackApiClient api) : IChatPoster
{
    private static readonly HashSet<string> Permanent = new(StringComparer.Ordinal)
    {
        "channel_not_found", "is_archived", "not_in_channel", "account_inactive", "invalid_auth", "not_authed",
        "user_not_found", "cannot_dm_bot", "restricted_action", "missing_scope", "msg_too_long", "invalid_blocks",
    };

    public string Platform => "slack";

    public Task PostToChannelAsync(string tenant, string channelId, Reply reply, CancellationToken cancellationToken) =>
        PostAsync(channelId, reply, tenant, cancellationToken);

    public Task PostToPersonAsync(string tenant, string identity, Reply reply, CancellationToken cancellationToken)
    {
        // slack:<team>:<user> — posting to a user id lands in the app's direct messages with that user.
        var parts = identity.Split(':');
        if (parts.Length != 3)
        {
            throw new PermanentPostException($"'{identity}' is not a Slack identity");
        }

        return PostAsync(parts[2], reply, parts[1], cancellationToken);
    }

    private async Task PostAsync(string channel, Reply reply, string team, CancellationToken cancellationToken)
    {
        try
        {
            await api.PostMessageAsync(channel, SlackRenderer.Render(reply, team), cancellationToken);
        }
        catch (SlackApiException ex) when (Permanent.Contains(ex.Error))
        {
            throw new PermanentPostException($"Slack refused the message: {ex.Error}", ex);
        }
    }
}
