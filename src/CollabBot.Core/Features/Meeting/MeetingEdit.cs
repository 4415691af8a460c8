using CollabBot.Core.Commands;
using CollabBot.Core.Domain;
using CollabBot.Core.Meetings;
using CollabBot.Core.Replies;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CollabBot.Core.Features.Meeting;

[Command("meeting edit")]
public sealed class MeetingEdit(IOptions<ReminderOptions> reminders) : CommandHandler<MeetingEdit.Args>
{
    public sealed record Args(string? Title, string? When, string? Start, long? Duration, string? Kind, string? Where, string? Link, string? Tz);

    public override async Task<Reply> HandleAsync(Args args, CommandContext context, CancellationToken cancellationToken)
    {
        if (args is { Title: null, When: null, Start: null, Duration: null, Kind: null, Where: null, Link: null, Tz: null })
        {
            return Reply.Invalid("Nothing to change: give at least one of --title, --when, --start, --duration, --kind, --where, --link or --tz.", context.Usage);
        }

        var problem = MeetingInput.Check(args.Title, args.Duration, args.Kind, args.Where, context.Usage);
        if (problem is not null)
        {
            return problem;
        }

        var s = context.Ref<MeetingSeries>();
        var changes = new List<Line>();
        void Change(string label, string? before, string? after, Action apply)
        {
            if (before != after)
            {
                apply();
                changes.Add($"{label}: {before ?? "(none)"} → {after ?? "(none)"}");
            }
        }

        if (args.When is not null || args.Start is not null || args.Tz is not null)
        {
            var zone = args.Tz ?? s.TimeZone;
            var today = MeetingTime.ToLocal(context.Now, zone).Date;
            Schedule? schedule;
            if (args.When is not null)
            {
                if (!WhenParser.TryParse(args.When, args.Start, today, out schedule, out var error))
                {
                    return Reply.Invalid(error);
                }
            }
            else
            {
                // Same rule, new zone or new first date: keep the wall-clock time.
                var start = args.Start is not null ? MeetingTime.Parse(args.Start) : MeetingTime.Parse(s.StartLocal);
                schedule = new Schedule(Occurrences.Rule(s), start!.Value);
            }

            var before = MeetingRefs.Describe(s);
            await KeepHistoryAsync(context, s, cancellationToken);
            s.Rule = schedule!.Rule?.ToString();
            s.StartLocal = MeetingTime.Format(schedule.Start);
            s.TimeZone = zone;
            changes.Add($"Schedule: {before} → {MeetingRefs.Describe(s)}");
        }

        if (args.Title is not null)
        {
            Change("Title", s.Title, args.Title.Trim(), () => s.Title = args.Title.Trim());
        }

        if (args.Duration is { } duration)
        {
            Change("Duration", $"{s.DurationMinutes} min", $"{duration} min", () => s.DurationMinutes = (int)duration);
        }

        if (args.Kind is not null)
        {
            Change("Kind", s.Kind, args.Kind.Trim().ToLowerInvariant(), () => s.Kind = args.Kind.Trim().ToLowerInvariant());
        }

        if (args.Where is not null)
        {
            Change("Where", s.Where, args.Where.Trim(), () => s.Where = args.Where.Trim());
        }

        if (args.Link is not null)
        {
            Change("Link", s.Link, args.Link, () => s.Link = args.Link);
        }

        if (changes.Count == 0)
        {
            return Reply.Message($"{MeetingRefs.Reference(s)} already has those values; nothing changed.");
        }

        var next = Occurrences.Next(s, context.Now, 3);
        if (next.Count == 0 && s.EndedAt is null)
        {
            return Reply.Invalid($"With that change {MeetingRefs.Reference(s)} would have no meeting after now. Accepted forms for --when: {WhenParser.Forms}.");
        }

        context.Meetings.Changed(s);
        var summary = MeetingSchedule.Summary($"Updated {s.Title}", s, next, reminders.Value);
        return summary with { Sections = [new Section("Changes", [], changes), .. summary.Sections] };
    }

    /// <summary>
    /// A new schedule applies from now on. So that past meetings stay as they were, the schedule so far is kept
    /// as an ended copy of the series, and the past's cancellations, moves and agendas go with it.
    /// </summary>
    private static async Task KeepHistoryAsync(CommandContext context, MeetingSeries series, CancellationToken cancellationToken)
    {
        var zone = MeetingTime.Zone(series.TimeZone);
        var firstStart = MeetingTime.Parse(series.StartLocal);
        if (zone is null || firstStart is null || MeetingTime.Resolve(firstStart.Value, series.TimeZone).Start > context.Now)
        {
            return; // nothing has happened yet: there is no past to keep
        }

        var today = MeetingTime.FormatDate(MeetingTime.ToLocal(context.Now, series.TimeZone).Date);
        var history = new MeetingSeries
        {
            Group = series.Group,
            GroupId = series.GroupId,
            Slug = await MeetingRefs.NewSlugAsync(context.Db, series.Group, $"{series.Slug}-until-{today}", cancellationToken),
            Title = series.Title,
            Kind = series.Kind,
            Rule = series.Rule,
            StartLocal = series.StartLocal,
            TimeZone = series.TimeZone,
            DurationMinutes = series.DurationMinutes,
            Where = series.Where,
            Link = series.Link,
            ReminderOffsets = "",
            EndedAt = context.Now,
            CreatedAt = series.CreatedAt,
        };
        context.Db.MeetingSeries.Add(history);
        foreach (var change in series.Changes.Where(c => string.CompareOrdinal(c.OriginalDate, today) < 0).ToList())
        {
            change.Series = history;
        }

        var pastTalks = await context.Db.Talks.Where(t => t.SeriesId == series.Id && string.Compare(t.OccurrenceDate, today) < 0).ToListAsync(cancellationToken);
        foreach (var talk in pastTalks)
        {
            talk.Series = history;
        }
    }
}
