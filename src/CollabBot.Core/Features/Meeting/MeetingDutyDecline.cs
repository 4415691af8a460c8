using CollabBot.Core.Commands;
using CollabBot.Core.Domain;
using CollabBot.Core.Meetings;
using CollabBot.Core.Replies;

namespace CollabBot.Core.Features.Meeting;

/// <summary>Says no to a swap: the turn stays the proposer's, who is told.</summary>
[Command("meeting duty decline")]
public sealed class MeetingDutyDecline : CommandHandler<NoArgs>
{
    public override async Task<Reply> HandleAsync(NoArgs args, CommandContext context, CancellationToken cancellationToken)
    {
        var series = context.Ref<MeetingSeries>();
        var swap = context.Ref<DutySwap>();
        var problem = Swaps.Check(context, series, swap, accepting: false, out _);
        if (problem is not null)
        {
            return problem;
        }

        swap.Status = DutySwapStatus.Declined;
        swap.DecidedAt = context.Now;
        var reference = MeetingRefs.Reference(series);
        var told = Reply.Message($"{People.Name(context.Caller)} declined swap #{swap.Id}: your {swap.Duty.Name} turn at the {reference} meeting of {swap.OccurrenceDate} stays yours.");
        await context.Outbox.ToPersonAsync(swap.From, told, new Outbox.SendOptions(DedupeKey: $"duty-swap-answer:{swap.Id}"), cancellationToken);
        return Reply.Message($"Swap #{swap.Id} declined: the {swap.Duty.Name} turn of {swap.OccurrenceDate} stays {People.Name(swap.From)}'s, who is told.");
    }
}
