using CollabBot.Core;
using CollabBot.Core.Data;
using CollabBot.Core.Domain;
using CollabBot.Core.Meetings;
using CollabBot.Core.Values;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CollabBot.Web.Api;

/// <summary><c>GET /api/v1/groups</c>, <c>/groups/{slug}</c> and <c>/groups/{slug}/meetings</c>.</summary>
public static class GroupsApi
{
    public static void MapGroupsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/groups", ListAsync)
            .WithName("listGroups")
            .WithSummary("Every active working group, by slug, with its conveners.")
            .WithTags("Groups");
        api.MapGet("/groups/{slug}", GetAsync)
            .WithName("getGroup")
            .WithSummary("One working group (archived ones too): conveners, members with roles and tags, linked channels.")
            .WithDescription("`members` is null when the deployment hides member lists (Dashboard:ShowMembers=false).")
            .WithTags("Groups")
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/groups/{slug}/meetings", SeriesAsync)
            .WithName("listGroupMeetingSeries")
            .WithSummary("A group's meeting series: schedule, place and link, and the next date.")
            .WithTags("Meetings")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    public static async Task<Ok<GroupList>> ListAsync(CollabBotDbContext db, CancellationToken cancellationToken)
    {
        var groups = await db.Groups.AsNoTracking()
            .Where(g => !g.IsArchived)
            .OrderBy(g => g.Slug)
            .Select(g => new
            {
                Group = g,
                Conveners = g.Memberships.Where(m => m.EndedAt == null && m.Role == MemberRole.Convener).Select(m => m.Person).ToList(),
                MemberCount = g.Memberships.Count(m => m.EndedAt == null),
            })
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(new GroupList([.. groups.Select(g => Summary(g.Group, g.Conveners, g.MemberCount))]));
    }

    public static async Task<Results<Ok<GroupDetail>, ProblemHttpResult>> GetAsync(
        string slug, CollabBotDbContext db, IOptions<DashboardOptions> dashboard, CancellationToken cancellationToken)
    {
        var group = await db.Groups.AsNoTracking()
            .Include(g => g.Memberships.Where(m => m.EndedAt == null)).ThenInclude(m => m.Person)
            .Include(g => g.ChannelLinks.Where(c => c.UnlinkedAt == null))
            .FirstOrDefaultAsync(g => g.Slug == slug.ToLowerInvariant(), cancellationToken);
        if (group is null)
        {
            return await GroupNotFoundAsync(slug, db, cancellationToken);
        }

        var members = group.Memberships
            .OrderByDescending(m => m.Role).ThenBy(m => m.Person.DisplayName, StringComparer.Ordinal).ThenBy(m => m.Id)
            .ToList();
        var conveners = members.Where(m => m.Role == MemberRole.Convener).ToList();
        var summary = Summary(group, [.. conveners.Select(m => m.Person)], members.Count);
        return TypedResults.Ok(new GroupDetail(
            summary.Slug,
            summary.Name,
            summary.Kind,
            summary.Description,
            summary.TimeZone,
            summary.Open,
            summary.Archived,
            summary.MemberCount,
            [.. conveners.Select(Member)],
            dashboard.Value.ShowMembers ? [.. members.Select(Member)] : null,
            [.. group.ChannelLinks.OrderBy(c => c.Platform, StringComparer.Ordinal).ThenBy(c => c.ChannelName ?? c.ChannelId, StringComparer.Ordinal)
                .Select(c => new ApiChannel(c.Platform, c.ChannelName ?? c.ChannelId))],
            summary.Links));
    }

