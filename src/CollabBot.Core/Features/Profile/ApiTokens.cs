using System.Security.Cryptography;
using System.Text;
using CollabBot.Core.Data;
using CollabBot.Core.Domain;
using Microsoft.EntityFrameworkCore;

namespace CollabBot.Core.Features.Profile;

/// <summary>
/// Personal API tokens: made here, hashed here, checked here. A token is <see cref="Prefix"/> and 43 characters of
/// base64url (32 random bytes); the database holds its SHA-256 only, so a copy of the database or of the audit log
/// cannot be used to call the API.
/// </summary>
public static class ApiTokens
{
    /// <summary>Marks the string as a CollabBot token (secret scanners and people both recognise it).</summary>
    public const string Prefix = "cbt_";

    private const int RandomBytes = 32;

    /// <summary>A token's length: prefix and unpadded base64url of 32 bytes.</summary>
    public static readonly int Length = Prefix.Length + 43;

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>
    /// Makes a new token for <paramref name="person"/>, revoking any live one, and adds its hash to the context (the
    /// caller saves). The returned token is the only copy there will ever be.
    /// </summary>
    public static async Task<(string Token, int Revoked)> IssueAsync(CollabBotDbContext db, Person person, string identity, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var revoked = await RevokeAsync(db, person, now, cancellationToken);
        var token = Prefix + Base64Url(RandomNumberGenerator.GetBytes(RandomBytes));
        db.ApiTokens.Add(new ApiToken { PersonId = person.Id, Hash = Hash(token), IssuedBy = identity, CreatedAt = now });
        return (token, revoked);
    }

    /// <summary>Revokes every live token of <paramref name="person"/>; how many there were.</summary>
    public static async Task<int> RevokeAsync(CollabBotDbContext db, Person person, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var live = await db.ApiTokens.Where(t => t.PersonId == person.Id && t.RevokedAt == null).ToListAsync(cancellationToken);
        foreach (var token in live)
        {
            token.RevokedAt = now;
        }

        return live.Count;
    }

    /// <summary>
    /// The person a presented token belongs to, or why not. Only the hash is looked up, so the comparison never
    /// touches the token's characters one by one. Use is noted at most once a minute.
    /// </summary>
    public static async Task<TokenCheck> CheckAsync(CollabBotDbContext db, string? presented, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(presented))
        {
            return new TokenCheck(null, "This endpoint needs a personal API token: send 'Authorization: Bearer <token>'. Get one with /profile token (in Slack, Discord or the console).");
        }

        if (presented.Length != Length || !presented.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return new TokenCheck(null, $"That is not a CollabBot API token: tokens start with '{Prefix}' and are {Length} characters long. Get one with /profile token.");
        }

        var hash = Hash(presented);
        var row = await db.ApiTokens.FirstOrDefaultAsync(t => t.Hash == hash, cancellationToken);
        if (row is null)
        {
            return new TokenCheck(null, "That API token is not known here. Get a new one with /profile token.");
        }

        if (row.RevokedAt is not null)
        {
            return new TokenCheck(null, "That API token was revoked. Get a new one with /profile token.");
        }

        var person = await db.People.FirstOrDefaultAsync(p => p.Id == row.PersonId, cancellationToken);
        if (person is null)
        {
            return new TokenCheck(null, "That API token's owner is no longer known. Get a new one with /profile token.");
        }

        if (row.LastUsedAt is null || now - row.LastUsedAt > TimeSpan.FromMinutes(1))
        {
            row.LastUsedAt = now;
            await db.SaveChangesAsync(cancellationToken);
        }

        return new TokenCheck(person, null, row.IssuedBy);
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

/// <summary>The owner of a valid token (and the identity that asked for it), or a sentence saying why the token was refused.</summary>
public sealed record TokenCheck(Person? Person, string? Refusal, string? IssuedBy = null);
