namespace CollabBot.Core.Domain;

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
