using CollabBot.Core.Commands;
using CollabBot.Core.Domain;
using CollabBot.Core.Replies;

namespace CollabBot.Core.Features.Topics;

/// <summary>Closes an idea without scheduling it; it stays on record. Who may (its suggester, conveners, admins) is <c>who: owner</c>.</summary>
[Command("topic close")]
public sealed class TopicClose : CommandHandler<TopicClose.Args>
{
    public sealed record Args(string? Reason);

    public override Task<Reply> HandleAsync(Args args, CommandContext context, CancellationToken cancellationToken)
    {
        var idea = context.Ref<TopicIdea>();
        if (idea.Status != TopicIdeaStatus.Open)
        {
            return Task.FromResult(Reply.Invalid($"#{idea.Id} is already {(idea.Status == TopicIdeaStatus.Scheduled ? "scheduled" : "closed")}."));
        }

        var reason = args.Reason?.Trim() is { Length: > 0 } r ? r : null;
        if (reason is { Length: > 500 })
        {
            return Task.FromResult(Reply.Invalid("--reason must be at most 500 characters.", context.Usage));
        }

        idea.Status = TopicIdeaStatus.Closed;
        idea.ClosedReason = reason;
        idea.DecidedAt = context.Now;
        idea.DecidedByPersonId = context.Caller.Id;
        return Task.FromResult(Reply.Message(Line.Of(new Text($"Closed #{idea.Id} "), new Strong(idea.Title), new Text(reason is null ? ". It stays on record." : $": {reason}. It stays on record."))));
    }
}
