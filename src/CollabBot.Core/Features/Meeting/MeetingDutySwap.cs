using CollabBot.Core.Commands;
using CollabBot.Core.Domain;
using CollabBot.Core.Meetings;
using CollabBot.Core.Replies;
using Microsoft.EntityFrameworkCore;

namespace CollabBot.Core.Features.Meeting;

/// <summary>
/// Proposes that another member take the caller's turn of a duty at one occurrence. Nothing changes until they accept
/// (<c>/meeting duty accept</c> or the button in the direct message they get); until then the turn stays the caller's.
/// </summary>
[Command("meeting duty swap")]
public sealed class MeetingDutySwap : CommandHandler<MeetingDutySwap.Args>
{
    public sealed record Args(string Date, UserRef With, string? Duty);

    public override async Task<Reply> HandleAsync(Args args, CommandContext context, CancellationToken cancellationToken)
    {
        var series = context.Ref<MeetingSeries>();
        var reference = MeetingRefs.Reference(series);
        var missing = MeetingRefs.FindOccurrence(series, args.Date, out var occurrence);
        if (missing is not null)
        {
            return missing;
        }

        if (occurrence!.Start <= context.Now)
        {
            return Reply.Invalid($"The {reference} meeting of {args.Date} has already started; only a coming turn can be swapped.");
        }

        var duties = await Duties.OfAsync(context.Db, series.Id, cancellationToken);
        if (args.Duty is not null && duties.All(d => d.Name != args.Duty))
        {
            return Reply.NotFound(duties.Count == 0 ? $"{reference} has no duties." : $"{reference} has no duty {args.Duty}; its duties: {string.Join(", ", duties.Select(d => d.Name))}.");
        }

        var yours = duties.Where(d => args.Duty is null || d.Name == args.Duty).Where(d => Duties.At(d, occurrence)?.Person?.Id == context.Caller.Id).ToList();
        switch (yours.Count)
        {
            case 0:
                return Reply.Invalid($"You hold no {args.Duty ?? "duty"} turn at the {reference} meeting of {args.Date}, so there is nothing to swap. /meeting duty list {reference} shows the coming turns.");
            case > 1:
                return Reply.Invalid($"You hold several duties on {args.Date}: say which with --duty {string.Join(" or --duty ", yours.Select(d => d.Name))}.", context.Usage);
        }

        var duty = yours[0];
        var other = await context.PersonAsync(args.With, cancellationToken);
        if (other.Id == context.Caller.Id)
        {
            return Reply.Invalid("Ask someone else to take your turn: --with names who should take it.", context.Usage);
        }

        if (other.Id == 0 || !await context.Db.Memberships.AnyAsync(m => m.GroupId == series.GroupId && m.PersonId == other.Id && m.EndedAt == null, cancellationToken))
        {
            return Reply.Invalid($"{People.Name(other)} is not a member of {series.Group.Slug}; only its members take its turns.");
        }

        var date = MeetingTime.FormatDate(occurrence.OriginalDate);
        var pending = await context.Db.DutySwaps.AnyAsync(s => s.DutyId == duty.Id && s.OccurrenceDate == date && s.FromPersonId == context.Caller.Id && s.ToPersonId == other.Id && s.Status == DutySwapStatus.Pending, cancellationToken);
        if (pending)
        {
            return Reply.Invalid($"You already asked {People.Name(other)} to take your {duty.Name} turn of {date}; it waits for their answer.");
        }

        var swap = new DutySwap { Duty = duty, OccurrenceDate = date, From = context.Caller, FromPersonId = context.Caller.Id, To = other, ToPersonId = other.Id, ProposedAt = context.Now, Status = DutySwapStatus.Pending };
        context.Db.DutySwaps.Add(swap);
        await context.Db.SaveChangesAsync(cancellationToken); // the number is what they answer with: show it now

        var ask = new ReplyBuilder($"Duty swap #{swap.Id}")
            .Line(Line.Of(new Text($"{People.Name(context.Caller)} asks you to take their {duty.Name} turn at {series.Title} ({reference}) on "), new Timestamp(occurrence.Start, series.TimeZone), new Text(".")))
            .Line(Line.Of(new Text("Answer with the buttons, or "), new Code($"/meeting duty accept {reference} #{swap.Id}"), new Text(" or "), new Code($"/meeting duty decline {reference} #{swap.Id}"), new Text(".")))
            .Build() with { Actions = Swaps.Buttons(swap) };
        await context.Outbox.ToPersonAsync(other, ask, new Outbox.SendOptions(DedupeKey: $"duty-swap:{swap.Id}", GiveUpAt: occurrence.Start), cancellationToken);
        return Reply.Message(Line.Of(
            new Text($"Swap #{swap.Id}: you asked {People.Name(other)} to take your {duty.Name} turn at the {reference} meeting of {date}. The turn stays yours until they accept; they got a message with the buttons, or they answer with "),
            new Code($"/meeting duty accept {reference} #{swap.Id}"),
            new Text(".")));
    }
}
