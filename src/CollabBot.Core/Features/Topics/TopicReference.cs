using CollabBot.Core.Commands;
using CollabBot.Core.Data;
using CollabBot.Core.Domain;
using Microsoft.EntityFrameworkCore;

namespace CollabBot.Core.Features.Topics;

/// <summary>A <c>topic</c> argument, an idea's number (<c>7</c> or <c>#7</c>): the idea with its group and votes; it belongs to whoever suggested it.</summary>
public sealed class TopicReference : NumberReferenceResolver<TopicIdea>
{
    public override OptionType Type => OptionType.Topic;

    protected override Task<TopicIdea?> FindAsync(CollabBotDbContext db, int id, CancellationToken cancellationToken) =>
        db.TopicIdeas.Include(t => t.Group).Include(t => t.Votes).Include(t => t.SuggestedBy).FirstOrDefaultAsync(t => t.Id == id, cancellationToken);

    protected override string NotFound(long id) => $"There is no topic idea #{id}. /topic list <wg> shows a group's ideas with their numbers.";

    protected override Reference ReferenceTo(TopicIdea idea) => new(idea, idea.Group, TopicIdeas.Label(idea))
    {
        Owners = [idea.SuggestedByPersonId],
        OwnersDescription = $"the person who suggested {TopicIdeas.Label(idea)}",
    };
}
