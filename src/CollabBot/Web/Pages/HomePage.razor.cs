using CollabBot.Core;
using CollabBot.Core.Data;
using CollabBot.Core.Domain;
using CollabBot.Core.Meetings;
using CollabBot.Web.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CollabBot.Web.Pages;

public sealed partial class HomePage
{
    public const int NextMeetings = 5;

    /// <summary>What the home page shows: the active groups, the next few meetings, the feed to subscribe to.</summary>
    public sealed record View(IReadOnlyList<GroupCard.Card> Groups, IReadOnlyList<UpcomingMeeting> Next, string Webcal);

    [Parameter, EditorRequired]
    public View Model { get; set; } = null!;

    public static async Task<IResult> HandleAsync(CollabBotDbContext db, IOptions<BotOptions> bot, TimeProvider clock, CancellationToken cancellationToken)
    {
        var groups = await db.Groups.AsNoTracking()
            .Where(g => !g.IsArchived)
            .OrderBy(g => g.Slug)
            .Select(g => new GroupCard.Card(
                g.Slug,
                g.Name,
                g.Kind,
                g.Description,
                g.IsOpen,
                g.Memberships.Where(m => m.EndedAt == null && m.Role == MemberRole.Convener).Select(m => m.Person.DisplayName).ToList(),
                g.Memberships.Count(m => m.EndedAt == null)))
            .ToListAsync(cancellationToken);

        // The next few meetings of any group, cancelled dates left out.
        var now = clock.GetUtcNow();
        var series = await MeetingViews.ActiveSeries(db).Where(s => s.EndedAt == null || s.EndedAt > now).ToListAsync(cancellationToken);
        var next = series.SelectMany(s => Occurrences.Next(s, now, NextMeetings))
            .OrderBy(o => o.Start).ThenBy(o => o.Series.Group.Name)
            .Take(NextMeetings)
            .Select(o => new UpcomingMeeting(o, []))
            .ToList();

        return Dashboard.Page<HomePage>(new { Model = new View(groups, next, MeetingViews.Webcal(bot.Value, "/calendar.ics")) });
    }
}
