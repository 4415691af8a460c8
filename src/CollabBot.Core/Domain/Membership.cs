namespace CollabBot.Core.Domain;

public enum MemberRole
{
    Member,
    Convener,
}

/// <summary>
/// A person in a group. Leaving or removal ends the membership (<see cref="EndedAt"/>); nothing is deleted,
/// so the history stays and rejoining reopens the same row.
/// </summary>
public sealed class Membership : IVersioned
{
    public int Id { get; set; }
    public int GroupId { get; set; }
    public WorkingGroup Group { get; set; } = null!;
    public int PersonId { get; set; }
    public Person Person { get; set; } = null!;
    public MemberRole Role { get; set; }

    /// <summary>Role tags: <c>dataset-team</c>, <c>software-team</c>, <c>champion</c>, <c>liaison:&lt;experiment&gt;</c>.</summary>
    public List<string> Tags { get; set; } = [];
    public DateTimeOffset JoinedAt { get; set; }
    public DateTimeOffset? EndedAt { get; set; }

    /// <summary>Set with <c>/wg mute</c>: no personal reminders for this group's meetings (channel reminders are unaffected).</summary>
    public bool RemindersMuted { get; set; }
    public int Version { get; set; }

    public bool IsActive => EndedAt is null;
}
