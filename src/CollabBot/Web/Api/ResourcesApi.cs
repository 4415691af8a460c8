using CollabBot.Core.Data;
using CollabBot.Core.Domain;
using CollabBot.Core.Resources;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CollabBot.Web.Api;

/// <summary><c>GET /api/v1/resources[?q=&amp;kind=&amp;level=&amp;topic=&amp;wg=&amp;limit=&amp;offset=]</c> and <c>/resources/{id}</c>: the library, as the pages show it.</summary>
public static class ResourcesApi
{
    public static void MapResourcesApi(this RouteGroupBuilder api)
    {
        api.MapGet("/resources", ListAsync)
            .WithName("listResources")
            .WithSummary("The library, ranked by relevance to q (an exact title first) or by title; filtered by kind, level, topic and group (wg).")
            .WithTags("Resources")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/resources/{id}", GetAsync)
            .WithName("getResource")
            .WithSummary("One resource, retired or not, with its groups and its link's last check.")
            .WithTags("Resources")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    public static async Task<Results<Ok<ResourceList>, ProblemHttpResult>> ListAsync(
        CollabBotDbContext db, string? q, string? kind, string? level, string? topic, string? wg, int? limit, int? offset, CancellationToken cancellationToken)
    {
        var query = new ResourceQuery { Text = string.IsNullOrWhiteSpace(q) ? null : ResourceInput.OneLine(q), Limit = Math.Clamp(limit ?? 20, 1, ResourceQuery.MaxLimit), Offset = Math.Clamp(offset ?? 0, 0, 100_000) };
        if (query.Text is { Length: > 200 })
        {
            return ApiV1.BadRequest("q is at most 200 characters.");
        }

        if (kind is not null)
        {
            if (!ResourceTerms.TryParseKind(kind, out var k, out var error))
            {
                return ApiV1.BadRequest(error);
            }

            query = query with { Kind = k };
        }

        if (level is not null)
        {
            if (!ResourceTerms.TryParseLevel(level, out var l, out var error))
            {
                return ApiV1.BadRequest(error);
            }

            query = query with { Level = l };
        }

        if (topic is not null)
        {
            if (!ResourceTerms.TryParseTopic(topic, out var t, out var error))
            {
                return ApiV1.BadRequest(error);
            }

            query = query with { Topic = t };
        }

        if (wg is { Length: > 0 })
        {
            var group = await db.Groups.AsNoTracking().FirstOrDefaultAsync(g => g.Slug == wg.ToLowerInvariant(), cancellationToken);
            if (group is null)
            {
                return await GroupsApi.GroupNotFoundAsync(wg, db, cancellationToken);
            }

            query = query with { GroupId = group.Id };
        }

        var result = await new ResourceSearch(db).SearchAsync(query, cancellationToken);
        return TypedResults.Ok(new ResourceList(result.Total, result.TotalIsLowerBound, [.. result.Hits.Select(h => Item(h.Resource))]));
    }

    public static async Task<Results<Ok<ResourceItem>, ProblemHttpResult>> GetAsync(string id, CollabBotDbContext db, CancellationToken cancellationToken)
    {
        var resource = ResourceKeys.TryParseRef(id, out var number) ? await new ResourceLibrary(db).FindAsync(number, cancellationToken) : null;
        return resource is null
            ? ApiV1.NotFound($"There is no resource {(id.Length > 40 ? id[..40] : id)}.")
            : TypedResults.Ok(Item(resource));
    }

    private static ResourceItem Item(Resource r) => new(
        r.Id,
        r.Ref,
        r.Title,
        r.Url,
        ResourceTerms.Name(r.Kind),
        r.Level is { } l ? ResourceTerms.Name(l) : null,
        r.Audience is { } a ? ResourceTerms.Name(a) : null,
        r.Authors,
        r.Year,
        r.Topics,
        [.. r.Groups.Select(g => new ApiGroupRef(g.Group.Slug, g.Group.Name))],
        r.ArxivId,
        r.Doi,
        r.InspireId,
        r.Licence,
        r.Description,
        r.AddedAt,
        r.RetiredAt,
        r.Link?.IsBroken ?? false,
        r.Link?.LastOkAt);
}

/// <param name="Total">How many match in all, at most 1,000 (<paramref name="TotalIsLowerBound"/>: more).</param>
public sealed record ResourceList(int Total, bool TotalIsLowerBound, IReadOnlyList<ResourceItem> Resources);

public sealed record ResourceItem(
    int Id,
    string Ref,
    string Title,
    string Url,
    string Kind,
    string? Level,
    string? Audience,
    IReadOnlyList<string> Authors,
    int? Year,
    IReadOnlyList<string> Topics,
    IReadOnlyList<ApiGroupRef> Groups,
    string? Arxiv,
    string? Doi,
    string? Inspire,
    string? Licence,
    string? Description,
    DateTimeOffset AddedAt,
    DateTimeOffset? RetiredAt,
    bool LinkBroken,
    DateTimeOffset? LinkLastOkAt);
