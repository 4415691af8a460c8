using System.Globalization;
using CollabBot.Core.Replies;

namespace CollabBot.Core.Outbox;

/// <summary>
/// A platform that can post what the bot owes: Slack, Discord, the console. The core knows only this port;
/// each adapter renders the reply its own way and decides what may ping.
/// </summary>
public interface IChatPoster
{
    /// <summary><c>slack</c>, <c>discord</c> or <c>console</c>, as in identity keys and channel links.</summary>
    string Platform { get; }

    Task PostToChannelAsync(string tenant, string channelId, Reply reply, OutboxPost post, CancellationToken cancellationToken);

    /// <summary>A direct message to a person, by their identity key on this platform.</summary>
    Task PostToPersonAsync(string tenant, string identity, Reply reply, OutboxPost post, CancellationToken cancellationToken);
}

/// <summary>
/// Which outbox row a post delivers, so that a post is made once even when the instance that made it died before it
/// could mark the row sent. <see cref="Key"/> travels with the message (Discord's <c>nonce</c> with
/// <c>enforce_nonce</c>, Slack's message <c>metadata</c>); <see cref="EarlierAttemptSince"/> is set when an earlier
/// attempt may have reached the platform (a claim that lapsed, or a post whose answer never came) and is the earliest
/// instant that attempt could have been made: a poster that cannot rely on the platform to refuse a second copy looks
/// for the key in what was posted since then before posting again.
/// </summary>
public readonly record struct OutboxPost(string Key, DateTimeOffset? EarlierAttemptSince = null)
{
    /// <summary>Slack's <c>metadata.event_type</c> on every outbox post.</summary>
    public const string SlackEventType = "collabbot_outbox";

    /// <summary>Discord accepts a nonce of at most 25 characters.</summary>
    public const int MaxKeyLength = 25;

    /// <summary>
    /// The key of an outbox row: its id (hex) and the low 24 bits of its creation time in milliseconds, so a database
    /// started afresh does not produce the key of a message posted by the one before it in the same minutes; at most
    /// 25 characters (<c>cb</c> + 16 + <c>.</c> + 6).
    /// </summary>
    public static string KeyOf(long id, DateTimeOffset createdAt) =>
        string.Create(CultureInfo.InvariantCulture, $"cb{id:x}.{createdAt.ToUnixTimeMilliseconds() & 0xFFFFFF:x6}");
}

/// <summary>A post the platform refused for good (channel gone, bot removed): retrying will not help.</summary>
public sealed class PermanentPostException(string message, Exception? inner = null) : Exception(message, inner);
