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
    public int Version { get; set; }

    public bool IsActive => EndedAt is null;
}

/// <summary>A Slack or Discord channel bound to a group; unlinking ends it.</summary>
public sealed class ChannelLink
{
    public int Id { get; set; }
    public int GroupId { get; set; }
    public WorkingGroup Group { get; set; } = null!;
    public required string Platform { get; set; }
    public required string Tenant { get; set; }
    public required string ChannelId { get; set; }
    public string? ChannelName { get; set; }
    public DateTimeOffset LinkedAt { get; set; }
    public DateTimeOffset? UnlinkedAt { get; set; }
}

public enum JoinRequestStatus
{
    Pending,
    Approved,
    Denied,
}

public sealed class JoinRequest
{
    public int Id { get; set; }
    public int GroupId { get; set; }
    public WorkingGroup Group { get; set; } = null!;
    public int PersonId { get; set; }
    public Person Person { get; set; } = null!;
    public JoinRequestStatus Status { get; set; }
    public DateTimeOffset RequestedAt { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
    public int? DecidedByPersonId { get; set; }
}

/// <summary>Who changed what, when, from which platform: written for every change in the same transaction.</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public DateTimeOffset At { get; set; }
    public required string Actor { get; set; }
    public required string Platform { get; set; }
    public string? Command { get; set; }
    public required string Entity { get; set; }
    public required string EntityKey { get; set; }
    public required string Action { get; set; }

    /// <summary>JSON: property → [old, new].</summary>
    public string Changes { get; set; } = "{}";
}

/// <summary>Entities with an optimistic-concurrency version, bumped on every update.</summary>
public interface IVersioned
{
    int Version { get; set; }
}
