using CollabBot.Core.Commands;
using CollabBot.Core.Domain;
using CollabBot.Core.Meetings;
using CollabBot.Core.Replies;
using Microsoft.Extensions.Options;

namespace CollabBot.Core.Features.Meeting;

[Command("meeting info")]
public sealed class MeetingInfo(IOptions<ReminderOptions> reminders) : CommandHandler<NoArgs>
{
    public override async Task<Reply> HandleAsync(NoArgs args, CommandContext context, CancellationToken cancellationToken)
    {
        var series = context.Ref<MeetingSeries>();

        var next = Occurrences.Next(series, context.Now, 3);
        var summary = MeetingSchedule.Summary($"{series.Title} ({series.Group.Name})", series, next, reminders.Value);
        if (next.Count == 0)
        {
            return summary with { Sections = [.. summary.Sections, new Section("Agenda", [], ["No upcoming meetings."])] };
        }

        var agenda = await Agenda.LinesAsync(context, next[0], cancellationToken);
        var names = await Permissions.SeesNamesAsync(context, series.Group, cancellationToken);
        var details = await OccurrenceDetails.LinesAsync(context.Db, next[0], names, cancellationToken);
        IReadOnlyList<Line> lines = [.. details, .. agenda.Count > 0 ? agenda : [Line.Of(new Text("No talks yet: "), new Code($"/meeting talk add {MeetingRefs.Reference(series)} \"Title\""))]];
        return summary with { Sections = [.. summary.Sections, new Section($"Agenda for {MeetingTime.FormatDate(next[0].StartLocal.Date)}", [], lines)] };
    }
}
