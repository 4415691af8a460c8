namespace CollabBot.Core.Domain;

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
