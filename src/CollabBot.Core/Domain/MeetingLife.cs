namespace CollabBot.Core.Domain;

public enum TopicIdeaStatus
{
    Open,
    Scheduled,
    Closed,
}

/// <summary>
/// A topic suggested for a future meeting of a group (<c>/topic suggest</c>), shown as <c>#Id</c>. Scheduling it makes it
/// the theme of one occurrence (<see cref="SeriesId"/>, <see cref="OccurrenceDate"/>); closing it keeps the row.
/// </summary>
public sealed class TopicIdea
{
    public int Id { get; set; }
    public int GroupId { get; set; }
    public WorkingGroup Group { get; set; } = null!;
    public required string Title { get; set; }
    public string? Note { get; set; }
    public int? SpeakerPersonId { get; set; }
    public Person? SpeakerPerson { get; set; }
    public string? SpeakerName { get; set; }
    public int SuggestedByPersonId { get; set; }
    public Person SuggestedBy { get; set; } = null!;
    public DateTimeOffset SuggestedAt { get; set; }
    public TopicIdeaStatus Status { get; set; }

    /// <summary>The series whose occurrence it became the theme of, and that occurrence's original date ("yyyy-MM-dd").</summary>
    public int? SeriesId { get; set; }
    public MeetingSeries? Series { get; set; }
    public string? OccurrenceDate { get; set; }
    public string? ClosedReason { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
    public int? DecidedByPersonId { get; set; }

    public List<TopicVote> Votes { get; set; } = [];
}

/// <summary>One person's vote for an idea; voting again withdraws it (<see cref="WithdrawnAt"/>), a third time restores it. Rows are never deleted.</summary>
public sealed class TopicVote
{
    public int Id { get; set; }
    public int IdeaId { get; set; }
    public TopicIdea Idea { get; set; } = null!;
    public int PersonId { get; set; }
    public Person Person { get; set; } = null!;
    public DateTimeOffset At { get; set; }
    public DateTimeOffset? WithdrawnAt { get; set; }
}

public enum RsvpAnswer
{
    Yes,
    Maybe,
    No,
}

/// <summary>Whether a person comes to one occurrence (keyed, like talks, by its original date); a new answer replaces the old on the same row.</summary>
public sealed class Rsvp
{
    public int Id { get; set; }
    public int SeriesId { get; set; }
    public MeetingSeries Series { get; set; } = null!;
    public required string OccurrenceDate { get; set; }
    public int PersonId { get; set; }
    public Person Person { get; set; } = null!;
    public RsvpAnswer Answer { get; set; }
    public DateTimeOffset At { get; set; }
}

/// <summary>The minutes of one occurrence: a link or a short text. A correction is a new row; the latest is shown.</summary>
public sealed class MeetingMinutes
{
    public int Id { get; set; }
    public int SeriesId { get; set; }
    public MeetingSeries Series { get; set; } = null!;
    public required string OccurrenceDate { get; set; }
    public string? Url { get; set; }
    public string? Text { get; set; }
    public int AddedByPersonId { get; set; }
    public Person AddedBy { get; set; } = null!;
    public DateTimeOffset AddedAt { get; set; }
}

/// <summary>A duty of a series (chair, minutes…) that its volunteers take in turn (see <c>Meetings/Rotation</c>).</summary>
public sealed class MeetingDuty
{
    public int Id { get; set; }
    public int SeriesId { get; set; }
    public MeetingSeries Series { get; set; } = null!;
    public required string Name { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public List<DutyVolunteer> Volunteers { get; set; } = [];
    public List<DutyTurn> Turns { get; set; } = [];
}

/// <summary>A person in a duty's rotation, in the order they volunteered.</summary>
public sealed class DutyVolunteer
{
    public int Id { get; set; }
    public int DutyId { get; set; }
    public MeetingDuty Duty { get; set; } = null!;
    public int PersonId { get; set; }
    public Person Person { get; set; } = null!;
    public DateTimeOffset At { get; set; }
}

/// <summary>
/// A turn fixed for one occurrence: written when the occurrence's first reminder announces it, so later volunteers
/// never rewrite who held it. Turns of occurrences that have happened are <b>service</b>, shown on profiles.
/// </summary>
public sealed class DutyTurn
{
    public int Id { get; set; }
    public int DutyId { get; set; }
    public MeetingDuty Duty { get; set; } = null!;
    public required string OccurrenceDate { get; set; }
    public DateTimeOffset Start { get; set; }
    public int PersonId { get; set; }
    public Person Person { get; set; } = null!;
    public DateTimeOffset At { get; set; }
}

public enum DutySwapStatus
{
    Pending,
    Accepted,
    Declined,

    /// <summary>Taken back by whoever proposed it (or a convener) before it was answered.</summary>
    Withdrawn,
}

/// <summary>
/// A proposal (<c>/meeting duty swap</c>, shown as <c>#Id</c>) that <see cref="To"/> takes <see cref="From"/>'s turn of a
/// duty at one occurrence. It changes nothing until <see cref="To"/> accepts; then the turn is fixed as theirs. Kept
/// after the answer, as the record of who agreed.
/// </summary>
public sealed class DutySwap
{
    public int Id { get; set; }
    public int DutyId { get; set; }
    public MeetingDuty Duty { get; set; } = null!;
    public required string OccurrenceDate { get; set; }
    public int FromPersonId { get; set; }
    public Person From { get; set; } = null!;
    public int ToPersonId { get; set; }
    public Person To { get; set; } = null!;
    public DateTimeOffset ProposedAt { get; set; }
    public DutySwapStatus Status { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
}
