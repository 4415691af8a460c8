using CollabBot.Core.Data;
using CollabBot.Core.Domain;
using CollabBot.Core.Resources;
using Microsoft.EntityFrameworkCore;

namespace CollabBot.Core.Seeding;

public static partial class SeedLoader
{
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
}
