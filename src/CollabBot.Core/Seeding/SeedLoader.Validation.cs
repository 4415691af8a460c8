using CollabBot.Core.Domain;
using CollabBot.Core.Meetings;
using CollabBot.Core.Resources;
using CollabBot.Core.Values;

namespace CollabBot.Core.Seeding;

public static partial class SeedLoader
{
    /// <summary>The whole file is checked before anything is written, so a bad entry stops the load with nothing half-added.</summary>
    private static void Validate(SeedFile seed, string source, DateTimeOffset now)
    {
        var ids = ValidatePeople(seed, source);
        ValidateGroups(seed, ids, source, now);
        ValidateProjects(seed, ids, source);
        ValidateResources(seed, ids, source);
        ValidateDatasets(seed, source);
    }

    /// <summary>Person ids unique, identity keys each one person's, ORCID iDs and zones valid; returns the ids.</summary>
    private static HashSet<string> ValidatePeople(SeedFile seed, string source)
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

        return ids;
    }

    private static void ValidateGroups(SeedFile seed, HashSet<string> ids, string source, DateTimeOffset now)
    {
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
    }

    private static void ValidateProjects(SeedFile seed, HashSet<string> ids, string source)
    {
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

    private static void ValidateResources(SeedFile seed, HashSet<string> ids, string source)
    {
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
    }

    private static void ValidateDatasets(SeedFile seed, string source)
    {
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
        var where = $"{source}: {g.Slug}: meeting '{Clipping.Clip(m.Title, 40)}'";
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

        ValidateTalks(m, people, where);
        foreach (var d in m.Duties)
        {
            if (!Slug.IsValid(d.Name))
            {
                throw new SeedException($"{where}: duty '{d.Name}' must be a slug: lower-case letters, digits and dashes.");
            }

            if (d.Volunteers.FirstOrDefault(v => !people.Contains(v)) is { } unknown)
            {
                throw new SeedException($"{where}: duty '{d.Name}': volunteer '{unknown}' is not a person in this file.");
            }
        }

        if (m.Duties.GroupBy(d => d.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw new SeedException($"{where}: duty '{twice.Key}' is named twice.");
        }
    }

    private static void ValidateTalks(SeedMeeting m, HashSet<string> people, string where)
    {
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
