using CollabBot.Core.Data;
using CollabBot.Core.Domain;
using Microsoft.EntityFrameworkCore;

namespace CollabBot.Core.Features.Profile;

/// <summary>
/// Joins two people into one (the result of <c>/profile link</c>). Identities, memberships, join requests and
/// contributions move to the surviving person; where both belong to a group, the stronger role is kept and
/// the tags merged. The other person's row stays, marked <see cref="Person.MergedIntoPersonId"/>: nothing is
/// deleted, and the audit records every row that moved.
/// </summary>
public static class PersonMerge
{
    public sealed record Result(
        Person Survivor,
        int Identities,
        int MembershipsMoved,
        int MembershipsCombined,
        int JoinRequests,
        int Contributions,
        IReadOnlyList<string> Filled,
        IReadOnlyList<string> Kept);

    /// <summary>The older record survives: it is the one earlier messages, decisions and the audit point at.</summary>
    public static (Person Survivor, Person Absorbed) Choose(Person a, Person b)
    {
        if (a.Id == 0 || b.Id == 0)
        {
            return a.Id == 0 ? (b, a) : (a, b);
        }

        return (a.CreatedAt, a.Id).CompareTo((b.CreatedAt, b.Id)) <= 0 ? (a, b) : (b, a);
    }

    public static async Task<Result> MergeAsync(CollabBotDbContext db, Person survivor, Person absorbed, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        if (survivor.Id == 0)
        {
            throw new InvalidOperationException("The surviving person must already be saved.");
        }

        var identities = absorbed.Id == 0
            ? db.Identities.Local.Where(i => i.Person == absorbed).ToList()
            : await db.Identities.Where(i => i.PersonId == absorbed.Id).ToListAsync(cancellationToken);
        foreach (var identity in identities)
        {
            identity.Person = survivor;
            identity.PersonId = survivor.Id;
        }

        var (filled, kept) = FillProfile(survivor, absorbed);
        if (absorbed.Id == 0)
        {
            // Seen for the first time by this very command: there is nothing to move, and no row to keep.
            db.Entry(absorbed).State = EntityState.Detached;
            return new Result(survivor, identities.Count, 0, 0, 0, 0, filled, kept);
        }

        var theirs = await db.Memberships.Where(m => m.PersonId == absorbed.Id).ToListAsync(cancellationToken);
        var ours = await db.Memberships.Where(m => m.PersonId == survivor.Id).ToDictionaryAsync(m => m.GroupId, cancellationToken);
        int moved = 0, combined = 0;
        foreach (var membership in theirs)
        {
            if (!ours.TryGetValue(membership.GroupId, out var mine))
            {
                membership.PersonId = survivor.Id;
                membership.Person = survivor;
                moved++;
                continue;
            }

            if (membership.IsActive)
            {
                if (!mine.IsActive)
                {
                    mine.EndedAt = null;
                    mine.Role = membership.Role;
                    mine.JoinedAt = membership.JoinedAt;
                }
                else if (membership.Role > mine.Role)
                {
                    mine.Role = membership.Role;
                }

                mine.Tags = [.. mine.Tags.Union(membership.Tags, StringComparer.Ordinal)];

                // The row stays with the merged person for the record, ended, since (group, person) is unique.
                membership.EndedAt = now;
                combined++;
            }
        }

        var requests = await db.JoinRequests.Where(j => j.PersonId == absorbed.Id).ToListAsync(cancellationToken);
        foreach (var request in requests)
        {
            request.PersonId = survivor.Id;
            request.Person = survivor;
        }

        var contributions = await db.Contributions.Where(c => c.PersonId == absorbed.Id).ToListAsync(cancellationToken);
        foreach (var contribution in contributions)
        {
            contribution.PersonId = survivor.Id;
            contribution.Person = survivor;
        }

        // API tokens keep working for the one person both accounts now are.
        foreach (var token in await db.ApiTokens.Where(t => t.PersonId == absorbed.Id).ToListAsync(cancellationToken))
        {
            token.PersonId = survivor.Id;
        }

        absorbed.MergedIntoPersonId = survivor.Id;
        return new Result(survivor, identities.Count, moved, combined, requests.Count, contributions.Count, filled, kept);
    }

    /// <summary>The survivor's profile wins; its empty fields are filled from the other, and differences are reported.</summary>
    private static (List<string> Filled, List<string> Kept) FillProfile(Person survivor, Person absorbed)
    {
        var filled = new List<string>();
        var kept = new List<string>();
        void One(string label, string? mine, string? theirs, Action<string> set)
        {
            if (string.IsNullOrWhiteSpace(theirs) || mine == theirs)
            {
                return;
            }

            if (string.IsNullOrWhiteSpace(mine))
            {
                set(theirs);
                filled.Add(label);
            }
            else
            {
                kept.Add($"{label} {mine} (the other account had {theirs})");
            }
        }

        One("given names", survivor.GivenName, absorbed.GivenName, v => survivor.GivenName = v);
        One("family name", survivor.FamilyName, absorbed.FamilyName, v => survivor.FamilyName = v);
        One("name particle", survivor.NameParticle, absorbed.NameParticle, v => survivor.NameParticle = v);
        One("suffix", survivor.Suffix, absorbed.Suffix, v => survivor.Suffix = v);
        One("ORCID", survivor.Orcid, absorbed.Orcid, v => survivor.Orcid = v);
        One("time zone", survivor.TimeZone, absorbed.TimeZone, v => survivor.TimeZone = v);
        if (survivor.Affiliations.Count == 0 && absorbed.Affiliations.Count > 0)
        {
            survivor.Affiliations = [.. absorbed.Affiliations];
            filled.Add("affiliations");
        }
        else if (absorbed.Affiliations.Count > 0 && !survivor.Affiliations.SequenceEqual(absorbed.Affiliations))
        {
            kept.Add($"affiliations {string.Join("; ", survivor.Affiliations)} (the other account had {string.Join("; ", absorbed.Affiliations)})");
        }

        return (filled, kept);
    }
}
