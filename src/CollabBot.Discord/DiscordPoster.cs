using System.Collections.Concurrent;
using CollabBot.Core.Outbox;
using CollabBot.Core.Replies;

namespace CollabBot.Discord;

/// <summary>
/// Delivers outbox messages to Discord channels, and to people through their direct-message channel. Every message
/// carries the outbox key as its <c>nonce</c> with <c>enforce_nonce</c>: when an earlier attempt did get through (the
/// instance died before it could mark the row sent), Discord answers the second with the message it already has
/// instead of posting it twice.
/// </summary>
public sealed class DiscordPoster(DiscordRestClient rest) : IChatPoster
{
    /// <summary>Unknown channel, missing access, missing permissions, cannot DM the user: retrying will not help.</summary>
    private static readonly HashSet<int> Permanent = [10003, 10013, 50001, 50007, 50013, 50035];

    private readonly ConcurrentDictionary<string, string> dmChannels = new(StringComparer.Ordinal);

    public string Platform => "discord";

    public async Task PostToChannelAsync(string tenant, string channelId, Reply reply, OutboxPost post, CancellationToken cancellationToken)
    {
        try
        {
            await rest.CreateMessageAsync(channelId, Stamped(reply, post), cancellationToken);
        }
        catch (DiscordApiException ex) when (ex.Code is { } code && Permanent.Contains(code) || ex.Status is 403 or 404)
        {
            throw new PermanentPostException($"Discord refused the message: {ex.Message}", ex);
        }
    }

    public async Task PostToPersonAsync(string tenant, string identity, Reply reply, OutboxPost post, CancellationToken cancellationToken)
    {
        var userId = identity.StartsWith("discord:", StringComparison.Ordinal) ? identity["discord:".Length..] : throw new PermanentPostException($"'{identity}' is not a Discord identity");
        try
        {
            if (!dmChannels.TryGetValue(userId, out var channel))
            {
                channel = await rest.CreateDmChannelAsync(userId, cancellationToken);
                dmChannels[userId] = channel;
            }

            await rest.CreateMessageAsync(channel, Stamped(reply, post), cancellationToken);
        }
        catch (DiscordApiException ex) when (ex.Code is { } code && Permanent.Contains(code) || ex.Status is 403 or 404)
        {
            throw new PermanentPostException($"Discord refused the direct message: {ex.Message}", ex);
        }
    }

    private static System.Text.Json.Nodes.JsonObject Stamped(Reply reply, OutboxPost post)
    {
        var message = DiscordRenderer.Message(reply, ephemeral: false);
        message["nonce"] = post.Key;
        message["enforce_nonce"] = true;
        return message;
    }
}
