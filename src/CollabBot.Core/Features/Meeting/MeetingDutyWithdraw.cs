using CollabBot.Core.Commands;
using CollabBot.Core.Domain;
using CollabBot.Core.Meetings;
using CollabBot.Core.Replies;

namespace CollabBot.Core.Features.Meeting;

/// <summary>Takes a swap back before it is answered (its proposer, a convener or an admin): the turn stays the proposer's, and the person it asked is told.</summary>
[Command("meeting duty withdraw")]
public sealed class MeetingDutyWithdraw : CommandHandler<NoArgs>
{
    public override async Task<Reply> HandleAsync(NoArgs args, CommandContext context, CancellationToken cancellationToken)
    {
        // Named by its number alone: who may withdraw it (who: owner) is decided by the swap, not by a meeting beside it.
        var swap = context.Ref<DutySwap>();
        var series = swap.Duty.Series;
        var problem = Swaps.Check(context, series, swap, accepting: false, out _);
        if (problem is not null)
        {
            return problem;
        }

        swap.Status = DutySwapStatus.Withdrawn;
        swap.DecidedAt = context.Now;
        var reference = MeetingRefs.Reference(series);
        var by = context.Caller.Id == swap.FromPersonId ? People.Name(swap.From) : $"{People.Name(context.Caller)} (for {People.Name(swap.From)})";
        var told = Reply.Message($"{by} withdrew swap #{swap.Id}: you are no longer asked to take the {swap.Duty.Name} turn at the {reference} meeting of {swap.OccurrenceDate}.");
        await context.Outbox.ToPersonAsync(swap.To, told, new Outbox.SendOptions(DedupeKey: $"duty-swap-answer:{swap.Id}"), cancellationToken);
        return Reply.Message($"Swap #{swap.Id} withdrawn: the {swap.Duty.Name} turn of {swap.OccurrenceDate} stays {People.Name(swap.From)}'s; {People.Name(swap.To)} is told.");
    }
}
