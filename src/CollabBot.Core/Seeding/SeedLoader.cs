using CollabBot.Core.Authors;
using CollabBot.Core.Data;
using CollabBot.Core.Domain;
using CollabBot.Core.Features.Meeting;
using CollabBot.Core.Meetings;
using CollabBot.Core.Replies;
using CollabBot.Core.Resources;
using CollabBot.Core.Values;
using Microsoft.EntityFrameworkCore;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace CollabBot.Core.Seeding;

/// <summary>A seed file that cannot be loaded; the message names the file and what is wrong.</summary>
public sealed class SeedException(string message) : Exception(message);

public sealed record SeedResult(int Groups, int People, int Memberships, int Channels, int Meetings = 0, int Talks = 0, int Projects = 0, int Contributions = 0, int Datasets = 0, int Versions = 0, int Resources = 0, int StartHerePaths = 0)
{
    public static SeedResult Empty { get; } = new(0, 0, 0, 0, 0, 0);

    public static SeedResult operator +(SeedResult a, SeedResult b) =>
        new(a.Groups + b.Groups, a.People + b.People, a.Memberships + b.Memberships, a.Channels + b.Channels, a.Meetings + b.Meetings, a.Talks + b.Talks, a.Projects + b.Projects, a.Contributions + b.Contributions, a.Datasets + b.Datasets, a.Versions + b.Versions, a.Resources + b.Resources, a.StartHerePaths + b.StartHerePaths);
}

