using CollabBot.Core.Authors;
using CollabBot.Core.Data;
using CollabBot.Core.Domain;
using CollabBot.Core.Values;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CollabBot.Web.Api;

/// <summary>
/// <c>GET /api/v1/projects[?wg=]</c> and <c>/projects/{slug}</c>: what the project pages show. Authors are named for
/// what they did, as on the page, whatever <c>Dashboard:ShowMembers</c> says; the full author list in every format
/// is a download (<c>links.authors</c>).
/// </summary>
public static class ProjectsApi
{
    public static void MapProjectsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/projects", ListAsync)
            .WithName("listProjects")
            .WithSummary("Every project (paper, dataset, software, note), by slug, with its group and how many authors and contributions it has; or one group's (wg).")
            .WithTags("Projects")
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/projects/{slug}", GetAsync)
            .WithName("getProject")
            .WithSummary("One project and its author list: confirmed contributions only, in alphabetical order, with ORCID, affiliations and CRediT roles.")
            .WithTags("Projects")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    public static async Task<Results<Ok<ProjectList>, ProblemHttpResult>> ListAsync(CollabBotDbContext db, string? wg, CancellationToken cancellationToken)
    {
        var query = db.Projects.AsNoTracking();
        if (wg is { Length: > 0 })
        {
            var group = await db.Groups.AsNoTracking().FirstOrDefaultAsync(g => g.Slug == wg.ToLowerInvariant(), cancellationToken);
            if (group is null)
            {
                return await GroupsApi.GroupNotFoundAsync(wg, db, cancellationToken);
            }

            query = query.Where(p => p.GroupId == group.Id);
        }

        var projects = await query
            .OrderBy(p => p.Slug)
            .Select(p => new
            {
                p.Slug,
                p.Title,
                p.Kind,
                GroupSlug = p.Group.Slug,
                GroupName = p.Group.Name,
                Authors = p.Contributions.Where(c => c.Status == ContributionStatus.Confirmed).Select(c => c.PersonId).Distinct().Count(),
                Confirmed = p.Contributions.Count(c => c.Status == ContributionStatus.Confirmed),
                Pending = p.Contributions.Count(c => c.Status == ContributionStatus.Pending),
            })
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(new ProjectList([.. projects.Select(p => new ProjectSummary(
            p.Slug,
            p.Title,
            Kind(p.Kind),
            new ApiGroupRef(p.GroupSlug, p.GroupName),
            p.Authors,
            new ContributionCounts(p.Confirmed, p.Pending),
            Links(p.Slug, p.GroupSlug)))]));
    }

    public static async Task<Results<Ok<ProjectDetail>, ProblemHttpResult>> GetAsync(string slug, CollabBotDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        slug = slug.ToLowerInvariant();
        var list = await new AuthorListQuery(db).LoadAsync(slug, new AuthorListOptions(), DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), cancellationToken);
        if (list is null)
        {
            var slugs = await db.Projects.Select(p => p.Slug).ToListAsync(cancellationToken);
            return ApiV1.NotFound($"There is no project '{slug}'{Suggest.DidYouMean(slug, slugs)}.");
        }

        var counts = await db.Contributions.Where(c => c.Project.Slug == slug)
            .GroupBy(c => c.Status).Select(g => new { g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken);
        int Count(ContributionStatus status) => counts.FirstOrDefault(c => c.Key == status)?.Count ?? 0;

        var project = list.Project;
        return TypedResults.Ok(new ProjectDetail(
            project.Slug,
            project.Title,
            Kind(project.Kind),
            new ApiGroupRef(project.GroupSlug, project.GroupName),
            new ContributionCounts(Count(ContributionStatus.Confirmed), Count(ContributionStatus.Pending)),
            [.. list.Authors.Select(a => new ApiAuthor(
                a.Position,
                a.FullName,
                a.Orcid,
                [.. AuthorFormats.AffiliationTexts(list, a)],
                [.. a.Roles.Select(r => new ApiContribution(CreditTaxonomy.Key(r.Role), CreditTaxonomy.DegreeName(r.Degree)))]))],
            Links(project.Slug, project.GroupSlug)));
    }

    /// <summary>The words the command language uses: <c>paper</c>, <c>dataset</c>, <c>software</c>, <c>note</c>.</summary>
    private static string Kind(ProjectKind kind) => kind.ToString().ToLowerInvariant();

    private static ProjectLinks Links(string slug, string group) =>
        new($"/projects/{slug}", $"{ApiV1.Prefix}/projects/{slug}", $"{ApiV1.Prefix}/groups/{group}", AuthorDownloads.Path(slug, AuthorFormat.Json, new AuthorListOptions()));
}

/// <summary><c>{"projects":[…]}</c>.</summary>
public sealed record ProjectList(IReadOnlyList<ProjectSummary> Projects);

public sealed record ProjectSummary(
    string Slug,
    string Title,
    string Kind,
    ApiGroupRef Group,
    int AuthorCount,
    ContributionCounts Contributions,
    ProjectLinks Links);

public sealed record ProjectDetail(
    string Slug,
    string Title,
    string Kind,
    ApiGroupRef Group,
    ContributionCounts Contributions,
    IReadOnlyList<ApiAuthor> Authors,
    ProjectLinks Links);

/// <summary>Confirmed contributions make the author list; pending ones wait for a convener (rejected ones are not counted).</summary>
public sealed record ContributionCounts(int Confirmed, int Pending);

/// <summary>One author: place in the list, printed name, bare ORCID iD, affiliations in the person's order, roles in CRediT order.</summary>
public sealed record ApiAuthor(int Position, string Name, string? Orcid, IReadOnlyList<string> Affiliations, IReadOnlyList<ApiContribution> Contributions);

/// <summary>A CRediT role by its stable key (<c>data-curation</c>) and the degree (<c>lead</c>, <c>equal</c>, <c>supporting</c>).</summary>
public sealed record ApiContribution(string Role, string Degree);

/// <summary>Paths on this service: the project's page, this resource, its group, and the author list as JSON (other formats beside it).</summary>
public sealed record ProjectLinks(string Page, string Self, string Group, string Authors);
