using CollabBot.Core.Data;
using CollabBot.Core.Domain;
using Microsoft.EntityFrameworkCore;

namespace CollabBot.Core.Resources;

/// <summary>Why a resource was not added: it is already there (<see cref="Existing"/>), or a sentence for the person.</summary>
public sealed record AddOutcome(Resource? Added, Resource? Existing, string? Error)
{
    public bool IsAdded => Added is not null;
}

/// <summary>
/// The library's writes and the reads that go with them, for commands, import, the seed and pages. Changes are
/// added to the context; the caller saves them (the dispatcher, in the command's transaction). Permissions are the
/// dispatcher's: nothing here checks who may do what.
/// </summary>
public sealed class ResourceLibrary(CollabBotDbContext db)
{
    /// <summary>Read for every welcome (each /wg join): compiled once, so EF skips its query-cache look-up.</summary>
    private static readonly CompiledPerModel<Func<CollabBotDbContext, int, IAsyncEnumerable<Resource>>> StartHereOf = new(() =>
        EF.CompileAsyncQuery((CollabBotDbContext db, int groupId) => db.StartHereSteps.AsNoTracking()
            .Where(s => s.GroupId == groupId && s.RemovedAt == null && s.Resource.RetiredAt == null)
            .OrderBy(s => s.Position)
            .Select(s => s.Resource)));

    /// <summary>One resource with its groups and link state, retired or not.</summary>
    public Task<Resource?> FindAsync(int id, CancellationToken cancellationToken = default) =>
        db.Resources.Include(r => r.Groups).ThenInclude(g => g.Group).Include(r => r.Link).Include(r => r.AddedBy)
            .FirstOrDefaultAsync(r => r.Id == id, cancellationToken);

    /// <summary>The resource these values duplicate — same address (normalised), arXiv id or DOI — saved or about to be.</summary>
    public async Task<Resource?> FindDuplicateAsync(ResourceValues values, CancellationToken cancellationToken = default)
    {
        var urlKey = values.UrlKey;
        bool Same(Resource r) => r.UrlKey == urlKey || (values.ArxivId is not null && r.ArxivId == values.ArxivId) || (values.Doi is not null && r.Doi == values.Doi);
        return db.Resources.Local.FirstOrDefault(Same)
            ?? await db.Resources.Include(r => r.Groups).FirstOrDefaultAsync(
                r => r.UrlKey == urlKey || (values.ArxivId != null && r.ArxivId == values.ArxivId) || (values.Doi != null && r.Doi == values.Doi),
                cancellationToken);
    }

    /// <summary>
    /// Adds a resource unless it is a duplicate; its groups are named by slug and must exist; topics not yet known are
    /// recorded as free tags.
    /// </summary>
    public async Task<AddOutcome> AddAsync(ResourceValues values, int? addedByPersonId, CancellationToken cancellationToken = default)
    {
        if (await FindDuplicateAsync(values, cancellationToken) is { } existing)
        {
            return new AddOutcome(null, existing, $"This is already in the library as {existing.Ref} ({existing.Title}).");
        }

        var groups = await db.Groups.Where(g => values.Groups.Contains(g.Slug)).ToListAsync(cancellationToken);
        if (values.Groups.FirstOrDefault(slug => groups.All(g => g.Slug != slug)) is { } missing)
        {
            return new AddOutcome(null, null, $"There is no working group '{missing}'.");
        }

        var now = db.Now;
        var resource = new Resource { Title = values.Title, Url = values.Url, AddedByPersonId = addedByPersonId, AddedAt = now };
        values.ApplyTo(resource);
        foreach (var group in groups)
        {
            resource.Groups.Add(new ResourceGroup { Group = group, GroupId = group.Id, AddedAt = now, AddedByPersonId = addedByPersonId });
        }

        db.Resources.Add(resource);
        await RegisterTopicsAsync(values.Topics, cancellationToken);
        return new AddOutcome(resource, null, null);
    }

    /// <summary>Adds the resource to groups it is not in yet; returns how many were added.</summary>
    public int AddToGroups(Resource resource, IEnumerable<WorkingGroup> groups, int? byPersonId)
    {
        var added = 0;
        foreach (var group in groups.Where(g => resource.Groups.All(x => x.GroupId != g.Id)))
        {
            resource.Groups.Add(new ResourceGroup { Group = group, GroupId = group.Id, AddedAt = db.Now, AddedByPersonId = byPersonId });
            added++;
        }

        return added;
    }

    /// <summary>Topics not in the <c>topics</c> table yet are recorded as free tags, so suggestions and filters know them.</summary>
    public async Task RegisterTopicsAsync(IEnumerable<string> topics, CancellationToken cancellationToken = default)
    {
        var wanted = topics.Distinct(StringComparer.Ordinal).ToList();
        if (wanted.Count == 0)
        {
            return;
        }

        var known = await db.Topics.Where(t => wanted.Contains(t.Slug)).Select(t => t.Slug).ToListAsync(cancellationToken);
        known.AddRange(db.Topics.Local.Select(t => t.Slug));
        foreach (var slug in wanted.Except(known, StringComparer.Ordinal))
        {
            db.Topics.Add(new Topic { Slug = slug, CreatedAt = db.Now });
        }
    }

