using System.Globalization;
using CollabBot.Core.Data;
using CollabBot.Core.Domain;
using CollabBot.Core.Features.Meeting;
using CollabBot.Core.Meetings;
using CollabBot.Core.Outbox;
using CollabBot.Core.Replies;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CollabBot.Core.Reminders;

/// <summary>One person's own reminder of one occurrence at one offset.</summary>
public sealed record DuePersonalReminder(int PersonId, DueReminder Reminder)
{
    public DateTimeOffset DueAt => Reminder.DueAt;

    /// <summary>The occurrence's reminder key and the person: stable across restarts, new after a move (the start is in it).</summary>
    public string Key => string.Create(CultureInfo.InvariantCulture, $"{Reminder.Key}:p{PersonId}");
}

/// <summary>
/// Personal reminders (<c>/profile set --remind … --remind-via dm</c>): a direct message to each person who asked,
/// at their own offsets (or the series'), before each occurrence of their groups' meetings — not those of groups they
/// muted, and with <c>--remind-for rsvp</c> only those they said yes or maybe to. Planned and fired by the same Quartz
/// planner as the channel reminders (<see cref="ReminderService"/>); like them, the database is re-checked when one
/// fires and the outbox row's unique key (<c>personal-reminder:&lt;occurrence&gt;:&lt;start&gt;:&lt;offset&gt;:p&lt;person&gt;</c>)
/// keeps it to one message however often it fires, on however many instances.
/// </summary>
public sealed partial class PersonalReminderService(
    IServiceScopeFactory scopes,
    IOptionsMonitor<ReminderOptions> options,
    IOptionsMonitor<BotOptions> bot,
    OutboxSignal outbox,
    TimeProvider clock,
    ILogger<PersonalReminderService> logger)
{
    private sealed record Subscriber(int GroupId, int PersonId, string? Offsets, ReminderScope Scope);

    /// <summary>Personal reminders whose due time lies in [from, to], for all series or only the given ones.</summary>
    public async Task<IReadOnlyList<DuePersonalReminder>> PlanAsync(DateTimeOffset from, DateTimeOffset to, IReadOnlyCollection<int>? seriesIds = null, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CollabBotDbContext>();
        var subscribers = await db.Memberships.AsNoTracking()
            .Where(m => m.EndedAt == null && !m.RemindersMuted && !m.Group.IsArchived
                && m.Person.RemindVia == ReminderDelivery.Dm && m.Person.MergedIntoPersonId == null)
            .Select(m => new Subscriber(m.GroupId, m.PersonId, m.Person.RemindOffsets, m.Person.RemindFor))
            .ToListAsync(cancellationToken);
        if (subscribers.Count == 0)
        {
            return [];
        }

        var byGroup = subscribers.ToLookup(s => s.GroupId);
        var groupIds = byGroup.Select(g => g.Key).ToList();
        var query = db.MeetingSeries.AsNoTracking().Include(s => s.Changes)
            .Where(s => groupIds.Contains(s.GroupId) && (s.EndedAt == null || s.EndedAt > from));
        if (seriesIds is not null)
        {
            query = query.Where(s => seriesIds.Contains(s.Id));
        }

        var series = await query.ToListAsync(cancellationToken);
        var rsvpPeople = subscribers.Where(s => s.Scope == ReminderScope.Rsvp).Select(s => s.PersonId).Distinct().ToList();
        var loaded = series.Select(s => s.Id).ToList();
        var coming = rsvpPeople.Count == 0
            ? []
            : (await db.Rsvps.AsNoTracking()
                .Where(r => rsvpPeople.Contains(r.PersonId) && loaded.Contains(r.SeriesId) && r.Answer != RsvpAnswer.No)
                .Select(r => new { r.SeriesId, r.OccurrenceDate, r.PersonId })
                .ToListAsync(cancellationToken))
                .Select(r => (r.SeriesId, r.OccurrenceDate, r.PersonId)).ToHashSet();

        var defaults = options.CurrentValue;
        var result = new List<DuePersonalReminder>();
        foreach (var s in series)
        {
            var people = byGroup[s.GroupId].Select(p => (p.PersonId, p.Scope, Offsets: PersonalReminders.Offsets(p.Offsets, s, defaults))).Where(p => p.Offsets.Count > 0).ToList();
            if (people.Count == 0)
            {
                continue;
            }

            foreach (var occurrence in Occurrences.Between(s, from, to + people.Max(p => p.Offsets.Max())))
            {
                var date = MeetingTime.FormatDate(occurrence.OriginalDate);
                foreach (var (personId, reminderScope, offsets) in people)
                {
                    if (reminderScope == ReminderScope.Rsvp && !coming.Contains((s.Id, date, personId)))
                    {
                        continue;
                    }

                    foreach (var offset in offsets)
                    {
                        var due = new DuePersonalReminder(personId, new DueReminder(s.Id, date, occurrence.Start, offset));
                        if (due.DueAt >= from && due.DueAt <= to)
                        {
                            result.Add(due);
                        }
                    }
                }
            }
        }

        return [.. result.OrderBy(r => r.DueAt).ThenBy(r => r.PersonId)];
    }

    /// <summary>
    /// Checks the reminder against the database now (the occurrence cancelled or moved, the person's settings, their
    /// membership and mute, their RSVP) and queues one direct message. Safe to call any number of times.
    /// </summary>
    public async Task<ReminderService.Outcome> SendAsync(DuePersonalReminder due, CancellationToken cancellationToken = default)
    {
        var reminder = due.Reminder;
        if (DueOccurrences.Timing(reminder, clock.GetUtcNow(), options.CurrentValue.CatchUpWindow) is { } timing)
        {
            if (timing == ReminderService.Outcome.TooLate)
            {
                LogTooLate(logger, due.Key);
            }

            return timing;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CollabBotDbContext>();
        if (await DueOccurrences.FindAsync(db, reminder, cancellationToken) is not { } occurrence)
        {
            return ReminderService.Outcome.Gone;
        }

        var series = occurrence.Series;
        var date = MeetingTime.FormatDate(occurrence.OriginalDate);
        var person = await db.People.AsNoTracking().FirstOrDefaultAsync(p => p.Id == due.PersonId, cancellationToken);
        if (person is not { RemindVia: ReminderDelivery.Dm, MergedIntoPersonId: null }
            || !PersonalReminders.Offsets(person.RemindOffsets, series, options.CurrentValue).Contains(reminder.Offset)
            || !await db.Memberships.AnyAsync(m => m.GroupId == series.GroupId && m.PersonId == person.Id && m.EndedAt == null && !m.RemindersMuted, cancellationToken))
        {
            return ReminderService.Outcome.Gone;
        }

        var answer = await db.Rsvps.AsNoTracking().Where(r => r.SeriesId == series.Id && r.OccurrenceDate == date && r.PersonId == person.Id)
            .Select(r => (RsvpAnswer?)r.Answer).FirstOrDefaultAsync(cancellationToken);
        if (person.RemindFor == ReminderScope.Rsvp && answer is not (RsvpAnswer.Yes or RsvpAnswer.Maybe))
        {
            return ReminderService.Outcome.Gone;
        }

        var content = await ContentAsync(db, person, occurrence, reminder.Offset, answer, cancellationToken);
        var send = new SendOptions(DedupeKey: $"personal-reminder:{due.Key}", DueAt: reminder.DueAt, GiveUpAt: reminder.Start);
        if (!await new OutboxWriter(db).ToPersonOnceAsync(person, content, send, cancellationToken))
        {
            return ReminderService.Outcome.AlreadySent;
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (UniqueKeys.IsViolation(ex))
        {
            // Another instance (or an earlier firing) queued it first: the unique key kept it once.
            return ReminderService.Outcome.AlreadySent;
        }

        outbox.Pulse();
        return ReminderService.Outcome.Queued;
    }

    /// <summary>The direct message: the meeting at the reader's own time (their profile's zone), where, their answer, the agenda, how to stop.</summary>
    private async Task<Reply> ContentAsync(CollabBotDbContext db, Person person, Occurrence occurrence, TimeSpan offset, RsvpAnswer? answer, CancellationToken cancellationToken)
    {
        var series = occurrence.Series;
        var zone = person.TimeZone ?? series.TimeZone;
        var b = new ReplyBuilder($"Reminder: {series.Title} in {Values.Durations.Format(offset)}")
            .Field("Group", $"{series.Group.Name} ({series.Group.Slug})")
            .Field("Meeting", $"{series.Title} ({MeetingKinds.Of(occurrence)})")
            .Field("Starts", Line.Of(new Timestamp(occurrence.Start, zone)));
        if (zone != series.TimeZone)
        {
            b.Field("Group's time", TimeFormat.Plain(new Timestamp(occurrence.Start, series.TimeZone)));
        }

        if (series.Where is not null)
        {
            b.Field("Where", series.Where);
        }

        if (series.Link is not null)
        {
            b.Field("Link", Line.Of(new Link(series.Link, series.Link)));
        }

        b.Field("You said", answer switch
        {
            RsvpAnswer.Yes => "going",
            RsvpAnswer.Maybe => "maybe",
            RsvpAnswer.No => "can't come",
            _ => "nothing yet (the buttons answer)",
        });
        var page = bot.CurrentValue.Link($"/wg/{series.Group.Slug}");
        b.Field("Group page", Line.Of(new Link(page, page)));
        b.Section("Agenda").Lines(await ReminderService.AgendaAsync(db, occurrence, cancellationToken));
        b.Section(null).Line(Line.Of(
            new Text("Your personal reminder. "),
            new Code($"/wg mute {series.Group.Slug}"),
            new Text(" stops them for this group, "),
            new Code("/profile set --remind-via off"),
            new Text(" for all.")));
        return b.Build() with { Actions = Rsvps.Buttons(occurrence) };
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Personal reminder {Key} is past its use (too late or its meeting started); not sent")]
    private static partial void LogTooLate(ILogger logger, string key);
}
