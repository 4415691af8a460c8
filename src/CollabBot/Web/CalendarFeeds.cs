using System.Text;
using CollabBot.Core;
using CollabBot.Core.Calendars;
using CollabBot.Core.Data;
using CollabBot.Core.Features.Meeting;
using CollabBot.Core.Meetings;
using CollabBot.Core.Values;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CollabBot.Web;

/// <summary>
/// <c>GET /calendar.ics</c>, <c>GET /calendar/&lt;wg&gt;.ics</c> and the personal <c>GET /calendar/me/&lt;token&gt;.ics</c>: RFC 5545
/// feeds to subscribe to, each event with a VALARM per reminder offset of its series.
/// </summary>
public static class CalendarFeeds
{
    public static void MapCalendarFeeds(this WebApplication app)
    {
        app.MapGet("/calendar.ics", (CollabBotDbContext db, IOptions<BotOptions> bot, IOptions<ReminderOptions> reminders, TimeProvider clock, CancellationToken cancellationToken) =>
            FeedAsync(db, bot.Value, reminders.Value, clock, null, cancellationToken));
        app.MapGet("/calendar/{slug}.ics", (string slug, CollabBotDbContext db, IOptions<BotOptions> bot, IOptions<ReminderOptions> reminders, TimeProvider clock, CancellationToken cancellationToken) =>
            FeedAsync(db, bot.Value, reminders.Value, clock, slug.ToLowerInvariant(), cancellationToken));
        app.MapGet("/calendar/me/{token}.ics", PersonalAsync);
    }

    /// <summary>The meetings of the token owner's groups (active memberships, groups not archived), and only those.</summary>
    private static async Task<IResult> PersonalAsync(
        string token, HttpContext http, CollabBotDbContext db, IOptions<BotOptions> bot, IOptions<ReminderOptions> reminders, TimeProvider clock, CancellationToken cancellationToken)
    {
        // The address is the key: never cached by a shared cache, never sent on as a referrer.
        http.Response.Headers.CacheControl = "private, no-cache";
        http.Response.Headers["Referrer-Policy"] = "no-referrer";
        if (await PersonalCalendars.OwnerAsync(db, token, cancellationToken) is not { } person)
        {
            return Results.Text("There is no personal calendar at this address: it was ended, replaced by a newer one, or never issued. /profile calendar gives you a new address.", "text/plain; charset=utf-8", statusCode: 404);
        }

        var groups = db.Memberships.Where(m => m.PersonId == person.Id && m.EndedAt == null).Select(m => m.GroupId);
        var query = db.MeetingSeries.AsNoTracking().Include(s => s.Group).Include(s => s.Changes).Where(s => !s.Group.IsArchived && groups.Contains(s.GroupId));
        var answers = await db.Rsvps.AsNoTracking().Where(r => r.PersonId == person.Id).Select(r => new { r.SeriesId, r.OccurrenceDate, r.Answer }).ToListAsync(cancellationToken);
        var attendee = new FeedAttendee(person.DisplayName, FeedAttendee.AddressOf(Host(bot.Value), person.Id), answers.ToDictionary(r => (r.SeriesId, r.OccurrenceDate), r => r.Answer));

        // The alarms are the person's own reminder times when they set some (/profile set --remind), else each series'.
        return await WriteAsync(db, bot.Value, reminders.Value, clock, query, $"Meetings of {person.DisplayName}'s groups", cancellationToken,
            attendee, s => PersonalReminders.Offsets(person.RemindOffsets, s, reminders.Value));
    }

    private static async Task<IResult> FeedAsync(CollabBotDbContext db, BotOptions bot, ReminderOptions reminders, TimeProvider clock, string? slug, CancellationToken cancellationToken)
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

        return await WriteAsync(db, bot, reminders, clock, query, name, cancellationToken);
    }

    private static async Task<IResult> WriteAsync(
        CollabBotDbContext db, BotOptions bot, ReminderOptions reminders, TimeProvider clock, IQueryable<Core.Domain.MeetingSeries> query, string name, CancellationToken cancellationToken,
        FeedAttendee? attendee = null, Func<Core.Domain.MeetingSeries, IReadOnlyList<TimeSpan>>? alarms = null)
    {
        var series = await query.ToListAsync(cancellationToken);
        var ids = series.Select(s => s.Id).ToList();
        var talks = await db.Talks.AsNoTracking()
            .Where(t => ids.Contains(t.SeriesId) && t.RemovedAt == null)
            .OrderBy(t => t.AddedAt).ThenBy(t => t.Id)
            .Select(t => new FeedTalk(t.SeriesId, t.OccurrenceDate, t.Title, t.SpeakerPerson != null ? t.SpeakerPerson.DisplayName : t.SpeakerName, t.Minutes))
            .ToListAsync(cancellationToken);
        var notes = await MeetingNotes.FeedNotesAsync(db, ids, cancellationToken);
        var text = new ICalendarWriter(Host(bot), clock.GetUtcNow(), alarms ?? (s => MeetingRefs.Offsets(s, reminders))).Write(name, series, talks, s => bot.Link($"/wg/{s.Group.Slug}"), notes, attendee);
        return Results.Text(text, "text/calendar; charset=utf-8", Encoding.UTF8);
    }

    private static string Host(BotOptions bot) => Uri.TryCreate(bot.PublicUrl, UriKind.Absolute, out var uri) ? uri.Host : "collabbot";
}
