namespace CollabBot.Core.Domain;

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
