using CollabBot.Core.Data;
using CollabBot.Core.Datasets;
using CollabBot.Core.Domain;
using CollabBot.Core.Features.Datasets;
using CollabBot.Core.Values;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CollabBot.Web.Api;

/// <summary><c>GET /api/v1/datasets[?wg=]</c> and <c>/datasets/{slug}</c>: what the dataset pages show, open issues aside (those live on GitHub).</summary>
public static class DatasetsApi
{
    public static void MapDatasetsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/datasets", ListAsync)
            .WithName("listDatasets")
            .WithSummary("Every dataset, by slug, with its group, repository, DOI and latest version; or one group's (wg).")
            .WithTags("Datasets")
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/datasets/{slug}", GetAsync)
            .WithName("getDataset")
            .WithSummary("One dataset: every version, newest first, and how to cite the latest as text, BibTeX and CITATION.cff.")
            .WithTags("Datasets")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    public static async Task<Results<Ok<DatasetList>, ProblemHttpResult>> ListAsync(CollabBotDbContext db, string? wg, CancellationToken cancellationToken)
    {
        var query = db.Datasets.AsNoTracking().Include(d => d.Group).Include(d => d.Versions).AsQueryable();
        if (wg is { Length: > 0 })
        {
            var group = await db.Groups.AsNoTracking().FirstOrDefaultAsync(g => g.Slug == wg.ToLowerInvariant(), cancellationToken);
            if (group is null)
            {
                return await GroupsApi.GroupNotFoundAsync(wg, db, cancellationToken);
            }

            query = query.Where(d => d.GroupId == group.Id);
        }

        var datasets = await query.OrderBy(d => d.Slug).ToListAsync(cancellationToken);
        return TypedResults.Ok(new DatasetList([.. datasets.Select(d => new DatasetSummary(
            d.Slug,
            d.Title,
            new ApiGroupRef(d.Group.Slug, d.Group.Name),
            d.Repository,
            d.IssueLabel,
            SafeUrl(d.Url),
            d.Doi,
            d.License,
            DatasetRefs.Latest(d.Versions) is { } latest ? Version(latest) : null,
            d.Versions.Count,
            Links(d)))]));
    }

    public static async Task<Results<Ok<DatasetDetail>, ProblemHttpResult>> GetAsync(string slug, CollabBotDbContext db, CancellationToken cancellationToken)
    {
        var d = await db.Datasets.AsNoTracking().Include(x => x.Group).Include(x => x.Versions)
            .FirstOrDefaultAsync(x => x.Slug == slug.ToLowerInvariant(), cancellationToken);
        if (d is null)
        {
            var slugs = await db.Datasets.Select(x => x.Slug).ToListAsync(cancellationToken);
            return ApiV1.NotFound($"There is no dataset '{slug}'{Suggest.DidYouMean(slug, slugs)}.");
        }

        var versions = DatasetRefs.Newest(d.Versions);
        var latest = versions.FirstOrDefault();
        var authors = await CitationAuthors.ForAsync(db, d, cancellationToken);
        var input = DatasetCite.Input(d, latest, authors.Authors);
        return TypedResults.Ok(new DatasetDetail(
            d.Slug,
            d.Title,
            new ApiGroupRef(d.Group.Slug, d.Group.Name),
            d.Repository,
            d.IssueLabel,
            SafeUrl(d.Url),
            d.Doi,
            d.License,
            [.. versions.Select(Version)],
            new ApiCitation(latest?.Name, authors.Source, Citations.Text(input), Citations.BibTeX(input), Citations.Cff(input)),
            Links(d)));
    }

    private static ApiDatasetVersion Version(DatasetVersion v) => new(v.Name, v.ReleasedOn, v.Doi, SafeUrl(v.Url), v.Notes);

    /// <summary>A link the dashboard would show; one with another scheme (<c>javascript:</c>) is left out, as there.</summary>
    private static string? SafeUrl(string? url) => url is null ? null : Html.SafeUrl(url);

    private static DatasetLinks Links(Dataset d) =>
        new($"/datasets/{d.Slug}", $"{ApiV1.Prefix}/datasets/{d.Slug}", $"{ApiV1.Prefix}/groups/{d.Group.Slug}");
}

/// <summary><c>{"datasets":[…]}</c>.</summary>
public sealed record DatasetList(IReadOnlyList<DatasetSummary> Datasets);

public sealed record DatasetSummary(
    string Slug,
    string Title,
    ApiGroupRef Group,
    string? Repository,
    string IssueLabel,
    string? Url,
    string? Doi,
    string? License,
    ApiDatasetVersion? Latest,
    int VersionCount,
    DatasetLinks Links);

public sealed record DatasetDetail(
    string Slug,
    string Title,
    ApiGroupRef Group,
    string? Repository,
    string IssueLabel,
    string? Url,
    string? Doi,
    string? License,
    IReadOnlyList<ApiDatasetVersion> Versions,
    ApiCitation Citation,
    DatasetLinks Links);

/// <summary>A release: its version string, release date (<c>yyyy-MM-dd</c>), DOI, landing page and notes.</summary>
public sealed record ApiDatasetVersion(string Version, string ReleasedOn, string? Doi, string? Url, string? Notes);

/// <summary>How to cite the latest version (the dataset as a whole when <see cref="Version"/> is null), and whose names it carries.</summary>
public sealed record ApiCitation(string? Version, string AuthorsFrom, string Text, string Bibtex, string Cff);

/// <summary>Paths on this service: the dataset's page, this resource, its group.</summary>
public sealed record DatasetLinks(string Page, string Self, string Group);
