using CollabBot.Core.Commands;
using CollabBot.Core.Domain;
using CollabBot.Core.Meetings;
using CollabBot.Core.Replies;
using Microsoft.Extensions.Options;

namespace CollabBot.Core.Features.Meeting;

[Command("meeting reminders")]
public sealed class MeetingReminders(IOptions<ReminderOptions> reminders) : CommandHandler<MeetingReminders.Args>
{
    public sealed record Args(string? Offsets, bool Off);

    public override async Task<Reply> HandleAsync(Args args, CommandContext context, CancellationToken cancellationToken)
    {
        if ((args.Offsets is null) == !args.Off)
        {
            return Reply.Invalid("Give either --offsets (e.g. 1d,1h) or --off.", context.Usage);
        }

        var series = context.Ref<MeetingSeries>();

        var before = MeetingRefs.OffsetsText(series, reminders.Value);
        series.ReminderOffsets = args.Off ? "" : args.Offsets;
        context.Meetings.Changed(series);
        return Reply.Message($"Reminders for {MeetingRefs.Reference(series)}: {before} → {MeetingRefs.OffsetsText(series, reminders.Value)}.");
    }
}
