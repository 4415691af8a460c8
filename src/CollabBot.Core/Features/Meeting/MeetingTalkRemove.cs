using CollabBot.Core.Commands;
using CollabBot.Core.Replies;
using Microsoft.EntityFrameworkCore;

namespace CollabBot.Core.Features.Meeting;

[Command("meeting talk remove")]
public sealed class MeetingTalkRemove : CommandHandler<MeetingTalkRemove.Args>
{
    public sealed record Args(long TalkId);

    public override async Task<Reply> HandleAsync(Args args, CommandContext context, CancellationToken cancellationToken)
    {
        var talk = await context.Db.Talks.Include(t => t.Series).ThenInclude(s => s.Group)
            .FirstOrDefaultAsync(t => t.Id == args.TalkId && t.RemovedAt == null, cancellationToken);
        if (talk is null)
        {
            return Reply.NotFound($"There is no talk {args.TalkId} on any agenda. /meeting agenda <meeting> shows talk numbers.");
        }

        var mayRemove = talk.AddedByPersonId == context.Caller.Id || talk.SpeakerPersonId == context.Caller.Id
            || context.IsAdmin || await context.IsConvenerAsync(talk.Series.Group, cancellationToken);
        if (!mayRemove)
        {
            return Reply.Refused($"Only the person who added talk {talk.Id}, its speaker, or a convener of {talk.Series.Group.Slug} can remove it.");
        }

        talk.RemovedAt = context.Now;
        return Reply.Message($"Removed talk {talk.Id} (\"{talk.Title}\") from the {talk.OccurrenceDate} agenda of {MeetingRefs.Reference(talk.Series)}. It stays on record.");
    }
}
