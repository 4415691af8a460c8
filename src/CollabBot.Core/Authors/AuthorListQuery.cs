using CollabBot.Core.Data;
using CollabBot.Core.Domain;
using Microsoft.EntityFrameworkCore;

namespace CollabBot.Core.Authors;

/// <summary>
/// Loads what an author list needs in three queries, however many authors and contributions there are:
/// the project, its confirmed contributions (person, role, degree), and the people who made them with their
/// names, ORCIDs and affiliations. Everything after that is pure functions (<see cref="AuthorList"/>, <see cref="AuthorFormats"/>).
/// </summary>
public sealed class AuthorListQuery(CollabBotDbContext db)
{
    public const int QueriesPerLoad = 3;

    public async Task<AuthorList?> LoadAsync(string projectSlug, AuthorListOptions options, DateOnly generatedOn, CancellationToken cancellationToken = default) =>
        await LoadContributorsAsync(projectSlug, cancellationToken) is { } source
            ? AuthorList.Build(source.Project, source.Contributors, options, generatedOn)
            : null;

    /// <summary>The database part alone: the project and its contributors with their confirmed roles, unordered.</summary>
    public async Task<(ProjectInfo Project, IReadOnlyList<Contributor> Contributors)?> LoadContributorsAsync(string projectSlug, CancellationToken cancellationToken = default)
    {
        var slug = projectSlug.Trim().ToLowerInvariant();
        var project = await db.Projects.AsNoTracking()
            .Where(p => p.Slug == slug)
            .Select(p => new { p.Id, p.Slug, p.Title, p.Kind, GroupSlug = p.Group.Slug, GroupName = p.Group.Name })
            .FirstOrDefaultAsync(cancellationToken);
        if (project is null)
        {
            return null;
        }

        var confirmed = db.Contributions.Where(c => c.ProjectId == project.Id && c.Status == ContributionStatus.Confirmed);
        var contributions = await confirmed.AsNoTracking()
            .Select(c => new { c.PersonId, c.Role, c.Degree })
            .ToListAsync(cancellationToken);
        var people = await db.People.AsNoTracking()
            // IN (uncorrelated subquery) is evaluated once; a correlated EXISTS would rescan the project's contributions per person.
            .Where(p => confirmed.Select(c => c.PersonId).Contains(p.Id))
            .Select(p => new { p.Id, p.DisplayName, p.GivenName, p.FamilyName, p.NameParticle, p.Suffix, p.Orcid, p.Affiliations, p.SortOnParticle })
            .ToListAsync(cancellationToken);

        var byPerson = contributions.ToLookup(c => c.PersonId, c => new RoleDegree(c.Role, c.Degree));
        var contributors = people.Select(p => new Contributor(
            p.Id, p.DisplayName, p.GivenName, p.FamilyName, p.NameParticle, p.Suffix, p.Orcid, p.Affiliations, p.SortOnParticle, [.. byPerson[p.Id]])).ToList();
        return (new ProjectInfo(project.Slug, project.Title, project.Kind, project.GroupSlug, project.GroupName), contributors);
    }
}
