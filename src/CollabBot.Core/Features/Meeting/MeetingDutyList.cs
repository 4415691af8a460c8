using CollabBot.Core.Commands;
using CollabBot.Core.Domain;
using CollabBot.Core.Meetings;
using CollabBot.Core.Replies;

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

        var next = Occurrences.Next(series, context.Now, Coming);
        var b = new ReplyBuilder($"Duties: {series.Title}");
        foreach (var duty in duties)
        {
            b.Section($"{duty.Name} ({duty.Volunteers.Count} in the rotation)");
            foreach (var turn in Duties.Plan(duty, next))
            {
                b.Line(Line.Of(new Timestamp(turn.Occurrence.Start, series.TimeZone), new Text($" — {(turn.Person is { } p ? People.Name(p) : "nobody yet: volunteer!")}{(turn.Fixed ? " (announced)" : "")}")));
            }

            var served = duty.Turns.Where(t => t.Start <= context.Now).GroupBy(t => t.PersonId).ToDictionary(g => g.Key, g => g.Count());
            if (duty.Volunteers.Count > 0)
            {
                b.Line("Turns served: " + string.Join(", ", duty.Volunteers.Select(v => $"{People.Name(v.Person)} {served.GetValueOrDefault(v.PersonId)}")));
            }
        }

        b.Line(Line.Of(new Text("Join a rotation: "), new Code($"/meeting duty volunteer {MeetingRefs.Reference(series)} <duty>")));
        return b.Build();
    }
}
