using CollabBot.Core.Commands;
using CollabBot.Core.Domain;
using CollabBot.Core.Meetings;
using CollabBot.Core.Replies;

namespace CollabBot.Core.Features.Meeting;

[Command("meeting duty volunteer")]
public sealed class MeetingDutyVolunteer : CommandHandler<MeetingDutyVolunteer.Args>
{
    public sealed record Args(string Duty);

    public override async Task<Reply> HandleAsync(Args args, CommandContext context, CancellationToken cancellationToken)
    {
        var series = context.Ref<MeetingSeries>();
        var duties = await Duties.OfAsync(context.Db, series.Id, cancellationToken);
        var duty = duties.FirstOrDefault(d => d.Name == args.Duty);
        if (duty is null)
        {
            return Reply.NotFound(duties.Count == 0
                ? $"{MeetingRefs.Reference(series)} has no duties yet; a convener names one with /meeting duty add {MeetingRefs.Reference(series)} chair."
                : $"{MeetingRefs.Reference(series)} has no duty {args.Duty}; its duties: {string.Join(", ", duties.Select(d => d.Name))}.");
        }

        if (duty.Volunteers.Any(v => v.PersonId == context.Caller.Id))
        {
            return Reply.Message($"You are already in the {duty.Name} rotation of {MeetingRefs.Reference(series)}.");
        }

        duty.Volunteers.Add(new DutyVolunteer { Duty = duty, PersonId = context.Caller.Id, Person = context.Caller, At = context.Now });
        var yours = Duties.Coming(duty, series, context.Now, 12).FirstOrDefault(t => t.Person?.Id == context.Caller.Id);
        return Reply.Message(yours is null
            ? Line.Of(new Text($"You are in the {duty.Name} rotation of {MeetingRefs.Reference(series)}."))
            : Line.Of(new Text($"You are in the {duty.Name} rotation of {MeetingRefs.Reference(series)}; your first turn as it stands: "), new Timestamp(yours.Occurrence.Start, series.TimeZone), new Text(".")));
    }
}
