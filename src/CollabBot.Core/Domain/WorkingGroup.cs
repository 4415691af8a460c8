namespace CollabBot.Core.Domain;

public enum GroupKind
{
    Dataset,
    Problem,
    Area,
    General,
}

/// <summary>A working group, identified to users by its slug.</summary>
public sealed class WorkingGroup : IVersioned
{
    public int Id { get; set; }
    public required string Slug { get; set; }
    public required string Name { get; set; }
    public GroupKind Kind { get; set; } = GroupKind.Problem;
    public string Description { get; set; } = "";
    public string TimeZone { get; set; } = "UTC";
    public bool IsOpen { get; set; } = true;
    public bool IsArchived { get; set; }

    /// <summary>The conveners' words to newcomers (<c>/wg welcome</c>), sent first in the welcome when someone joins; null: none yet.</summary>
    public string? Welcome { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public int Version { get; set; }

    public List<Membership> Memberships { get; set; } = [];
    public List<ChannelLink> ChannelLinks { get; set; } = [];
}
