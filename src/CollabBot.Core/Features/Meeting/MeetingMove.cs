using CollabBot.Core.Commands;
using CollabBot.Core.Domain;
using CollabBot.Core.Meetings;
using CollabBot.Core.Replies;

namespace CollabBot.Core.Features.Meeting;

[Command("meeting move")]
public sealed class MeetingMove : CommandHandler<MeetingMove.Args>
{
    public sealed record Args(string Date, string To);

    public override async Task<Reply> HandleAsync(Args args, CommandContext context, CancellationToken cancellationToken)
    {
        var series = context.Ref<MeetingSeries>();

        var problem = MeetingRefs.FindOccurrence(series, args.Date, out var occurrence);
        if (problem is not null)
        {
            return problem;
        }

        var to = MeetingTime.Parse(args.To)!.Value;
        var resolved = MeetingTime.Resolve(to, series.TimeZone);
        if (resolved.Start <= context.Now)
        {
            return Reply.Invalid($"--to {args.To} ({series.TimeZone}) is in the past; a meeting can only be moved to a future time.");
        }

        if (occurrence!.Start <= context.Now)
        {
            return Reply.Invalid($"The {MeetingRefs.Reference(series)} meeting on {args.Date} has already started or happened, so it cannot be moved.");
        }

        var key = MeetingTime.FormatDate(occurrence.OriginalDate);
        var change = series.Changes.FirstOrDefault(c => c.OriginalDate == key);
        if (change is null)
        {
            change = new OccurrenceChange { Series = series, OriginalDate = key };
            series.Changes.Add(change);
        }

        change.Kind = OccurrenceChangeKind.Moved;
        change.NewStartLocal = MeetingTime.Format(to);
        change.At = context.Now;
        change.ByPersonId = context.Caller.Id;
        context.Meetings.Changed(series);

        var announcement = new ReplyBuilder($"Moved: {series.Title}")
            .Line(Line.Of(new Text($"The {series.Group.Name} meeting of "), new Timestamp(occurrence.Start, series.TimeZone), new Text(" moves to "), new Timestamp(resolved.Start, series.TimeZone), new Text(".")))
            .Build();
        await context.Outbox.ToGroupChannelsAsync(series.Group, announcement, cancellationToken);
        var told = await Rsvps.TellComingAsync(context.Db, context.Outbox, occurrence, $"moved-{change.NewStartLocal}", announcement, cancellationToken);
        var reply = new ReplyBuilder(null)
            .Line(Line.Of(new Text($"Moved the {MeetingRefs.Reference(series)} meeting of {key} to "), new Timestamp(resolved.Start, series.TimeZone), new Text($". Its agenda and reminders follow it; the linked channels are told{(told > 0 ? $", and {told} who said they come" : "")}.")));
        if (resolved.Note is not null)
        {
            reply.Line("Note: " + resolved.Note);
        }

        return reply.Build();
    }
}
