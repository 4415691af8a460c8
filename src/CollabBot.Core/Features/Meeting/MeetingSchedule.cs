using CollabBot.Core.Commands;
using CollabBot.Core.Domain;
using CollabBot.Core.Meetings;
using CollabBot.Core.Replies;
using Microsoft.Extensions.Options;

namespace CollabBot.Core.Features.Meeting;

[Command("meeting schedule")]
public sealed class MeetingSchedule(IOptions<ReminderOptions> reminders) : CommandHandler<MeetingSchedule.Args>
{
    public sealed record Args(string Title, string When, string? Start, long? Duration, string? Kind, string? Where, string? Link, string? Tz, string? Remind);

    public override async Task<Reply> HandleAsync(Args args, CommandContext context, CancellationToken cancellationToken)
    {
        var group = context.RequireGroup();
        var problem = MeetingInput.Check(args.Title, args.Duration, args.Kind, args.Where, context.Usage);
        if (problem is not null)
        {
            return problem;
        }

        var zone = args.Tz ?? group.TimeZone;
        var today = MeetingTime.ToLocal(context.Now, zone).Date;
        if (!WhenParser.TryParse(args.When, args.Start, today, out var schedule, out var error))
        {
            return Reply.Invalid(error);
        }

        var series = new MeetingSeries
        {
            Group = group,
            GroupId = group.Id,
            Slug = await MeetingRefs.NewSlugAsync(context.Db, group, args.Title, cancellationToken),
            Title = args.Title.Trim(),
            Kind = args.Kind?.Trim().ToLowerInvariant() ?? "general",
            Rule = schedule!.Rule?.ToString(),
            StartLocal = MeetingTime.Format(schedule.Start),
            TimeZone = zone,
            DurationMinutes = (int)(args.Duration ?? 60),
            Where = args.Where?.Trim(),
            Link = args.Link,
            ReminderOffsets = args.Remind,
            CreatedAt = context.Now,
        };
        var next = Occurrences.Next(series, context.Now, 3);
        if (next.Count == 0)
        {
            return Reply.Invalid($"That schedule has no meeting after now ({MeetingTime.Format(MeetingTime.ToLocal(context.Now, zone))} {zone}). Give a future date or a recurring --when. Accepted forms: {WhenParser.Forms}.");
        }

        context.Db.MeetingSeries.Add(series);
        context.Meetings.Changed(series);

        // Saved now (inside the command's transaction) so the reply can give the series' #id.
        await context.Db.SaveChangesAsync(cancellationToken);

        var reply = Summary($"Scheduled {series.Title}", series, next, reminders.Value);
        var announcement = new ReplyBuilder($"New meeting: {series.Title}")
            .Line($"{group.Name} will meet {MeetingRefs.Describe(series)}.")
            .Field("Next", MeetingRefs.When(next[0]))
            .Build();
        await context.Outbox.ToGroupChannelsAsync(group, announcement, cancellationToken);
        return reply;
    }

    /// <summary>The series with its next occurrences and any DST notes; shared with /meeting edit.</summary>
    internal static Reply Summary(string title, MeetingSeries series, IReadOnlyList<Occurrence> next, ReminderOptions reminders)
    {
        var b = new ReplyBuilder(title)
            .Field("Reference", Line.Of(new Code(MeetingRefs.Reference(series)), new Text(series.Id == 0 ? "" : $" (#{series.Id})")))
            .Field("When", $"{MeetingRefs.Describe(series)}, {series.DurationMinutes} min")
            .Field("Kind", series.Kind);
        if (series.Where is not null)
        {
            b.Field("Where", series.Where);
        }

        if (series.Link is not null)
        {
            b.Field("Link", Line.Of(new Link(series.Link, series.Link)));
        }

        b.Field("Reminders", MeetingRefs.OffsetsText(series, reminders));
        b.Section(next.Count == 1 && series.Rule is null ? "Date" : "Next dates");
        foreach (var occurrence in next)
        {
            b.Line(MeetingRefs.When(occurrence));
        }

        foreach (var note in next.Select(o => o.Note).OfType<string>().Distinct())
        {
            b.Line("Note: " + note);
        }

        return b.Build();
    }
}