/// <summary>
/// Loads the demo community (or any community file of the same shape). It only adds what is missing —
/// by group slug, identity key, (group, person) and (group, meeting slug) — and never changes what is there,
/// so loading twice changes nothing and a seed never overwrites what users edited.
/// Meetings use the <c>--when</c> grammar, anchored on the day the seed is loaded (or on an explicit
/// <c>start</c>), so a demo loaded on any date has meetings ahead of it.
/// </summary>
public static class SeedLoader
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

        // Saved first so that people have ids: a talk records who added it by id.
        await db.SaveChangesAsync(cancellationToken);

        int newMeetings = 0, newTalks = 0;
        foreach (var g in seed.Groups.Where(g => g.Meetings.Count > 0))
        {
            var group = await db.Groups.FirstAsync(x => x.Slug == g.Slug, cancellationToken);
            var taken = await db.MeetingSeries.Where(s => s.GroupId == group.Id).Select(s => s.Slug).ToListAsync(cancellationToken);
            foreach (var m in g.Meetings)
            {
                var slug = SeriesSlug(m);
                if (taken.Contains(slug))
                {
                    continue;
                }

                var (series, schedule) = NewSeries(m, group.TimeZone, now, source, g.Slug);
                series.Group = group;
                series.GroupId = group.Id;
                series.Slug = slug;
                if (m.Alternate is not null)
                {
                    series.AlternateKinds = MeetingKinds.Validate(m.Alternate, out var kinds) is { } bad ? throw new SeedException($"{source}: {g.Slug}: meeting '{m.Title}': {bad}") : kinds;
                }

                db.MeetingSeries.Add(series);
                newMeetings++;
                if (m.Talks.Count == 0 && m.Rsvps is null)
                {
                    continue;
                }

                // The talks go on the next occurrence; a one-off's only occurrence is its own, even once past.
                var date = schedule.IsRecurring ? Occurrences.Next(series, now, 1).FirstOrDefault()?.OriginalDate : schedule.Start.Date;
                if (date is null)
                {
                    throw new SeedException($"{source}: {g.Slug}: meeting '{m.Title}' has talks or RSVPs but no upcoming date to hold them.");
                }

                foreach (var (ids, answer) in m.Rsvps is { } r ? new[] { (r.Yes, RsvpAnswer.Yes), (r.Maybe, RsvpAnswer.Maybe), (r.No, RsvpAnswer.No) } : [])
                {
                    foreach (var id in ids)
                    {
                        db.Rsvps.Add(new Rsvp { Series = series, OccurrenceDate = MeetingTime.FormatDate(date.Value), Person = Known(people, id, source, g.Slug), Answer = answer, At = now });
                    }
                }

                foreach (var t in m.Talks)
                {
                    var speaker = people[t.Speaker];
                    db.Talks.Add(new Talk
                    {
                        Series = series,
                        OccurrenceDate = MeetingTime.FormatDate(date.Value),
                        Title = t.Title.Trim(),
                        SpeakerPerson = speaker,
                        Minutes = t.Minutes,
                        Link = t.Link is null ? null : new Uri(t.Link).AbsoluteUri,
                        AddedByPersonId = speaker.Id,
                        AddedAt = now,
                    });
                    newTalks++;
                }
            }
        }

        await LoadIdeasAsync(db, seed, people, source, now, cancellationToken);
        var (newProjects, newContributions) = await LoadProjectsAsync(db, seed, people, now, cancellationToken);
        var (newDatasets, newVersions) = await LoadDatasetsAsync(db, seed, source, now, cancellationToken);
        var (newResources, newPaths) = await LoadResourcesAsync(db, seed, people, source, now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new SeedResult(newGroups, newPeople, newMemberships, newChannels, newMeetings, newTalks, newProjects, newContributions, newDatasets, newVersions, newResources, newPaths);
    }

    /// <summary>Topic ideas by title within their group: only missing ones are added, with their votes.</summary>
    private static async Task LoadIdeasAsync(CollabBotDbContext db, SeedFile seed, Dictionary<string, Person> people, string source, DateTimeOffset now, CancellationToken cancellationToken)
    {
        foreach (var g in seed.Groups.Where(g => g.Ideas.Count > 0))
        {
            var group = await db.Groups.FirstAsync(x => x.Slug == g.Slug, cancellationToken);
            var known = await db.TopicIdeas.Where(t => t.GroupId == group.Id).Select(t => t.Title).ToListAsync(cancellationToken);
            var age = g.Ideas.Count;
            foreach (var i in g.Ideas)
            {
                age--;
                if (known.Contains(i.Title.Trim()))
                {
                    continue;
                }

                // Suggested a day apart, in the order written, so "then oldest" has something to order.
                var at = now.AddDays(-1 - age);
                var idea = new TopicIdea
                {
                    Group = group,
                    Title = i.Title.Trim(),
                    Note = i.Note?.Trim(),
                    SuggestedBy = Known(people, i.By, source, g.Slug),
                    SpeakerPerson = i.Speaker is null ? null : Known(people, i.Speaker, source, g.Slug),
                    SuggestedAt = at,
                    Status = TopicIdeaStatus.Open,
                };
                idea.Votes.AddRange(i.Votes.Distinct().Select(v => new TopicVote { Idea = idea, Person = Known(people, v, source, g.Slug), At = at }));
                db.TopicIdeas.Add(idea);
            }
        }
    }

    private static Person Known(Dictionary<string, Person> people, string id, string source, string group) =>
        people.TryGetValue(id, out var person) ? person : throw new SeedException($"{source}: {group}: there is no person '{id}' in this file.");

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

    /// <summary>
    /// The topic vocabulary by slug, resources by address, arXiv id or DOI (the library's own duplicate check), and a
    /// group's start-here path only while the group has none: added when missing, never changed, so curation by
    /// conveners survives a reload.
    /// </summary>
    private static async Task<(int Resources, int Paths)> LoadResourcesAsync(CollabBotDbContext db, SeedFile seed, Dictionary<string, Person> people, string source, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var slugs = seed.Topics.Select(t => t.Slug).ToList();
        var knownTopics = await db.Topics.Where(t => slugs.Contains(t.Slug)).Select(t => t.Slug).ToListAsync(cancellationToken);
        foreach (var t in seed.Topics.Where(t => !knownTopics.Contains(t.Slug)))
        {
            db.Topics.Add(new Topic { Slug = t.Slug, Name = t.Name, Description = t.Description?.Trim(), InVocabulary = true, CreatedAt = now });
        }

        // Groups of this file may be new: saved first, so the library finds them by slug.
        await db.SaveChangesAsync(cancellationToken);
        var library = new ResourceLibrary(db);
        var newResources = 0;
        foreach (var r in seed.Resources)
        {
            ResourceInput.TryValidate(r.ToDraft(), SeedYearLimit, out var values, out _);
            var outcome = await library.AddAsync(values, r.AddedBy is null ? null : people[r.AddedBy].Id, cancellationToken);
            if (outcome.Added is not null)
            {
                newResources++;
            }
            else if (outcome.Existing is null)
            {
                throw new SeedException($"{source}: resource '{r.Title}': {outcome.Error}");
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        var newPaths = 0;
        foreach (var path in seed.StartHere)
        {
            var group = await db.Groups.FirstOrDefaultAsync(g => g.Slug == path.Group, cancellationToken)
                ?? throw new SeedException($"{source}: start-here: there is no group '{path.Group}'.");
            if (await db.StartHereSteps.AnyAsync(s => s.GroupId == group.Id && s.RemovedAt == null, cancellationToken))
            {
                continue;
            }

            var keys = path.Resources.Select(ResourceKeys.Url).ToList();
            var found = await db.Resources.Where(x => keys.Contains(x.UrlKey)).Select(x => new { x.Id, x.UrlKey }).ToListAsync(cancellationToken);
            var ids = keys.Select(k => found.FirstOrDefault(f => f.UrlKey == k)?.Id ?? 0).ToList();
            if (ids.Contains(0))
            {
                throw new SeedException($"{source}: start-here of {path.Group}: '{path.Resources[ids.IndexOf(0)]}' is not a resource in the library.");
            }

            if (await library.SetStartHereAsync(group.Id, ids, null, cancellationToken) is { } error)
            {
                throw new SeedException($"{source}: start-here of {path.Group}: {error}");
            }

            newPaths++;
        }

        return (newResources, newPaths);
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


    private static string SeriesSlug(SeedMeeting m) => m.Slug ?? MeetingRefs.SlugFrom(m.Title);

    /// <summary>
    /// A series from a seed entry: <c>when</c> parsed as <c>/meeting schedule --when</c> parses it, anchored on
    /// today in the series' zone (or on <c>start</c>); with <c>once</c>, only the first date of that schedule.
    /// </summary>
    private static (MeetingSeries Series, Schedule Schedule) NewSeries(SeedMeeting m, string groupZone, DateTimeOffset now, string source, string group)
    {
        var zone = Zones.Canonical(m.Tz) ?? groupZone;
        var today = MeetingTime.ToLocal(now, zone).Date;
        if (!WhenParser.TryParse(m.When, m.Start, today, out var schedule, out var error))
        {
            throw new SeedException($"{source}: {group}: meeting '{m.Title}': {error}");
        }

        if (m.Once)
        {
            schedule = new Schedule(null, schedule!.Start);
        }

        var series = new MeetingSeries
        {
            Slug = "",
            Title = m.Title.Trim(),
            Kind = m.Kind.Trim().ToLowerInvariant(),
            Rule = schedule!.Rule?.ToString(),
            StartLocal = MeetingTime.Format(schedule.Start),
            TimeZone = zone,
            DurationMinutes = m.Duration,
            Where = m.Where?.Trim(),
            Link = m.Link is null ? null : new Uri(m.Link).AbsoluteUri,
            ReminderOffsets = m.Remind is null ? null : m.Remind.Trim().Equals("off", StringComparison.OrdinalIgnoreCase) ? "" : m.Remind.Replace(" ", "", StringComparison.Ordinal).ToLowerInvariant(),
            CreatedAt = now,
        };
        return (series, schedule);
    }

    private static void Validate(SeedFile seed, string source, DateTimeOffset now)
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

            var meetingSlugs = new HashSet<string>(StringComparer.Ordinal);
            foreach (var m in g.Meetings)
            {
                ValidateMeeting(m, g, ids, source, now);
                if (!meetingSlugs.Add(SeriesSlug(m)))
                {
                    throw new SeedException($"{source}: {g.Slug}: two meetings have the slug '{SeriesSlug(m)}'; give one of them its own slug.");
                }
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

        foreach (var t in seed.Topics.Where(t => !ResourceTerms.TryParseTopic(t.Slug, out var topic, out _) || topic != t.Slug))
        {
            throw new SeedException($"{source}: topic '{t.Slug}' is not a topic slug (lower-case words joined by hyphens).");
        }

        var resourceUrls = new HashSet<string>(StringComparer.Ordinal);
        foreach (var r in seed.Resources)
        {
            if (!ResourceInput.TryValidate(r.ToDraft(), SeedYearLimit, out var values, out var error))
            {
                throw new SeedException($"{source}: resource '{r.Title}': {error}");
            }

            if (r.AddedBy is not null && !ids.Contains(r.AddedBy))
            {
                throw new SeedException($"{source}: resource '{r.Title}': added-by '{r.AddedBy}' is not a person in this file.");
            }

            if (!resourceUrls.Add(values.UrlKey))
            {
                throw new SeedException($"{source}: resource '{r.Title}': its address is already another resource's in this file.");
            }
        }

        foreach (var path in seed.StartHere.Where(p => p.Resources.Any(u => !resourceUrls.Contains(ResourceKeys.Url(u)))))
        {
            throw new SeedException($"{source}: start-here of {path.Group}: every step must be the url of a resource in this file.");
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

    private static void ValidateMeeting(SeedMeeting m, SeedGroup g, HashSet<string> people, string source, DateTimeOffset now)
    {
        var where = $"{source}: {g.Slug}: meeting '{(m.Title.Length > 40 ? m.Title[..40] + "…" : m.Title)}'";
        if (m.Title.Trim().Length is 0 or > 200)
        {
            throw new SeedException($"{where}: a title must be 1 to 200 characters.");
        }

        if (m.Slug is not null && !Slug.IsValid(m.Slug))
        {
            throw new SeedException($"{where}: '{m.Slug}' is not a valid slug (2-40 lower-case letters, digits and hyphens, starting with a letter).");
        }

        if (m.Kind.Trim().Length is 0 or > 40)
        {
            throw new SeedException($"{where}: kind is a short word such as general, expert, tutorial or hackathon.");
        }

        if (string.IsNullOrWhiteSpace(m.When))
        {
            throw new SeedException($"{where}: 'when' is missing. Accepted forms: {WhenParser.Forms}.");
        }

        if (m.Tz is not null && Zones.Canonical(m.Tz) is null)
        {
            throw new SeedException($"{where}: '{m.Tz}' is not an IANA time zone.");
        }

        // Parsed here as well as when loading, so a bad schedule stops the file before anything is written.
        var zone = Zones.Canonical(m.Tz) ?? Zones.Canonical(g.Tz) ?? "UTC";
        if (!WhenParser.TryParse(m.When, m.Start, MeetingTime.ToLocal(now, zone).Date, out _, out var error))
        {
            throw new SeedException($"{where}: {error}");
        }

        if (m.Duration is < 5 or > 24 * 60)
        {
            throw new SeedException($"{where}: duration is in minutes, from 5 to 1440; {m.Duration} is out of range.");
        }

        if (m.Where is not null && m.Where.Trim().Length > 200)
        {
            throw new SeedException($"{where}: 'where' is at most 200 characters.");
        }

        if (m.Link is not null && !IsWebAddress(m.Link))
        {
            throw new SeedException($"{where}: link must be a web address starting with https://, not '{m.Link}'.");
        }

        if (m.Remind is not null && !m.Remind.Trim().Equals("off", StringComparison.OrdinalIgnoreCase) && !Durations.TryParseList(m.Remind, out _, out var remindError))
        {
            throw new SeedException($"{where}: remind: {remindError} Use durations such as 1d,15m, or off.");
        }

        foreach (var t in m.Talks)
        {
            if (t.Title.Trim().Length is 0 or > 300)
            {
                throw new SeedException($"{where}: a talk's title must be 1 to 300 characters.");
            }

            if (!people.Contains(t.Speaker))
            {
                throw new SeedException($"{where}: talk '{t.Title}': speaker '{t.Speaker}' is not a person in this file.");
            }

            if (t.Minutes is < 1 or > 600)
            {
                throw new SeedException($"{where}: talk '{t.Title}': minutes must be from 1 to 600.");
            }

            if (t.Link is not null && !IsWebAddress(t.Link))
            {
                throw new SeedException($"{where}: talk '{t.Title}': link must be a web address starting with https://, not '{t.Link}'.");
            }
        }
    }

    private static bool IsWebAddress(string text) => Uri.TryCreate(text.Trim(), UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http";
}

/// <summary>The shape of a file in <c>seeds/</c>.</summary>
public sealed class SeedFile
{
    public List<SeedPerson> People { get; set; } = [];
    public List<SeedGroup> Groups { get; set; } = [];
    public List<SeedProject> Projects { get; set; } = [];
    public List<SeedDataset> Datasets { get; set; } = [];

    /// <summary>The deployment's topic vocabulary.</summary>
    public List<SeedTopic> Topics { get; set; } = [];
    public List<SeedResource> Resources { get; set; } = [];
    public List<SeedStartHere> StartHere { get; set; } = [];
}

public sealed class SeedTopic
{
    public string Slug { get; set; } = "";
    public string? Name { get; set; }
    public string? Description { get; set; }
}

/// <summary>A library entry; checked by the same <see cref="ResourceInput"/> as <c>/resource add</c> and imports.</summary>
public sealed class SeedResource
{
    public string Title { get; set; } = "";
    public string? Url { get; set; }
    public string Kind { get; set; } = "";
    public string? Level { get; set; }
    public string? Audience { get; set; }
    public List<string> Topics { get; set; } = [];
    public List<string> Groups { get; set; } = [];
    public List<string> Authors { get; set; } = [];
    public int? Year { get; set; }
    public string? Arxiv { get; set; }
    public string? Doi { get; set; }
    public string? Inspire { get; set; }
    public string? Licence { get; set; }
    public string? Description { get; set; }

    /// <summary>A person id from the same file; absent: added by the seed.</summary>
    public string? AddedBy { get; set; }

    public ResourceDraft ToDraft() => new()
    {
        Title = Title,
        Url = Url,
        Kind = Kind,
        Level = Level,
        Audience = Audience,
        Topics = Topics,
        Groups = Groups,
        Authors = Authors,
        Year = Year?.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ArxivId = Arxiv,
        Doi = Doi,
        InspireId = Inspire,
        Licence = Licence,
        Description = Description,
    };
}

/// <summary>A group's start-here path: resource addresses in reading order.</summary>
public sealed class SeedStartHere
{
    public string Group { get; set; } = "";
    public List<string> Resources { get; set; } = [];
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
    public List<SeedMeeting> Meetings { get; set; } = [];

    /// <summary>Open topic ideas for the group's meetings, with who suggested and who voted (person ids).</summary>
    public List<SeedIdea> Ideas { get; set; } = [];
}

/// <summary>A topic idea in a seed file: loaded once, by title within its group.</summary>
public sealed class SeedIdea
{
    public string Title { get; set; } = "";
    public string? Note { get; set; }

    /// <summary>A person id from the same file.</summary>
    public string By { get; set; } = "";
    public string? Speaker { get; set; }
    public List<string> Votes { get; set; } = [];
}

/// <summary>Who answered for the next occurrence of a seeded series (person ids).</summary>
public sealed class SeedRsvps
{
    public List<string> Yes { get; set; } = [];
    public List<string> Maybe { get; set; } = [];
    public List<string> No { get; set; } = [];
}

/// <summary>A group's meeting series in a seed file; see <see cref="SeedLoader"/> for how <see cref="When"/> is anchored.</summary>
public sealed class SeedMeeting
{
    public string Title { get; set; } = "";

    /// <summary>The series part of <c>wg/series</c>; derived from the title when absent, as <c>/meeting schedule</c> does.</summary>
    public string? Slug { get; set; }
    public string Kind { get; set; } = "general";

    /// <summary>The <c>--when</c> grammar: <c>"monthly on 2nd tue 15:00"</c>, <c>"2026-12-01 15:00"</c>, <c>"RRULE:…"</c> with <see cref="Start"/>.</summary>
    public string When { get; set; } = "";

    /// <summary>"YYYY-MM-DD HH:MM": the anchor instead of the load date (required with an RRULE), for a schedule that must not move.</summary>
    public string? Start { get; set; }

    /// <summary>Only the first date <see cref="When"/> gives, as a one-off: a hackathon that is always ahead of a freshly loaded demo.</summary>
    public bool Once { get; set; }

    /// <summary>The series' IANA zone; the group's when absent.</summary>
    public string? Tz { get; set; }
    public int Duration { get; set; } = 60;
    public string? Where { get; set; }
    public string? Link { get; set; }

    /// <summary>Reminder offsets such as "1d,15m", or "off"; absent means the deployment's default.</summary>
    public string? Remind { get; set; }

    /// <summary>The agenda of the next occurrence.</summary>
    public List<SeedTalk> Talks { get; set; } = [];

    /// <summary>Kinds the occurrences take in turn, as <c>--alternate</c> takes them ("general,expert").</summary>
    public string? Alternate { get; set; }

    /// <summary>Answers for the next occurrence.</summary>
    public SeedRsvps? Rsvps { get; set; }
}

public sealed class SeedTalk
{
    public string Title { get; set; } = "";

    /// <summary>A person id from the same file.</summary>
    public string Speaker { get; set; } = "";
    public int Minutes { get; set; } = 20;
    public string? Link { get; set; }
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
