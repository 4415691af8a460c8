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

public sealed record SeedResult(int Groups, int People, int Memberships, int Channels, int Datasets = 0, int Versions = 0)
{
    public static SeedResult operator +(SeedResult a, SeedResult b) =>
        new(a.Groups + b.Groups, a.People + b.People, a.Memberships + b.Memberships, a.Channels + b.Channels, a.Datasets + b.Datasets, a.Versions + b.Versions);
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
                    Orcid = p.Orcid,
                    Affiliations = [.. p.Affiliations],
                    TimeZone = p.Tz,
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
                    TimeZone = g.Tz ?? "UTC",
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

        var (newDatasets, newVersions) = await LoadDatasetsAsync(db, seed, source, now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new SeedResult(newGroups, newPeople, newMemberships, newChannels, newDatasets, newVersions);
    }

    /// <summary>Datasets by slug and their versions by name: only what is missing is added, so a release users recorded is never touched.</summary>
    private static async Task<(int Datasets, int Versions)> LoadDatasetsAsync(CollabBotDbContext db, SeedFile seed, string source, DateTimeOffset now, CancellationToken cancellationToken)
    {
        int newDatasets = 0, newVersions = 0;
        foreach (var s in seed.Datasets)
        {
            var group = db.Groups.Local.FirstOrDefault(g => g.Slug == s.Group)
                ?? await db.Groups.FirstOrDefaultAsync(g => g.Slug == s.Group, cancellationToken)
                ?? throw new SeedException($"{source}: dataset {s.Slug}: there is no group '{s.Group}' (in this file or the database).");
            var dataset = await db.Datasets.Include(d => d.Versions).FirstOrDefaultAsync(d => d.Slug == s.Slug, cancellationToken);
            if (dataset is null)
            {
                var repo = s.Repo?.Split('/');
                dataset = new Dataset
                {
                    Group = group,
                    Slug = s.Slug,
                    Title = s.Title,
                    RepoOwner = repo?[0],
                    RepoName = repo?[1],
                    Label = s.Label,
                    Url = s.Url,
                    Doi = s.Doi,
                    License = s.License,
                    CreatedAt = now,
                };
                db.Datasets.Add(dataset);
                newDatasets++;
            }

            foreach (var v in s.Versions.Where(v => dataset.Versions.All(x => x.Name != v.Version)))
            {
                dataset.Versions.Add(new DatasetVersion { Name = v.Version, Doi = v.Doi, Url = v.Url, ReleasedOn = v.Date, Notes = v.Notes?.Trim(), RecordedAt = now });
                newVersions++;
            }
        }

        return (newDatasets, newVersions);
    }

    private static void Validate(SeedFile seed, string source)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var p in seed.People)
        {
            if (string.IsNullOrWhiteSpace(p.Id) || !ids.Add(p.Id))
            {
                throw new SeedException($"{source}: person id '{p.Id}' is missing or used twice.");
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

        foreach (var g in seed.Groups)
        {
            if (!Slug.IsValid(g.Slug ?? ""))
            {
                throw new SeedException($"{source}: '{g.Slug}' is not a valid group slug.");
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

        foreach (var d in seed.Datasets)
        {
            if (!Slug.IsValid(d.Slug ?? "") || string.IsNullOrWhiteSpace(d.Title))
            {
                throw new SeedException($"{source}: dataset '{d.Slug}' needs a valid slug and a title.");
            }

            if (d.Repo is not null && d.Repo.Split('/') is not [{ Length: > 0 }, { Length: > 0 }])
            {
                throw new SeedException($"{source}: dataset {d.Slug}: repo '{d.Repo}' is not owner/name.");
            }

            foreach (var v in d.Versions.Where(v => string.IsNullOrWhiteSpace(v.Version) || !DateOnly.TryParseExact(v.Date, "yyyy-MM-dd", out _)))
            {
                throw new SeedException($"{source}: dataset {d.Slug}: version '{v.Version}' needs a version string and a date as YYYY-MM-DD.");
            }
        }
    }
}

/// <summary>The shape of a file in <c>seeds/</c>.</summary>
public sealed class SeedFile
{
    public List<SeedPerson> People { get; set; } = [];
    public List<SeedGroup> Groups { get; set; } = [];
    public List<SeedDataset> Datasets { get; set; } = [];
}

public sealed class SeedDataset
{
    public string Slug { get; set; } = "";
    public string Group { get; set; } = "";
    public string Title { get; set; } = "";
    public string? Repo { get; set; }
    public string? Label { get; set; }
    public string? Url { get; set; }
    public string? Doi { get; set; }
    public string? License { get; set; }
    public List<SeedDatasetVersion> Versions { get; set; } = [];
}

public sealed class SeedDatasetVersion
{
    public string Version { get; set; } = "";
    public string Date { get; set; } = "";
    public string? Doi { get; set; }
    public string? Url { get; set; }
    public string? Notes { get; set; }
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
