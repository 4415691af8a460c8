using CollabBot.Core.Commands;
using CollabBot.Core.Domain;
using CollabBot.Core.Replies;

namespace CollabBot.Core.Features.Topics;

/// <summary>One vote per person and idea: a vote given again is withdrawn, and given a third time it counts again.</summary>
[Command("topic vote")]
public sealed class TopicVoteCommand : CommandHandler<NoArgs>
{
    public override Task<Reply> HandleAsync(NoArgs args, CommandContext context, CancellationToken cancellationToken)
    {
        var idea = context.Ref<TopicIdea>();
        if (idea.Status != TopicIdeaStatus.Open)
        {
            return Task.FromResult(Reply.Invalid($"#{idea.Id} is {(idea.Status == TopicIdeaStatus.Scheduled ? "already scheduled" : "closed")}, so it takes no more votes. /topic list {idea.Group.Slug} shows the open ideas."));
        }

        var vote = idea.Votes.FirstOrDefault(v => v.PersonId == context.Caller.Id);
        bool counted;
        if (vote is null)
        {
            idea.Votes.Add(new TopicVote { Idea = idea, IdeaId = idea.Id, PersonId = context.Caller.Id, Person = context.Caller, At = context.Now });
            counted = true;
        }
        else if (vote.WithdrawnAt is null)
        {
            vote.WithdrawnAt = context.Now;
            counted = false;
        }
        else
        {
            vote.WithdrawnAt = null;
            vote.At = context.Now;
            counted = true;
        }

        var total = TopicIdeas.Votes(TopicIdeas.VoteCount(idea));
        return Task.FromResult(Reply.Message(counted
            ? Line.Of(new Text($"You voted for #{idea.Id} "), new Strong(idea.Title), new Text($": {total} now. Voting again withdraws it."))
            : Line.Of(new Text($"You withdrew your vote for #{idea.Id} "), new Strong(idea.Title), new Text($": {total} now."))));
    }
}
