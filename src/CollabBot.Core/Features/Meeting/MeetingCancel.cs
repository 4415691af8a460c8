using CollabBot.Core.Commands;
using CollabBot.Core.Domain;
using CollabBot.Core.Meetings;
using CollabBot.Core.Replies;

namespace CollabBot.Core.Features.Meeting;

[Command("meeting cancel")]
public sealed class MeetingCancel : CommandHandler<MeetingCancel.Args>
{
    public sealed record Args(string Date, string? Reason);

    public override async Task<Reply> HandleAsync(Args args, CommandContext context, CancellationToken cancellationToken)
    {
        var series = context.Ref<MeetingSeries>();

        var problem = MeetingRefs.FindOccurrence(series, args.Date, out var occurrence);
        if (problem is not null)
        {
            return problem;
        }

        if (occurrence!.Start <= context.Now)
        {
            return Reply.Invalid($"The {MeetingRefs.Reference(series)} meeting on {args.Date} has already started or happened, so it cannot be cancelled.");
        }

        var reason = args.Reason?.Trim() is { Length: > 0 } r ? (r.Length > 500 ? r[..500] : r) : null;
        var key = MeetingTime.FormatDate(occurrence.OriginalDate);
        var change = series.Changes.FirstOrDefault(c => c.OriginalDate == key);
        if (change is null)
        {
            change = new OccurrenceChange { Series = series, OriginalDate = key };
            series.Changes.Add(change);
        }

        change.Kind = OccurrenceChangeKind.Cancelled;
        change.Reason = reason;
        change.At = context.Now;
        change.ByPersonId = context.Caller.Id;
        context.Meetings.Changed(series);

        var announcement = new ReplyBuilder($"Cancelled: {series.Title}")
            .Line(Line.Of(new Text($"The {series.Group.Name} meeting on "), new Timestamp(occurrence.Start, series.TimeZone), new Text(" is cancelled.")))
            .Lines(reason is null ? [] : [(Line)$"Reason: {reason}"])
            .Build();
        await context.Outbox.ToGroupChannelsAsync(series.Group, announcement, cancellationToken);
        var told = await Rsvps.TellComingAsync(context.Db, context.Outbox, occurrence, "cancelled", announcement, cancellationToken);
        return Reply.Message(Line.Of(new Text($"Cancelled the {MeetingRefs.Reference(series)} meeting on "), new Timestamp(occurrence.Start, series.TimeZone), new Text($". Its reminders are cancelled and the linked channels are told{(told > 0 ? $", and {told} who said they come" : "")}.")));
    }
}
