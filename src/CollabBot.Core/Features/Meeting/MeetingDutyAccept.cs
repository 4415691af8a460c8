using CollabBot.Core.Commands;
using CollabBot.Core.Domain;
using CollabBot.Core.Meetings;
using CollabBot.Core.Replies;

namespace CollabBot.Core.Features.Meeting;

/// <summary>Takes the turn a swap asks for: the turn is fixed as the caller's (and, once held, counts as their service); the proposer is told.</summary>
[Command("meeting duty accept")]
public sealed class MeetingDutyAccept : CommandHandler<NoArgs>
{
    public override async Task<Reply> HandleAsync(NoArgs args, CommandContext context, CancellationToken cancellationToken)
    {
        var series = context.Ref<MeetingSeries>();
        var swap = context.Ref<DutySwap>();
        var duty = (await Duties.OfAsync(context.Db, series.Id, cancellationToken)).FirstOrDefault(d => d.Id == swap.DutyId) ?? swap.Duty;
        swap.Duty = duty;
        var problem = Swaps.Check(context, series, swap, accepting: true, out var occurrence);
        if (problem is not null)
        {
            return problem;
        }

        Duties.Fix(duty, occurrence!, context.Caller, context.Now);
        swap.Status = DutySwapStatus.Accepted;
        swap.DecidedAt = context.Now;
        var reference = MeetingRefs.Reference(series);
        var told = Reply.Message(Line.Of(new Text($"{People.Name(context.Caller)} accepted swap #{swap.Id}: they take your {duty.Name} turn at the {reference} meeting of "), new Timestamp(occurrence!.Start, series.TimeZone), new Text(".")));
        await context.Outbox.ToPersonAsync(swap.From, told, new Outbox.SendOptions(DedupeKey: $"duty-swap-answer:{swap.Id}"), cancellationToken);
        return Reply.Message(Line.Of(new Text($"Swap #{swap.Id} accepted: the {duty.Name} turn at the {reference} meeting of "), new Timestamp(occurrence.Start, series.TimeZone), new Text($" is yours now. {People.Name(swap.From)} is told.")));
    }
}
