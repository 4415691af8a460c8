namespace CollabBot.Core.Domain;

public enum OutboundStatus
{
    Pending,
    Sent,
    Failed,
}

/// <summary>
/// A message the bot owes a channel or a person, written in the same transaction as the change that caused it
/// (a transactional outbox) and delivered afterwards by the platform's poster, with retries.
/// </summary>
public sealed class OutboundMessage
{
    public long Id { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary><c>slack</c>, <c>discord</c> or <c>console</c>.</summary>
    public required string Platform { get; set; }
    public required string Tenant { get; set; }

    /// <summary>A channel id, or for direct messages the person's identity key on that platform.</summary>
    public required string Target { get; set; }
    public bool IsDirect { get; set; }

    /// <summary>The reply, serialised (see <c>ReplyJson</c>).</summary>
    public required string Body { get; set; }

    /// <summary>Optional unique key that makes the message exactly-once (e.g. occurrence/offset/channel for reminders).</summary>
    public string? DedupeKey { get; set; }
    public OutboundStatus Status { get; set; }
    public int Attempts { get; set; }

    /// <summary>When the message fell (or falls) due, if it has a time of its own (a reminder: its occurrence's start less the offset); lateness is measured from it.</summary>
    public DateTimeOffset? DueAt { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }

    /// <summary>After this instant a message that could not be sent is given up (a reminder after its meeting started).</summary>
    public DateTimeOffset? GiveUpAt { get; set; }
    public DateTimeOffset? SentAt { get; set; }
    public string? LastError { get; set; }
}
