
namespace CollabBot.Core.Domain;

/// <summary>How much a person did in a role; the order of the values is their rank (lead first).</summary>
public enum ContributionDegree
{
    Lead,
    Equal,
    Supporting,
}

public enum ContributionStatus
{
    Pending,
    Confirmed,
    Rejected,
}

/// <summary>
/// Person × project × CRediT role × degree, recorded by someone and pending until a convener of the project's
/// group confirms or rejects it. Only confirmed contributions reach an author list; nothing is ever deleted.
/// </summary>
public sealed class Contribution
{
    public int Id { get; set; }
    public int ProjectId { get; set; }
    public Project Project { get; set; } = null!;
    public int PersonId { get; set; }
    public Person Person { get; set; } = null!;
    public CreditRole Role { get; set; }
    public ContributionDegree Degree { get; set; } = ContributionDegree.Equal;
    public string? Note { get; set; }
    public ContributionStatus Status { get; set; }
    public int RecordedByPersonId { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
    public int? DecidedByPersonId { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }

    /// <summary>Why it was rejected, for the contributor.</summary>
    public string? Reason { get; set; }
}
