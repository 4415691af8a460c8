using CollabBot.Core.Commands;
using CollabBot.Core.Domain;
using CollabBot.Core.Meetings;
using CollabBot.Core.Replies;

namespace CollabBot.Core.Features.Meeting;

[Command("meeting end")]
public sealed class MeetingEnd : CommandHandler<NoArgs>
{
    public override async Task<Reply> HandleAsync(NoArgs args, CommandContext context, CancellationToken cancellationToken)
    {
        var series = context.Ref<MeetingSeries>();

        if (series.EndedAt is { } ended && ended <= context.Now)
        {
            return Reply.Message($"{MeetingRefs.Reference(series)} has already ended.");
        }

        series.EndedAt = context.Now;
        context.Meetings.Changed(series);
        await context.Outbox.ToGroupChannelsAsync(series.Group, Reply.Message($"{series.Group.Name}: the meeting series \"{series.Title}\" has ended. Past meetings and agendas stay on record."), cancellationToken);
        return Reply.Message($"Ended {MeetingRefs.Reference(series)}: no more meetings or reminders. Past meetings and agendas stay.");
    }
}
