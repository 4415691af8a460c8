using System.Text;
using CollabBot.Core;
using CollabBot.Core.Calendars;
using CollabBot.Core.Data;
using CollabBot.Core.Features.Meeting;
using CollabBot.Core.Values;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CollabBot.Web;

/// <summary><c>GET /calendar.ics</c> and <c>GET /calendar/&lt;wg&gt;.ics</c>: RFC 5545 feeds to subscribe to.</summary>
public static class CalendarFeeds
{
    public static void MapCalendarFeeds(this WebApplication app)
    {
        app.MapGet("/calendar.ics", (CollabBotDbContext db, IOptions<BotOptions> bot, TimeProvider clock, CancellationToken cancellationToken) =>
            FeedAsync(db, bot.Value, clock, null, cancellationToken));
        app.MapGet("/calendar/{slug}.ics", (string slug, CollabBotDbContext db, IOptions<BotOptions> bot, TimeProvider clock, CancellationToken cancellationToken) =>
            FeedAsync(db, bot.Value, clock, slug.ToLowerInvariant(), cancellationToken));
    }

    private static async Task<IResult> FeedAsync(CollabBotDbContext db, BotOptions bot, TimeProvider clock, string? slug, CancellationToken cancellationToken)
    {
        var name = "CollabBot meetings";
        var query = db.MeetingSeries.AsNoTracking().Include(s => s.Group).Include(s => s.Changes).Where(s => !s.Group.IsArchived);
        if (slug is not null)
        {
            var group = await db.Groups.AsNoTracking().FirstOrDefaultAsync(g => g.Slug == slug, cancellationToken);
            if (group is null)
            {
                var slugs = await db.Groups.Select(g => g.Slug).ToListAsync(cancellationToken);
                return Results.Text($"There is no working group '{slug}'{Suggest.DidYouMean(slug, slugs)}.", statusCode: 404);
            }

            query = query.Where(s => s.GroupId == group.Id);
            name = $"{group.Name} meetings";
        }

        var series = await query.ToListAsync(cancellationToken);
        var ids = series.Select(s => s.Id).ToList();
        var talks = await db.Talks.AsNoTracking()
            .Where(t => ids.Contains(t.SeriesId) && t.RemovedAt == null)
            .OrderBy(t => t.AddedAt).ThenBy(t => t.Id)
            .Select(t => new FeedTalk(t.SeriesId, t.OccurrenceDate, t.Title, t.SpeakerPerson != null ? t.SpeakerPerson.DisplayName : t.SpeakerName, t.Minutes))
            .ToListAsync(cancellationToken);
        var notes = await MeetingNotes.FeedNotesAsync(db, ids, cancellationToken);
        var host = Uri.TryCreate(bot.PublicUrl, UriKind.Absolute, out var uri) ? uri.Host : "collabbot";
        var text = new ICalendarWriter(host, clock.GetUtcNow()).Write(name, series, talks, s => bot.Link($"/wg/{s.Group.Slug}"), notes);
        return Results.Text(text, "text/calendar; charset=utf-8", Encoding.UTF8);
    }
}
