using CollabBot.Core;
using CollabBot.Core.Data;
using CollabBot.Core.Domain;
using CollabBot.Core.Features.Datasets;
using CollabBot.Core.Features.Topics;
using CollabBot.Core.Meetings;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CollabBot.Web.Pages;

public sealed partial class GroupPage
{
    /// <summary>How many dates of each series the page shows.</summary>
    public const int DatesPerSeries = 3;

    public sealed record ProjectItem(string Slug, string Title, ProjectKind Kind, int Authors);

    public sealed record DatasetItem(string Slug, string Title, DatasetVersion? Latest);

    /// <summary>
    /// What the group page shows. <see cref="Members"/> is everyone in the group, conveners first, even when
    /// <see cref="ShowMembers"/> is false: the count is shown, the names are not.
    /// </summary>
    public sealed record View(
        WorkingGroup Group,
        IReadOnlyList<Membership> Conveners,
        IReadOnlyList<Membership> Members,
        bool ShowMembers,
        IReadOnlyList<ProjectItem> Projects,
        IReadOnlyList<MeetingSeries> Series,
        ILookup<int, UpcomingMeeting> Dates,
        IReadOnlyList<DatasetItem> Datasets,
        IReadOnlyList<RankedIdea> Ideas,
        string Feed,
        string Webcal,
        IReadOnlyList<Resource> StartHere);

    [Parameter, EditorRequired]
    public View Model { get; set; } = null!;

    private WorkingGroup Group => Model.Group;

    private string JoinCommand => $"/wg join {Group.Slug}";

    public static async Task<IResult> HandleAsync(
        string slug, CollabBotDbContext db, IOptions<DashboardOptions> dashboard, IOptions<BotOptions> bot, TimeProvider clock, CancellationToken cancellationToken)
    {
        var group = await db.Groups.AsNoTracking()
            .Include(g => g.Memberships.Where(m => m.EndedAt == null)).ThenInclude(m => m.Person)
            .Include(g => g.ChannelLinks.Where(c => c.UnlinkedAt == null))
            .FirstOrDefaultAsync(g => g.Slug == slug.ToLowerInvariant(), cancellationToken);
        if (group is null)
        {
            return await NotFoundPage.ForAsync(NotFoundPage.Groups, slug, db.Groups.Select(g => g.Slug), cancellationToken);
        }

        var members = group.Memberships.OrderByDescending(m => m.Role).ThenBy(m => m.Person.DisplayName, StringComparer.CurrentCulture).ToList();
        var projects = await db.Projects.AsNoTracking()
            .Where(p => p.GroupId == group.Id)
            .OrderBy(p => p.Slug)
            .Select(p => new ProjectItem(p.Slug, p.Title, p.Kind, p.Contributions.Where(c => c.Status == ContributionStatus.Confirmed).Select(c => c.PersonId).Distinct().Count()))
            .ToListAsync(cancellationToken);

        var series = await db.MeetingSeries.AsNoTracking().Include(s => s.Changes)
            .Where(s => s.GroupId == group.Id)
            .OrderBy(s => s.EndedAt != null).ThenBy(s => s.Title).ThenBy(s => s.Id)
            .ToListAsync(cancellationToken);
        series.ForEach(s => s.Group = group);

        // An archived group holds no meetings (no reminders, nothing in the feeds); its series stay listed for the record.
        var now = clock.GetUtcNow();
        var upcoming = group.IsArchived ? [] : series.SelectMany(s => Occurrences.Next(s, now, DatesPerSeries, includeCancelled: true)).ToList();
        var dates = (await MeetingViews.WithAgendasAsync(db, upcoming, cancellationToken)).ToLookup(m => m.Series.Id);

        var datasets = (await db.Datasets.AsNoTracking().Include(d => d.Versions)
            .Where(d => d.GroupId == group.Id)
            .OrderBy(d => d.Slug)
            .ToListAsync(cancellationToken))
            .Select(d => new DatasetItem(d.Slug, d.Title, DatasetRefs.Latest(d.Versions)))
            .ToList();

        var ideas = await TopicIdeas.OpenAsync(db, group.Id, cancellationToken);
        var feed = $"/calendar/{group.Slug}.ics";
        var view = new View(
            group,
            [.. members.Where(m => m.Role == MemberRole.Convener)],
            members,
            dashboard.Value.ShowMembers,
            projects,
            series,
            dates,
            datasets,
            ideas,
            feed,
            MeetingViews.Webcal(bot.Value, feed),
            await new CollabBot.Core.Resources.ResourceLibrary(db).StartHereAsync(group.Id, cancellationToken));
        return Dashboard.Page<GroupPage>(new { Model = view });
    }
}
