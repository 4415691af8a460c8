using CollabBot.Core.Data;
using CollabBot.Core.Domain;
using Microsoft.EntityFrameworkCore;

namespace CollabBot.Core.Commands;

/// <summary>Identity → person, creating both on first sight.</summary>
public static class People
{
    /// <summary>
    /// Every command reads its caller's identity: compiled once, so EF does not hash and look up the query's expression
    /// tree in its query cache on each of them (a tenth of a join's CPU went to that cache for its few queries).
    /// </summary>
    private static readonly CompiledPerModel<Func<CollabBotDbContext, string, CancellationToken, Task<Identity?>>> IdentityByKey = new(() =>
        EF.CompileAsyncQuery((CollabBotDbContext db, string key, CancellationToken _) => db.Identities.Include(i => i.Person).FirstOrDefault(i => i.Key == key)));

    public static Task<Person> ResolveAsync(CollabBotDbContext db, Caller caller, DateTimeOffset now, CancellationToken cancellationToken) =>
        ResolveAsync(db, caller.Identity, caller.DisplayName, now, cancellationToken, caller);

    public static async Task<Person> ResolveAsync(CollabBotDbContext db, string identityKey, string? label, DateTimeOffset now, CancellationToken cancellationToken, Caller? hints = null)
    {
        var identity = db.Identities.Local.FirstOrDefault(i => i.Key == identityKey)
            ?? await IdentityByKey.For(db)(db, identityKey, cancellationToken);
        if (identity is not null)
        {
            return identity.Person;
        }

        var platform = identityKey.Split(':')[0];
        var fallback = identityKey[(identityKey.LastIndexOf(':') + 1)..];
        var person = new Person
        {
            DisplayName = string.IsNullOrWhiteSpace(label) ? fallback : Clip(label.Trim()),
            GivenName = Hint(hints?.GivenName),
            FamilyName = Hint(hints?.FamilyName),
            TimeZone = Values.Zones.Canonical(hints?.TimeZone),
            CreatedAt = now,
        };
        identity = new Identity { Key = identityKey, Platform = platform, Handle = label is null ? null : Clip(label), Person = person, FirstSeenAt = now };
        db.People.Add(person);
        db.Identities.Add(identity);
        return person;
    }

    private static string? Hint(string? text) => string.IsNullOrWhiteSpace(text) ? null : Clip(text.Trim());

    private static string Clip(string text) => text.Length <= 200 ? text : text[..200];

    /// <summary>How a person is named in replies: the display name, or given and family names when set.</summary>
    public static string Name(Person person)
    {
        var full = string.Join(' ', new[] { person.GivenName, person.NameParticle, person.FamilyName }.Where(s => !string.IsNullOrWhiteSpace(s)));
        return full.Length > 0 ? full : person.DisplayName;
    }
}
