using CollabBot.Core.Commands;
using CollabBot.Core.Domain;
using CollabBot.Core.Meetings;
using CollabBot.Core.Replies;

namespace CollabBot.Core.Features.Meeting;

/// <summary>Removes a talk from its agenda; it stays on record. Who may (whoever added it, its speaker, conveners, admins) is <c>who: owner</c>, applied by the dispatcher.</summary>
[Command("meeting talk remove")]
public sealed class MeetingTalkRemove : CommandHandler<NoArgs>
{
    public override Task<Reply> HandleAsync(NoArgs args, CommandContext context, CancellationToken cancellationToken)
    {
        var talk = context.Ref<Talk>();
        talk.RemovedAt = context.Now;
        return Task.FromResult(Reply.Message($"Removed talk {talk.Id} (\"{talk.Title}\") from the {talk.OccurrenceDate} agenda of {MeetingRefs.Reference(talk.Series)}. It stays on record."));
    }
}
