using CollabBot.Core.Authors;
using CollabBot.Core.Data;
using CollabBot.Core.Domain;
using CollabBot.Core.Replies;
using CollabBot.Core.Values;
using Microsoft.EntityFrameworkCore;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace CollabBot.Core.Seeding;

/// <summary>A seed file that cannot be loaded; the message names the file and what is wrong.</summary>
public sealed class SeedException(string message) : Exception(message);

public sealed record SeedResult(int Groups, int People, int Memberships, int Channels, int Projects = 0, int Contributions = 0)
{
    public static SeedResult operator +(SeedResult a, SeedResult b) =>
        new(a.Groups + b.Groups, a.People + b.People, a.Memberships + b.Memberships, a.Channels + b.Channels, a.Projects + b.Projects, a.Contributions + b.Contributions);
}

/// <summary>
/// Loads the demo community (or any community file of the same shape). It only adds what is missing —
/// by group slug, identity key and (group, person) — and never changes what is there, so loading twice
/// changes nothing and a seed never overwrites what users edited.
/// </summary>
public static class SeedLoader
{
    private static readonly IDeserializer Yaml = new DeserializerBuilder()
        .WithNamingConvention(HyphenatedNamingConvention.Instance)
        .Build();

    public static async Task<SeedResult> LoadFilesAsync(CollabBotDbContext db, IReadOnlyList<string> files, CancellationToken cancellationToken = default)
    {
        var total = new SeedResult(0, 0, 0, 0);
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

    public static async Task<SeedResult> LoadAsync(CollabBotDbContext db, string yaml, string source, CancellationToken cancellationToken = default)
    {
        SeedFile seed;
        try
        {
            seed = Yaml.Deserialize<SeedFile>(yaml) ?? new SeedFile();
        }
        catch (YamlException ex)
        {
            throw new SeedException($"{source}: {ex.Message}");
        }

        Validate(seed, source);
        db.Actor = new AuditActor("seed:" + source, "seed");
        var now = db.Now;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

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

        // Groups and people need their ids before projects and contributions can refer to them.
        await db.SaveChangesAsync(cancellationToken);
        var (newProjects, newContributions) = await LoadProjectsAsync(db, seed, people, now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new SeedResult(newGroups, newPeople, newMemberships, newChannels, newProjects, newContributions);
    }

    /// <summary>Projects by slug and contributions by (project, person, role): added when missing, never changed.</summary>
    private static async Task<(int Projects, int Contributions)> LoadProjectsAsync(CollabBotDbContext db, SeedFile seed, Dictionary<string, Person> people, DateTimeOffset now, CancellationToken cancellationToken)
    {
        int newProjects = 0, newContributions = 0;
        foreach (var p in seed.Projects)
        {
            var group = await db.Groups.FirstAsync(g => g.Slug == p.Group, cancellationToken);
            var project = await db.Projects.Include(x => x.Contributions).FirstOrDefaultAsync(x => x.Slug == p.Slug, cancellationToken);
            if (project is null)
            {
                project = new Project
                {
                    Group = group,
                    Slug = p.Slug,
                    Title = p.Title.Trim(),
                    Kind = Enum.Parse<ProjectKind>(p.Kind, ignoreCase: true),
                    CreatedAt = now,
                };
                db.Projects.Add(project);
                newProjects++;
            }

            var convener = await db.Memberships.Where(m => m.GroupId == group.Id && m.Role == MemberRole.Convener && m.EndedAt == null)
                .OrderBy(m => m.Id).Select(m => (int?)m.PersonId).FirstOrDefaultAsync(cancellationToken);
            foreach (var c in p.Contributions)
            {
                var person = people[c.Person];
                CreditTaxonomy.TryParse(c.Role, out var role, out _);
                if (project.Contributions.Any(x => x.PersonId == person.Id && x.Role == role))
                {
                    continue;
                }

                var status = Enum.Parse<ContributionStatus>(c.Status, ignoreCase: true);
                var decided = status != ContributionStatus.Pending;
                project.Contributions.Add(new Contribution
                {
                    Person = person,
                    PersonId = person.Id,
                    Role = role,
                    Degree = Enum.Parse<ContributionDegree>(c.Degree, ignoreCase: true),
                    Note = c.Note,
                    Status = status,
                    RecordedByPersonId = people[c.RecordedBy ?? c.Person].Id,
                    RecordedAt = now,
                    DecidedByPersonId = decided ? convener ?? person.Id : null,
                    DecidedAt = decided ? now : null,
                    Reason = c.Reason,
                });
                newContributions++;
            }
        }

        return (newProjects, newContributions);
    }

    /// <summary>Validated already; stored bare, as /profile set stores it.</summary>
    private static string NormalOrcid(string text) => Orcid.TryNormalize(text, out var orcid, out _) ? orcid : text;

    private static void Validate(SeedFile seed, string source)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var owners = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var p in seed.People)
        {
            if (string.IsNullOrWhiteSpace(p.Id) || !ids.Add(p.Id))
            {
                throw new SeedException($"{source}: person id '{p.Id}' is missing or used twice.");
            }

            foreach (var key in p.Identities)
            {
                if (owners.TryGetValue(key, out var owner))
                {
                    throw new SeedException($"{source}: {p.Id}: identity '{key}' is already {owner}'s.");
                }

                owners[key] = p.Id;
            }

            if (p.Orcid is not null && !Orcid.TryNormalize(p.Orcid, out _, out var error))
            {
                throw new SeedException($"{source}: {p.Id}: {error}");
            }

            foreach (var key in p.Identities.Where(k => !IdentityKey.IsValid(k)))
            {
                throw new SeedException($"{source}: {p.Id}: '{key}' is not an identity key.");
            }

            if (p.Tz is not null && Zones.Canonical(p.Tz) is null)
            {
                throw new SeedException($"{source}: {p.Id}: '{p.Tz}' is not an IANA time zone.");
            }
        }

        var slugs = new HashSet<string>(StringComparer.Ordinal);
        foreach (var g in seed.Groups)
        {
            if (!Slug.IsValid(g.Slug ?? ""))
            {
                throw new SeedException($"{source}: '{g.Slug}' is not a valid group slug.");
            }

            if (!slugs.Add(g.Slug!))
            {
                throw new SeedException($"{source}: group slug '{g.Slug}' is used twice.");
            }

            if (!Enum.TryParse<GroupKind>(g.Kind, ignoreCase: true, out _))
            {
                throw new SeedException($"{source}: {g.Slug}: kind '{g.Kind}' is not dataset, problem, area or general.");
            }

            if (g.Tz is not null && Zones.Canonical(g.Tz) is null)
            {
                throw new SeedException($"{source}: {g.Slug}: '{g.Tz}' is not an IANA time zone.");
            }

            foreach (var id in g.Conveners.Concat(g.Members.Select(m => m.Person)).Where(id => !ids.Contains(id)))
            {
                throw new SeedException($"{source}: {g.Slug}: '{id}' is not a person in this file.");
            }

            foreach (var tag in g.Members.SelectMany(m => m.Tags).Where(t => !RoleTags.TryNormalize(t, out _)))
            {
                throw new SeedException($"{source}: {g.Slug}: '{tag}' is not a role tag.");
            }
        }

        var groups = seed.Groups.Select(g => g.Slug).ToHashSet(StringComparer.Ordinal);
        foreach (var p in seed.Projects)
        {
            if (!Slug.IsValid(p.Slug ?? ""))
            {
                throw new SeedException($"{source}: '{p.Slug}' is not a valid project slug.");
            }

            if (!groups.Contains(p.Group))
            {
                throw new SeedException($"{source}: {p.Slug}: group '{p.Group}' is not a group in this file.");
            }

            if (!Enum.TryParse<ProjectKind>(p.Kind, ignoreCase: true, out _) || string.IsNullOrWhiteSpace(p.Title))
            {
                throw new SeedException($"{source}: {p.Slug}: needs a title and a kind of paper, dataset, software or note.");
            }

            foreach (var c in p.Contributions)
            {
                if (!ids.Contains(c.Person) || (c.RecordedBy is not null && !ids.Contains(c.RecordedBy)))
                {
                    throw new SeedException($"{source}: {p.Slug}: '{c.Person}' or its recorded-by is not a person in this file.");
                }

                if (!CreditTaxonomy.TryParse(c.Role, out _, out var roleError))
                {
                    throw new SeedException($"{source}: {p.Slug}: {roleError}");
                }

                if (!Enum.TryParse<ContributionDegree>(c.Degree, ignoreCase: true, out _) || !Enum.TryParse<ContributionStatus>(c.Status, ignoreCase: true, out _))
                {
                    throw new SeedException($"{source}: {p.Slug}: {c.Person}: degree is lead, equal or supporting; status is pending, confirmed or rejected.");
                }
            }
        }
    }
}