    /// <summary>The deployment's vocabulary, then free tags, each by slug.</summary>
    public Task<List<Topic>> TopicsAsync(CancellationToken cancellationToken = default) =>
        db.Topics.AsNoTracking().OrderByDescending(t => t.InVocabulary).ThenBy(t => t.Slug).ToListAsync(cancellationToken);

    /// <summary>Retires a resource: it leaves searches and lists (unless asked for) but stays, with its stars and history.</summary>
    public static bool Retire(Resource resource, int? byPersonId, DateTimeOffset now)
    {
        if (resource.IsRetired)
        {
            return false;
        }

        resource.RetiredAt = now;
        resource.RetiredByPersonId = byPersonId;
        return true;
    }

    public static bool Unretire(Resource resource)
    {
        if (!resource.IsRetired)
        {
            return false;
        }

        resource.RetiredAt = null;
        resource.RetiredByPersonId = null;
        return true;
    }

    /// <summary>Puts a resource on a person's reading list; false when it is there already.</summary>
    public async Task<bool> StarAsync(int personId, int resourceId, CancellationToken cancellationToken = default)
    {
        var star = await db.ResourceStars.FirstOrDefaultAsync(s => s.PersonId == personId && s.ResourceId == resourceId, cancellationToken);
        if (star is null)
        {
            db.ResourceStars.Add(new ResourceStar { PersonId = personId, ResourceId = resourceId, StarredAt = db.Now });
            return true;
        }

        if (star.UnstarredAt is null)
        {
            return false;
        }

        star.UnstarredAt = null;
        star.StarredAt = db.Now;
        return true;
    }

    /// <summary>Takes a resource off a person's reading list; false when it was not on it.</summary>
    public async Task<bool> UnstarAsync(int personId, int resourceId, CancellationToken cancellationToken = default)
    {
        var star = await db.ResourceStars.FirstOrDefaultAsync(s => s.PersonId == personId && s.ResourceId == resourceId && s.UnstarredAt == null, cancellationToken);
        if (star is null)
        {
            return false;
        }

        star.UnstarredAt = db.Now;
        return true;
    }

    /// <summary>A person's reading list, most recently starred first; retired resources stay on it (the reader decides).</summary>
    public async Task<List<Resource>> ReadingListAsync(int personId, CancellationToken cancellationToken = default)
    {
        // Two queries: EF cannot Include through a projection (stars → resource), so the resources are loaded by id.
        var stars = await db.ResourceStars.AsNoTracking()
            .Where(s => s.PersonId == personId && s.UnstarredAt == null)
            .Select(s => new { s.ResourceId, s.StarredAt, s.Id })
            .ToListAsync(cancellationToken);
        var ids = stars.Select(s => s.ResourceId).ToList();
        var resources = await db.Resources.AsNoTracking()
            .Include(r => r.Groups).ThenInclude(g => g.Group).Include(r => r.Link)
            .Where(r => ids.Contains(r.Id))
            .ToDictionaryAsync(r => r.Id, cancellationToken);
        return [.. stars.OrderByDescending(s => s.StarredAt).ThenByDescending(s => s.Id).Select(s => resources[s.ResourceId])];
    }

    /// <summary>A group's start-here path in order; retired resources are left out.</summary>
    public async Task<List<Resource>> StartHereAsync(int groupId, CancellationToken cancellationToken = default) =>
        await StartHereOf.For(db)(db, groupId).ToListAsync(cancellationToken);

    /// <summary>
    /// Sets a group's start-here path to these resources in this order (an empty list clears it). The current steps
    /// are ended, not deleted. Returns a sentence when an id is unknown, retired or repeated; nothing changes then.
    /// </summary>
    public async Task<string?> SetStartHereAsync(int groupId, IReadOnlyList<int> resourceIds, int? byPersonId, CancellationToken cancellationToken = default)
    {
        if (resourceIds.Distinct().Count() != resourceIds.Count)
        {
            return "A resource appears twice in the path; name each once, in the order newcomers should read them.";
        }

        var found = await db.Resources.Where(r => resourceIds.Contains(r.Id)).Select(r => new { r.Id, r.RetiredAt }).ToListAsync(cancellationToken);
        if (resourceIds.FirstOrDefault(id => found.All(f => f.Id != id)) is var missing && missing != 0)
        {
            return $"There is no resource {ResourceKeys.Ref(missing)}.";
        }

        if (found.FirstOrDefault(f => f.RetiredAt != null) is { } retired)
        {
            return $"{ResourceKeys.Ref(retired.Id)} is retired; a start-here path holds current resources only.";
        }

        var now = db.Now;
        foreach (var step in await db.StartHereSteps.Where(s => s.GroupId == groupId && s.RemovedAt == null).ToListAsync(cancellationToken))
        {
            step.RemovedAt = now;
        }

        for (var i = 0; i < resourceIds.Count; i++)
        {
            db.StartHereSteps.Add(new StartHereStep { GroupId = groupId, ResourceId = resourceIds[i], Position = i + 1, SetAt = now, SetByPersonId = byPersonId });
        }

        return null;
    }
}
