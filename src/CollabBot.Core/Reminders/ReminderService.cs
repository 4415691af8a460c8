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

/// <summary>One reminder owed: an occurrence (series, original date, start) and an offset before it.</summary>
public sealed record DueReminder(int SeriesId, string OriginalDate, DateTimeOffset Start, TimeSpan Offset)
{
    public DateTimeOffset DueAt => Start - Offset;

    /// <summary>Stable across restarts and instances; includes the start so a moved occurrence is reminded again.</summary>
    public string Key => string.Create(CultureInfo.InvariantCulture, $"{SeriesId}:{OriginalDate}:{Start.UtcTicks}:{(long)Offset.TotalMinutes}");
}

/// <summary>
/// What is due, and sending it. The database is the source of truth: <see cref="PlanAsync(DateTimeOffset, DateTimeOffset, IReadOnlyCollection{int}?, CancellationToken)"/>
/// lists the reminders falling due in a window, and <see cref="SendAsync"/> re-checks one against the database
/// and writes one outbox row per linked channel (through <see cref="OutboxWriter"/>) under a unique key (occurrence,
/// start, offset, channel) before anything is posted — so a reminder is never posted twice to a channel, however often it fires.
/// </summary>
public sealed partial class ReminderService(
    IServiceScopeFactory scopes,
    IOptionsMonitor<ReminderOptions> options,
    IOptionsMonitor<BotOptions> bot,
    OutboxSignal outbox,
    TimeProvider clock,
    ILogger<ReminderService> logger)
{
    public enum Outcome
    {
        Queued,
        AlreadySent,
        NotDue,
        TooLate,
        Gone,
    }

    /// <summary>
    /// How long before its due instant a reminder is queued: its trigger fires this much ahead, so the outbox row is
    /// committed when the instant comes (with hundreds due on one minute, queueing them all takes a while). The row
    /// holds the due instant and is not posted before it (<see cref="OutboxDelivery"/>); this also absorbs a trigger
    /// that fires a few milliseconds early. A change to the meeting in these last seconds no longer stops its reminder.
    /// </summary>
    public static readonly TimeSpan FireAhead = TimeSpan.FromSeconds(5);

    /// <summary>When a reminder's trigger fires: <see cref="FireAhead"/> before it is due, or now when that has passed.</summary>
    public static DateTimeOffset FireAt(DateTimeOffset dueAt, DateTimeOffset now) => dueAt - FireAhead is var ahead && ahead > now ? ahead : now;

    /// <summary>Reminders whose due time lies in [from, to], for all active series or only the given ones.</summary>
    public async Task<IReadOnlyList<DueReminder>> PlanAsync(DateTimeOffset from, DateTimeOffset to, IReadOnlyCollection<int>? seriesIds = null, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CollabBotDbContext>();
        var query = db.MeetingSeries.AsNoTracking().Include(s => s.Changes)
            .Where(s => !s.Group.IsArchived && (s.EndedAt == null || s.EndedAt > from) && s.ReminderOffsets != "");
        if (seriesIds is not null)
        {
            query = query.Where(s => seriesIds.Contains(s.Id));
        }

        var defaults = options.CurrentValue;
        var result = new List<DueReminder>();
        await foreach (var series in query.AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            var offsets = MeetingRefs.Offsets(series, defaults);
            if (offsets.Count == 0)
            {
                continue;
            }

            // Occurrences whose reminders can fall in the window start up to the largest offset after it.
            foreach (var occurrence in Occurrences.Between(series, from, to + offsets.Max()))
            {
                foreach (var offset in offsets)
                {
                    var due = new DueReminder(series.Id, MeetingTime.FormatDate(occurrence.OriginalDate), occurrence.Start, offset);
                    if (due.DueAt >= from && due.DueAt <= to)
                    {
                        result.Add(due);
                    }
                }
            }
        }

        return [.. result.OrderBy(r => r.DueAt)];
    }

    /// <summary>The window after a (re)start in which missed reminders are still sent: see Reminders:CatchUpWindow.</summary>
    public TimeSpan CatchUpWindow => options.CurrentValue.CatchUpWindow;

    /// <summary>
    /// Checks the reminder against the database now (the occurrence may have been cancelled, moved or ended; the
    /// group archived) and queues it for every linked channel, due at its due instant; from <see cref="FireAhead"/>
    /// before that instant on. Safe to call any number of times.
    /// </summary>
    public async Task<Outcome> SendAsync(DueReminder reminder, CancellationToken cancellationToken = default)
    {
        if (DueOccurrences.Timing(reminder, clock.GetUtcNow(), options.CurrentValue.CatchUpWindow) is { } timing)
        {
            if (timing == Outcome.TooLate)
            {
                Telemetry.CollabBotMetrics.ReminderMissed();
                LogTooLate(logger, reminder.Key);
            }

            return timing;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CollabBotDbContext>();
        if (await DueOccurrences.FindAsync(db, reminder, cancellationToken) is not { } occurrence
            || !MeetingRefs.Offsets(occurrence.Series, options.CurrentValue).Contains(reminder.Offset))
        {
            return Outcome.Gone;
        }

        var series = occurrence.Series;
        var content = await ContentAsync(db, series, occurrence, reminder.Offset, cancellationToken);
        var send = new SendOptions(DedupeKey: $"reminder:{reminder.Key}", DueAt: reminder.DueAt, GiveUpAt: reminder.Start);
        var queued = await new OutboxWriter(db).ToGroupChannelsAsync(series.Group, content, send, cancellationToken);
        if (queued == 0)
        {
            return Outcome.AlreadySent;
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (UniqueKeys.IsViolation(ex))
        {
            // Another instance (or an earlier firing) queued the same reminder first: the unique key kept it once.
            return Outcome.AlreadySent;
        }

        Telemetry.CollabBotMetrics.ReminderQueued(queued);
        outbox.Pulse();
        return Outcome.Queued;
    }

    /// <summary>What a reminder says (interfaces.md): group, title and kind, start in the reader's time and the group's zone, where and link, agenda, calendar link.</summary>
    private async Task<Reply> ContentAsync(CollabBotDbContext db, MeetingSeries series, Occurrence occurrence, TimeSpan offset, CancellationToken cancellationToken)
    {
        var soon = offset >= TimeSpan.FromDays(1) ? $"in {Values.Durations.Format(offset)}" : $"in {Values.Durations.Format(offset)}";
        var b = new ReplyBuilder($"Reminder: {series.Title} {soon}")
            .Field("Group", $"{series.Group.Name} ({series.Group.Slug})")
            .Field("Meeting", $"{series.Title} ({MeetingKinds.Of(occurrence)})")
            .Field("Starts", Line.Of(new Timestamp(occurrence.Start, series.TimeZone)));
        if (series.Where is not null)
        {
            b.Field("Where", series.Where);
        }

        if (series.Link is not null)
        {
            b.Field("Link", Line.Of(new Link(series.Link, series.Link)));
        }

        foreach (var line in await OccurrenceDetails.LinesAsync(db, occurrence, withNames: false, cancellationToken))
        {
            b.Line(line);
        }

        // The reminder announces (and so fixes) who holds each duty; it is saved with the reminder's outbox rows.
        foreach (var turn in await Duties.FixAsync(db, occurrence, clock.GetUtcNow(), cancellationToken))
        {
            b.Field(char.ToUpperInvariant(turn.Duty.Name[0]) + turn.Duty.Name[1..], turn.Person is { } p ? Commands.People.Name(p) : "nobody yet");
        }

        var feed = bot.CurrentValue.Link($"/calendar/{series.Group.Slug}.ics");
        b.Field("Calendar", Line.Of(new Link(feed, feed)));
        b.Section("Agenda").Lines(await AgendaAsync(db, occurrence, cancellationToken));
        return b.Build() with { Actions = Rsvps.Buttons(occurrence) };
    }

    /// <summary>A reminder's agenda: the occurrence's talks in order, or how to add one.</summary>
    internal static async Task<IReadOnlyList<Line>> AgendaAsync(CollabBotDbContext db, Occurrence occurrence, CancellationToken cancellationToken)
    {
        var date = MeetingTime.FormatDate(occurrence.OriginalDate);
        var talks = await db.Talks.AsNoTracking()
            .Where(t => t.SeriesId == occurrence.Series.Id && t.OccurrenceDate == date && t.RemovedAt == null)
            .OrderBy(t => t.AddedAt).ThenBy(t => t.Id)
            .Select(t => new { t.Title, t.Minutes, Speaker = t.SpeakerPerson != null ? t.SpeakerPerson.DisplayName : t.SpeakerName })
            .ToListAsync(cancellationToken);
        if (talks.Count == 0)
        {
            return [Line.Of(new Text("No talks yet: "), new Code($"/meeting talk add {MeetingRefs.Reference(occurrence.Series)} \"Title\" --date {date}"))];
        }

        return [.. talks.Select(t => Line.Of(new Strong(t.Title), new Text($" — {t.Speaker ?? "speaker to be announced"} ({t.Minutes} min)")))];
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Reminder {Key} is past its use (too late or its meeting started); not sent")]
    private static partial void LogTooLate(ILogger logger, string key);
}
