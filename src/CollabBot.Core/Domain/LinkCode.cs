namespace CollabBot.Core.Domain;

/// <summary>
/// A one-time code from <c>/profile link</c>: typed on another platform within its lifetime, it joins that
/// identity's person with the person who asked for it. Used codes stay, with who used them and when.
/// </summary>
public sealed class LinkCode
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    public int Id { get; set; }

    /// <summary>Eight characters from an alphabet without look-alikes, stored without the hyphen shown to people.</summary>
    public required string Code { get; set; }

    /// <summary>The identity that asked for the code.</summary>
    public required string IdentityKey { get; set; }
    public int PersonId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public DateTimeOffset? UsedAt { get; set; }
    public string? UsedByIdentityKey { get; set; }
}
