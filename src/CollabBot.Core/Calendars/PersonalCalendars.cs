using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using CollabBot.Core.Data;
using CollabBot.Core.Domain;
using Microsoft.EntityFrameworkCore;

namespace CollabBot.Core.Calendars;

/// <summary>
/// Personal calendar feeds, <c>/calendar/me/&lt;token&gt;.ics</c>: the token is 32 random bytes in base64url, shown
/// once to its owner; the database keeps only its SHA-256, so a copy of the database opens no one's feed.
/// </summary>
public static class PersonalCalendars
{
    /// <summary>The length of a token as written (base64url of 32 bytes, no padding).</summary>
    public const int TokenLength = 43;

    public static string Path(string token) => $"/calendar/me/{token}.ics";

    public static string NewToken() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>Ends every active token of the person; returns how many.</summary>
    public static async Task<int> RevokeAsync(CollabBotDbContext db, Person person, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var active = await db.CalendarTokens.Where(t => t.PersonId == person.Id && t.RevokedAt == null).ToListAsync(cancellationToken);
        active.ForEach(t => t.RevokedAt = now);
        return active.Count;
    }

    /// <summary>The person whose active token this is, or null (unknown, revoked, or not a token at all).</summary>
    public static async Task<Person?> OwnerAsync(CollabBotDbContext db, string token, CancellationToken cancellationToken)
    {
        if (token.Length != TokenLength || !Base64Url.IsValid(token))
        {
            return null;
        }

        var hash = Hash(token);
        return await db.CalendarTokens.AsNoTracking()
            .Where(t => t.Hash == hash && t.RevokedAt == null)
            .Select(t => t.Person)
            .FirstOrDefaultAsync(cancellationToken);
    }
}
