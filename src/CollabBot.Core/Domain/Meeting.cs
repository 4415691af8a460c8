namespace CollabBot.Core.Domain;

/// <summary>
/// A group's recurring (or one-off) meeting. The stored truth is wall-clock time in <see cref="TimeZone"/>
/// (<see cref="StartLocal"/> as "yyyy-MM-dd HH:mm" and an RFC 5545 <see cref="Rule"/>); instants are derived.
/// </summary>
public sealed class MeetingSeries : IVersioned
{
    public int Id { get; set; }
    public int GroupId { get; set; }
    public WorkingGroup Group { get; set; } = null!;

    /// <summary>Unique within the group: the <c>series</c> of <c>wg/series</c> references.</summary>
    public required string Slug { get; set; }
    public required string Title { get; set; }
    public string Kind { get; set; } = "general";

    /// <summary>Kinds the occurrences take in turn ("general,expert"), counted over scheduled dates from the start; null: every occurrence is <see cref="Kind"/>.</summary>
    public string? AlternateKinds { get; set; }

    /// <summary>RFC 5545 RRULE without the prefix; null for a one-off meeting.</summary>
    public string? Rule { get; set; }
    public required string StartLocal { get; set; }
    public required string TimeZone { get; set; }
    public int DurationMinutes { get; set; } = 60;
    public string? Where { get; set; }
    public string? Link { get; set; }

    /// <summary>Reminder offsets such as "1d,15m"; empty means reminders are off; null means the deployment's default.</summary>
    public string? ReminderOffsets { get; set; }

    /// <summary>Occurrences starting after this instant are not held (the series was ended); past ones stay.</summary>
    public DateTimeOffset? EndedAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public int Version { get; set; }

    public List<OccurrenceChange> Changes { get; set; } = [];
}

public enum OccurrenceChangeKind
{
    Cancelled,
    Moved,
}

/// <summary>One occurrence of a series cancelled or moved, keyed by its original local date.</summary>
public sealed class OccurrenceChange
{
    public int Id { get; set; }
    public int SeriesId { get; set; }
    public MeetingSeries Series { get; set; } = null!;

    /// <summary>"yyyy-MM-dd": the date the occurrence had in the schedule.</summary>
    public required string OriginalDate { get; set; }
    public OccurrenceChangeKind Kind { get; set; }

    /// <summary>"yyyy-MM-dd HH:mm" in the series' zone, for a move.</summary>
    public string? NewStartLocal { get; set; }
    public string? Reason { get; set; }
    public DateTimeOffset At { get; set; }
    public int ByPersonId { get; set; }
}

/// <summary>A talk on an occurrence's agenda. Removing it sets <see cref="RemovedAt"/>; nothing is deleted.</summary>
public sealed class Talk
{
    public int Id { get; set; }
    public int SeriesId { get; set; }
    public MeetingSeries Series { get; set; } = null!;

    /// <summary>"yyyy-MM-dd": the occurrence's original date.</summary>
    public required string OccurrenceDate { get; set; }
    public required string Title { get; set; }
    public int? SpeakerPersonId { get; set; }
    public Person? SpeakerPerson { get; set; }
    public string? SpeakerName { get; set; }
    public int Minutes { get; set; } = 20;
    public string? Link { get; set; }
    public int AddedByPersonId { get; set; }
    public DateTimeOffset AddedAt { get; set; }
    public DateTimeOffset? RemovedAt { get; set; }
}
