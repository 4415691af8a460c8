using CollabBot.Core.Commands;
using CollabBot.Core.Domain;
using CollabBot.Core.Meetings;
using CollabBot.Core.Replies;

namespace CollabBot.Core.Features.Meeting;

[Command("meeting agenda")]
public sealed class MeetingAgenda : CommandHandler<MeetingAgenda.Args>
{
    public sealed record Args(string? Date);

    public override async Task<Reply> HandleAsync(Args args, CommandContext context, CancellationToken cancellationToken)
    {
        var series = context.Ref<MeetingSeries>();

        Occurrence? occurrence;
        if (args.Date is not null)
        {
            var notFound = MeetingRefs.FindOccurrence(series, args.Date, out occurrence, allowCancelled: true);
            if (notFound is not null)
            {
                return notFound;
            }
        }
        else
        {
            occurrence = Occurrences.Next(series, context.Now, 1).FirstOrDefault();
            if (occurrence is null)
            {
                return Reply.Message($"{MeetingRefs.Reference(series)} has no upcoming meeting.");
            }
        }

        var talks = await Agenda.LinesAsync(context, occurrence!, cancellationToken);
        var b = new ReplyBuilder($"Agenda: {series.Title}").Line(MeetingRefs.When(occurrence!));
        var names = await Permissions.SeesNamesAsync(context, series.Group, cancellationToken);
        b.Lines(await OccurrenceDetails.LinesAsync(context.Db, occurrence!, names, cancellationToken));
        if (talks.Count == 0)
        {
            b.Line(Line.Of(new Text("No talks yet. Add one: "), new Code($"/meeting talk add {MeetingRefs.Reference(series)} \"Title\" --date {MeetingTime.FormatDate(occurrence!.OriginalDate)}")));
        }
        else
        {
            b.Lines(talks);
            b.Line($"Total: {talks.Count} talk{(talks.Count == 1 ? "" : "s")}.");
        }

        return b.Build();
    }
}
