using System.Globalization;
using CollabBot.Core.Commands;
using CollabBot.Core.Domain;
using CollabBot.Core.Meetings;
using CollabBot.Core.Replies;

namespace CollabBot.Core.Features.Meeting;

/// <summary>What accepting, declining and withdrawing a duty swap share: the checks that it still stands, and how it is named and answered.</summary>
public static class Swaps
{
    /// <summary>"#3 chair on 2026-12-31: Amara Okafor asks Jonas van der Berg".</summary>
    public static string Describe(DutySwap swap) =>
        $"#{swap.Id} {swap.Duty.Name} on {swap.OccurrenceDate}: {People.Name(swap.From)} asks {People.Name(swap.To)}";

    /// <summary>Accept and Decline, each the command it stands for; pressing one answers the swap, so it replaces the message.</summary>
    public static IReadOnlyList<ReplyAction> Buttons(DutySwap swap)
    {
        var on = string.Create(CultureInfo.InvariantCulture, $"#{swap.Duty.SeriesId} #{swap.Id}");
        return
        [
            new ReplyAction("Accept", $"/meeting duty accept {on}", Primary: true),
            new ReplyAction("Decline", $"/meeting duty decline {on}", Primary: false),
        ];
    }

    /// <summary>
    /// The swap and its occurrence, when it can still be answered: of this series, not answered yet, and (to accept it)
    /// its meeting still ahead and the turn still the proposer's. Otherwise the reply that says why not; nothing changes.
    /// </summary>
    public static Reply? Check(CommandContext context, MeetingSeries series, DutySwap swap, bool accepting, out Occurrence? occurrence)
    {
        occurrence = null;
        var reference = MeetingRefs.Reference(series);
        if (swap.Duty.SeriesId != series.Id)
        {
            return Reply.NotFound($"Swap #{swap.Id} is not of {reference} but of {MeetingRefs.Reference(swap.Duty.Series)}.");
        }

        if (swap.Status != DutySwapStatus.Pending)
        {
            return Reply.Invalid($"Swap #{swap.Id} was already {swap.Status.ToString().ToLowerInvariant()}; nothing changed.");
        }

        if (!accepting)
        {
            return null;
        }

        occurrence = WhenParser.ParseDate(swap.OccurrenceDate) is { } d ? Occurrences.OnDate(series, d, includeCancelled: true) : null;
        if (occurrence is null || occurrence.Cancelled)
        {
            return Reply.Invalid($"The {reference} meeting of {swap.OccurrenceDate} is cancelled, so swap #{swap.Id} has no turn to take; nothing changed.");
        }

        if (occurrence.Start <= context.Now)
        {
            return Reply.Invalid($"The {reference} meeting of {swap.OccurrenceDate} has already started, so swap #{swap.Id} can no longer be accepted; nothing changed.");
        }

        var holder = Duties.At(swap.Duty, occurrence)?.Person;
        return holder?.Id == swap.FromPersonId
            ? null
            : Reply.Invalid($"The {swap.Duty.Name} turn of {swap.OccurrenceDate} is no longer {People.Name(swap.From)}'s ({(holder is null ? "nobody holds it" : $"{People.Name(holder)} holds it now")}), so swap #{swap.Id} cannot be accepted; nothing changed.");
    }
}