/// <summary>The shape of a file in <c>seeds/</c>.</summary>
public sealed class SeedFile
{
    public List<SeedPerson> People { get; set; } = [];
    public List<SeedGroup> Groups { get; set; } = [];
    public List<SeedProject> Projects { get; set; } = [];
}

public sealed class SeedProject
{
    public string Slug { get; set; } = "";
    public string Group { get; set; } = "";
    public string Title { get; set; } = "";
    public string Kind { get; set; } = "paper";
    public List<SeedContribution> Contributions { get; set; } = [];
}

public sealed class SeedContribution
{
    public string Person { get; set; } = "";
    public string Role { get; set; } = "";
    public string Degree { get; set; } = "equal";
    public string Status { get; set; } = "confirmed";
    public string? Note { get; set; }
    public string? Reason { get; set; }
    public string? RecordedBy { get; set; }
}

public sealed class SeedPerson
{
    public string Id { get; set; } = "";
    public string? Name { get; set; }
    public string? Given { get; set; }
    public string? Family { get; set; }
    public string? Particle { get; set; }
    public string? Orcid { get; set; }
    public List<string> Affiliations { get; set; } = [];
    public string? Tz { get; set; }
    public List<string> Identities { get; set; } = [];
}

public sealed class SeedGroup
{
    public string Slug { get; set; } = "";
    public string Name { get; set; } = "";
    public string Kind { get; set; } = "problem";
    public string? Description { get; set; }
    public string? Tz { get; set; }
    public bool Closed { get; set; }
    public List<string> Conveners { get; set; } = [];
    public List<SeedMember> Members { get; set; } = [];
    public List<SeedChannel> Channels { get; set; } = [];
}

public sealed class SeedMember
{
    public string Person { get; set; } = "";
    public List<string> Tags { get; set; } = [];
}

public sealed class SeedChannel
{
    public string Platform { get; set; } = "";
    public string Tenant { get; set; } = "";
    public string Channel { get; set; } = "";
    public string? Name { get; set; }
}

/// <summary>Where the demo data is: <c>seeds/</c> beside the program (copied at build), else the repository's.</summary>
public static class SeedFiles
{
    public static IReadOnlyList<string> Default()
    {
        foreach (var dir in new[] { Path.Combine(AppContext.BaseDirectory, "seeds"), Path.Combine(Directory.GetCurrentDirectory(), "seeds") })
        {
            if (Directory.Exists(dir))
            {
                return [.. Directory.GetFiles(dir, "*.yaml").Order(StringComparer.Ordinal)];
            }
        }

        return [];
    }
}
