using CollabBot.Core.Meetings;
using CollabBot.Core.Commands;
using CollabBot.Core.Domain;
using CollabBot.Core.Replies;

namespace CollabBot.Core.Features.Meeting;

[Command("meeting duty add")]
public sealed class MeetingDutyAdd : CommandHandler<MeetingDutyAdd.Args>
{
    public sealed record Args(string Duty);

    public override async Task<Reply> HandleAsync(Args args, CommandContext context, CancellationToken cancellationToken)
    {
        var series = context.Ref<MeetingSeries>();
        var duties = await Duties.OfAsync(context.Db, series.Id, cancellationToken);
        if (duties.Any(d => d.Name == args.Duty))
        {
            return Reply.Invalid($"{MeetingRefs.Reference(series)} already has the duty {args.Duty}. /meeting duty list {MeetingRefs.Reference(series)} shows its turns.");
        }

        context.Db.MeetingDuties.Add(new MeetingDuty { SeriesId = series.Id, Name = args.Duty, CreatedAt = context.Now });
        return Reply.Message(Line.Of(
            new Text($"{MeetingRefs.Reference(series)} now has the duty {args.Duty}. Members join its rotation with "),
            new Code($"/meeting duty volunteer {MeetingRefs.Reference(series)} {args.Duty}"),
            new Text("; each meeting's holder is chosen fairly and announced with its reminder.")));
    }
}
