using CollabBot.Core.Data;
using CollabBot.Core.Domain;
using CollabBot.Core.Values;
using Microsoft.EntityFrameworkCore;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace CollabBot.Core.Seeding;

/// <summary>
/// Loads the demo community (or any community file of the same shape). It only adds what is missing —
/// by group slug, identity key, (group, person) and (group, meeting slug) — and never changes what is there,
/// so loading twice changes nothing and a seed never overwrites what users edited.
/// Meetings use the <c>--when</c> grammar, anchored on the day the seed is loaded (or on an explicit
/// <c>start</c>), so a demo loaded on any date has meetings ahead of it.
/// </summary>
public static partial class SeedLoader
{
    /// <summary>
    /// A seed's publication years are curated facts, not input to check against today: a clock set in the past (tests
    /// replaying a platform's documented example from 2018) must not reject a 2021 review.
    /// </summary>
    private const int SeedYearLimit = 9998;

    private static readonly IDeserializer Yaml = new DeserializerBuilder()
        .WithNamingConvention(HyphenatedNamingConvention.Instance)
        .Build();

    public static async Task<SeedResult> LoadFilesAsync(CollabBotDbContext db, IReadOnlyList<string> files, CancellationToken cancellationToken = default)
    {
        var total = SeedResult.Empty;
        foreach (var file in files)
        {
            if (!File.Exists(file))
            {
                throw new SeedException($"Seed file '{file}' does not exist.");
            }

            total += await LoadAsync(db, await File.ReadAllTextAsync(file, cancellationToken), Path.GetFileName(file), cancellationToken);
        }

        return total;
    }

    public static Task<SeedResult> LoadAsync(CollabBotDbContext db, string yaml, string source, CancellationToken cancellationToken = default) =>
        LoadAsync(db, Parse(yaml, source), source, cancellationToken);

    /// <summary>Reads a seed file's text; <see cref="SeedException"/> names the source and what is wrong.</summary>
    public static SeedFile Parse(string yaml, string source)
    {
        try
        {
            return Yaml.Deserialize<SeedFile>(yaml) ?? new SeedFile();
        }
        catch (YamlException ex)
        {
            throw new SeedException($"{source}: {ex.Message}");
        }
    }

    public static async Task<SeedResult> LoadAsync(CollabBotDbContext db, SeedFile seed, string source, CancellationToken cancellationToken = default)
    {
        var now = db.Now;
        Validate(seed, source, now);
        db.Actor = new AuditActor("seed:" + source, "seed");
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        var (people, newPeople) = await LoadPeopleAsync(db, seed, now, cancellationToken);
        var (newGroups, newMemberships, newChannels) = await LoadGroupsAsync(db, seed, people, now, cancellationToken);

        // Saved first so that people have ids: a talk records who added it by id.
        await db.SaveChangesAsync(cancellationToken);

        var (newMeetings, newTalks) = await LoadMeetingsAsync(db, seed, people, source, now, cancellationToken);
        var (newProjects, newContributions) = await LoadProjectsAsync(db, seed, people, now, cancellationToken);
        var (newDatasets, newVersions) = await LoadDatasetsAsync(db, seed, source, now, cancellationToken);
        var (newResources, newPaths) = await LoadResourcesAsync(db, seed, people, source, now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await ChallengeSeeds.LoadAsync(db, seed.Challenges, source, now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new SeedResult(newGroups, newPeople, newMemberships, newChannels, newMeetings, newTalks, newProjects, newContributions, newDatasets, newVersions, newResources, newPaths);
    }

    /// <summary>People by any of their identity keys (a person without keys gets <c>console:id</c>); a known person only gains the keys it lacks.</summary>
    private static async Task<(Dictionary<string, Person> People, int Added)> LoadPeopleAsync(CollabBotDbContext db, SeedFile seed, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var people = new Dictionary<string, Person>(StringComparer.Ordinal);
        var newPeople = 0;
        foreach (var p in seed.People)
        {
            var keys = p.Identities.Count > 0 ? p.Identities : [$"console:{p.Id}"];
            var existing = await db.Identities.Include(i => i.Person).Where(i => keys.Contains(i.Key)).ToListAsync(cancellationToken);
            var person = existing.FirstOrDefault()?.Person;
            if (person is null)
            {
                person = new Person
                {
                    DisplayName = p.Name ?? p.Id,
                    GivenName = p.Given,
                    FamilyName = p.Family,
                    NameParticle = p.Particle,
                    Orcid = p.Orcid is null ? null : NormalOrcid(p.Orcid),
                    Affiliations = [.. p.Affiliations],
                    TimeZone = Zones.Canonical(p.Tz),
                    CreatedAt = now,
                };
                db.People.Add(person);
                newPeople++;
            }

            foreach (var key in keys.Where(k => existing.All(e => e.Key != k)))
            {
                db.Identities.Add(new Identity { Key = key, Platform = key.Split(':')[0], Handle = p.Id, Person = person, FirstSeenAt = now });
            }

            people[p.Id] = person;
        }

        return (people, newPeople);
    }

    /// <summary>Groups by slug, memberships by (group, person) and channel links by (platform, tenant, channel): added when missing, never changed.</summary>
    private static async Task<(int Groups, int Memberships, int Channels)> LoadGroupsAsync(CollabBotDbContext db, SeedFile seed, Dictionary<string, Person> people, DateTimeOffset now, CancellationToken cancellationToken)
    {
        int newGroups = 0, newMemberships = 0, newChannels = 0;
        foreach (var g in seed.Groups)
        {
            var group = await db.Groups.Include(x => x.Memberships).Include(x => x.ChannelLinks).FirstOrDefaultAsync(x => x.Slug == g.Slug, cancellationToken);
            if (group is null)
            {
                group = new WorkingGroup
                {
                    Slug = g.Slug,
                    Name = g.Name,
                    Kind = Enum.Parse<GroupKind>(g.Kind, ignoreCase: true),
                    Description = g.Description?.Trim() ?? "",
                    TimeZone = Zones.Canonical(g.Tz) ?? "UTC",
                    IsOpen = !g.Closed,
                    CreatedAt = now,
                };
                db.Groups.Add(group);
                newGroups++;
            }

            void Member(string id, MemberRole role, IEnumerable<string> tags)
            {
                var person = people[id];
                if (group.Memberships.Any(m => m.Person == person || (person.Id != 0 && m.PersonId == person.Id)))
                {
                    return;
                }

                group.Memberships.Add(new Membership { Person = person, Role = role, Tags = [.. tags], JoinedAt = now });
                newMemberships++;
            }

            foreach (var c in g.Conveners)
            {
                Member(c, MemberRole.Convener, []);
            }

            foreach (var m in g.Members)
            {
                Member(m.Person, MemberRole.Member, m.Tags);
            }

            foreach (var ch in g.Channels)
            {
                if (group.ChannelLinks.Any(l => l.Platform == ch.Platform && l.Tenant == ch.Tenant && l.ChannelId == ch.Channel))
                {
                    continue;
                }

                group.ChannelLinks.Add(new ChannelLink { Platform = ch.Platform, Tenant = ch.Tenant, ChannelId = ch.Channel, ChannelName = ch.Name, LinkedAt = now });
                newChannels++;
            }
        }

        return (newGroups, newMemberships, newChannels);
    }

    /// <summary>Validated already; stored bare, as /profile set stores it.</summary>
    private static string NormalOrcid(string text) => Orcid.TryNormalize(text, out var orcid, out _) ? orcid : text;
}