    public static async Task<Results<Ok<SeriesList>, ProblemHttpResult>> SeriesAsync(
        string slug, CollabBotDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var group = await db.Groups.AsNoTracking().FirstOrDefaultAsync(g => g.Slug == slug.ToLowerInvariant(), cancellationToken);
        if (group is null)
        {
            return await GroupNotFoundAsync(slug, db, cancellationToken);
        }

        var series = await db.MeetingSeries.AsNoTracking().Include(s => s.Changes)
            .Where(s => s.GroupId == group.Id)
            .OrderBy(s => s.Slug)
            .ToListAsync(cancellationToken);
        var now = clock.GetUtcNow();
        return TypedResults.Ok(new SeriesList(group.Slug, [.. series.Select(s =>
        {
            s.Group = group;

            // An archived group holds no meetings (nothing in feeds or reminders), so it has no next date either.
            var next = group.IsArchived ? null : Occurrences.Next(s, now, 1).FirstOrDefault();
            return new ApiSeries(
                s.Slug,
                $"{group.Slug}/{s.Slug}",
                s.Title,
                s.Kind,
                s.Rule,
                ApiTime.Local(s.StartLocal),
                s.TimeZone,
                s.DurationMinutes,
                s.Where,
                s.Link is { } link ? Html.SafeUrl(link) : null,
                s.EndedAt?.ToUniversalTime(),
                next?.Start.ToUniversalTime());
        })]));
    }

    internal static async Task<ProblemHttpResult> GroupNotFoundAsync(string slug, CollabBotDbContext db, CancellationToken cancellationToken)
    {
        var slugs = await db.Groups.Select(g => g.Slug).ToListAsync(cancellationToken);
        return ApiV1.NotFound($"There is no working group '{slug}'{Suggest.DidYouMean(slug, slugs)}.");
    }

    private static GroupSummary Summary(WorkingGroup g, IReadOnlyList<Person> conveners, int memberCount) => new(
        g.Slug,
        g.Name,
        Kind(g.Kind),
        g.Description,
        g.TimeZone,
        g.IsOpen,
        g.IsArchived,
        memberCount,
        [.. conveners.OrderBy(p => p.DisplayName, StringComparer.Ordinal).Select(p => new ApiPerson(p.DisplayName, p.Orcid, [.. p.Affiliations]))],
        GroupLinks(g.Slug));

    public static GroupLinks GroupLinks(string slug) =>
        new($"/wg/{slug}", $"{ApiV1.Prefix}/groups/{slug}", $"{ApiV1.Prefix}/groups/{slug}/meetings", $"/calendar/{slug}.ics");

    private static ApiMember Member(Membership m) => new(
        m.Person.DisplayName,
        m.Role == MemberRole.Convener ? "convener" : "member",
        [.. m.Tags.Order(StringComparer.Ordinal)],
        m.Person.Orcid,
        [.. m.Person.Affiliations]);

    /// <summary>The words the command language uses (<c>dataset</c>, <c>problem</c>, <c>area</c>, <c>general</c>), not the enum's names.</summary>
    public static string Kind(GroupKind kind) => kind.ToString().ToLowerInvariant();
}

/// <summary><c>{"groups":[…]}</c>: an object, so fields such as paging can be added without breaking readers.</summary>
public sealed record GroupList(IReadOnlyList<GroupSummary> Groups);

public sealed record GroupSummary(
    string Slug,
    string Name,
    string Kind,
    string Description,
    string TimeZone,
    bool Open,
    bool Archived,
    int MemberCount,
    IReadOnlyList<ApiPerson> Conveners,
    GroupLinks Links);

public sealed record GroupDetail(
    string Slug,
    string Name,
    string Kind,
    string Description,
    string TimeZone,
    bool Open,
    bool Archived,
    int MemberCount,
    IReadOnlyList<ApiMember> Conveners,
    IReadOnlyList<ApiMember>? Members,
    IReadOnlyList<ApiChannel> Channels,
    GroupLinks Links);

/// <summary>Paths on this service: the dashboard page, this resource, its meetings, its calendar feed.</summary>
public sealed record GroupLinks(string Page, string Self, string Meetings, string Calendar);

public sealed record ApiPerson(string Name, string? Orcid, IReadOnlyList<string> Affiliations);

public sealed record ApiMember(string Name, string Role, IReadOnlyList<string> Tags, string? Orcid, IReadOnlyList<string> Affiliations);

public sealed record ApiChannel(string Platform, string Name);

public sealed record SeriesList(string Group, IReadOnlyList<ApiSeries> Series);

public sealed record ApiSeries(
    string Slug,
    string Reference,
    string Title,
    string Kind,
    string? Rule,
    string StartLocal,
    string TimeZone,
    int DurationMinutes,
    string? Where,
    string? Link,
    DateTimeOffset? Ended,
    DateTimeOffset? Next);
