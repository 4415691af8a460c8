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

    Task PostToChannelAsync(string tenant, string channelId, Reply reply, CancellationToken cancellationToken);

    /// <summary>A direct message to a person, by their identity key on this platform.</summary>
    Task PostToPersonAsync(string tenant, string identity, Reply reply, CancellationToken cancellationToken);
}

/// <summary>A post the platform refused for good (channel gone, bot removed): retrying will not help.</summary>
public sealed class PermanentPostException(string message, Exception? inner = null) : Exception(message, inner);
