using CollabBot.Core.Commands;
using CollabBot.Core.Data;
using CollabBot.Core.Replies;
using Microsoft.EntityFrameworkCore;

namespace CollabBot.Core.Features.Topics;

/// <summary>A <c>topic</c> argument, an idea's number (<c>7</c> or <c>#7</c>): the idea with its group and votes; it belongs to whoever suggested it.</summary>
public sealed class TopicReference : ReferenceResolver
{
    public override OptionType Type => OptionType.Topic;

    public override async Task<(IReadOnlyList<Reference> Found, Reply? Problem)> ResolveAsync(CollabBotDbContext db, IReadOnlyList<object> values, CancellationToken cancellationToken)
    {
        var found = new List<Reference>();
        foreach (var id in values.Cast<long>().Distinct())
        {
            var idea = id is > 0 and <= int.MaxValue
                ? await db.TopicIdeas.Include(t => t.Group).Include(t => t.Votes).Include(t => t.SuggestedBy).FirstOrDefaultAsync(t => t.Id == id, cancellationToken)
                : null;
            if (idea is null)
            {
                return Problem(Reply.NotFound($"There is no topic idea #{id}. /topic list <wg> shows a group's ideas with their numbers."));
            }

            found.Add(new Reference(idea, idea.Group, TopicIdeas.Label(idea))
            {
                Owners = [idea.SuggestedByPersonId],
                OwnersDescription = $"the person who suggested {TopicIdeas.Label(idea)}",
            });
        }

        return Found(found);
    }
}
