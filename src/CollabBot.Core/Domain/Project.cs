namespace CollabBot.Core.Domain;

public enum ProjectKind
{
    Paper,
    Dataset,
    Software,
    Note,
}

/// <summary>What an author list is made for: a paper, a dataset release, a software release, a note. It belongs to a group.</summary>
public sealed class Project
{
    public int Id { get; set; }
    public int GroupId { get; set; }
    public WorkingGroup Group { get; set; } = null!;

    /// <summary>Unique across groups, so <c>/credit authors &lt;project&gt;</c> and download addresses need no group.</summary>
    public required string Slug { get; set; }
    public required string Title { get; set; }
    public ProjectKind Kind { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public int? CreatedByPersonId { get; set; }

    public List<Contribution> Contributions { get; set; } = [];
}
