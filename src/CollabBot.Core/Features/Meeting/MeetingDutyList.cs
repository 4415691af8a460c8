using CollabBot.Core.Commands;
using CollabBot.Core.Domain;
using CollabBot.Core.Meetings;
using CollabBot.Core.Replies;
using Microsoft.EntityFrameworkCore;

namespace CollabBot.Core.Features.Meeting;

[Command("meeting duty list")]
public sealed class MeetingDutyList : CommandHandler<NoArgs>
{
    private const int Coming = 4;

    public override async Task<Reply> HandleAsync(NoArgs args, CommandContext context, CancellationToken cancellationToken)
    {
        var series = context.Ref<MeetingSeries>();
        var duties = await Duties.OfAsync(context.Db, series.Id, cancellationToken);
        if (duties.Count == 0)
        {
            return Reply.Message(Line.Of(new Text($"{MeetingRefs.Reference(series)} has no duties. A convener names one with "), new Code($"/meeting duty add {MeetingRefs.Reference(series)} chair"), new Text(".")));
        }

        var b = new ReplyBuilder($"Duties: {series.Title}");
        foreach (var duty in duties)
        {
            b.Section($"{duty.Name} ({duty.Volunteers.Count} in the rotation)");
            foreach (var turn in Duties.Coming(duty, series, context.Now, Coming))
            {
                b.Line(Line.Of(new Timestamp(turn.Occurrence.Start, series.TimeZone), new Text($" — {(turn.Person is { } p ? People.Name(p) : "nobody yet: volunteer!")}{(turn.Fixed ? " (announced)" : "")}")));
            }

            // Who held it last: the minute-taker of the meeting just held writes its minutes.
            if (Duties.Timeline(duty, series, context.Now).LastOrDefault() is { Person: { } last } held)
            {
                b.Line(Line.Of(new Text("Last held: "), new Timestamp(held.Occurrence.Start, series.TimeZone), new Text($" — {People.Name(last)}")));
            }

            var served = Duties.Served(duty, series, context.Now);
            if (duty.Volunteers.Count > 0)
            {
                b.Line("Turns served: " + string.Join(", ", duty.Volunteers.Select(v => $"{People.Name(v.Person)} {served.GetValueOrDefault(v.PersonId)}")));
            }
        }

        var ids = duties.Select(d => d.Id).ToList();
        var swaps = await context.Db.DutySwaps.AsNoTracking().Include(s => s.Duty).Include(s => s.From).Include(s => s.To)
            .Where(s => ids.Contains(s.DutyId) && s.Status == DutySwapStatus.Pending)
            .OrderBy(s => s.Id).ToListAsync(cancellationToken);
        if (swaps.Count > 0)
        {
            b.Section("Swaps waiting for an answer");
            foreach (var swap in swaps)
            {
                b.Line(Swaps.Describe(swap));
            }
        }

        b.Line(Line.Of(new Text("Join a rotation: "), new Code($"/meeting duty volunteer {MeetingRefs.Reference(series)} <duty>")));
        return b.Build();
    }
}
