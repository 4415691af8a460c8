namespace CollabBot.Core.Domain;

/// <summary>
/// A personal API token from <c>/profile token</c>: what scripts send as <c>Authorization: Bearer …</c> to the
/// <c>/api/v1</c> write endpoints. Only the token's SHA-256 is kept; the token itself is shown once, to its owner, and
/// nowhere stored. A person has at most one live token: a new one revokes the old. Revoked rows stay, for the record.
/// </summary>
public sealed class ApiToken
{
    public int Id { get; set; }

    public int PersonId { get; set; }

    /// <summary>SHA-256 of the token's UTF-8 bytes, lower-case hex (64 characters).</summary>
    public required string Hash { get; set; }

    /// <summary>The identity that asked for it (<c>slack:T…:U…</c>), so the owner can tell where it came from.</summary>
    public required string IssuedBy { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }

    /// <summary>When a request last authenticated with it (at most once a minute is written).</summary>
    public DateTimeOffset? LastUsedAt { get; set; }
}
