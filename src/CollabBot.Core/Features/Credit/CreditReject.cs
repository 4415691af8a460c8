using CollabBot.Core.Commands;
using CollabBot.Core.Domain;
using CollabBot.Core.Replies;

namespace CollabBot.Core.Features.Credit;

[Command("credit reject")]
public sealed class CreditReject : CommandHandler<CreditReject.Args>
{
    public sealed record Args(string? Reason);

    public override async Task<Reply> HandleAsync(Args args, CommandContext context, CancellationToken cancellationToken)
    {
        var reason = args.Reason?.Trim();
        if (reason is { Length: > 500 })
        {
            return Reply.Invalid("A reason is at most 500 characters.", context.Usage);
        }

        var c = context.Ref<Contribution>();
        var name = People.Name(c.Person);
        if (c.Status == ContributionStatus.Rejected)
        {
            return Reply.Message(Line.Of([.. CreditProjects.Describe(c, name, withProject: true, withStatus: false).Parts, new Text(" — was already rejected.")]));
        }

        c.Status = ContributionStatus.Rejected;
        c.DecidedByPersonId = context.Caller.Id;
        c.DecidedAt = context.Now;
        c.Reason = string.IsNullOrEmpty(reason) ? null : reason;

        var because = c.Reason is null ? "" : $" Reason: {c.Reason}";
        await context.Outbox.ToPersonAsync(c.Person, new ReplyBuilder("Contribution not confirmed")
            .Line($"#{c.Id} {CreditProjects.RoleText(c)} on {c.Project.Title} ({c.Project.Slug}) was rejected by {People.Name(context.Caller)}.{because}")
            .Line($"It stays on record but not in the author list. Questions go to the conveners of {c.Project.Group.Slug}.")
            .Build(), cancellationToken);
        return Reply.Message(Line.Of([.. CreditProjects.Describe(c, name, withProject: true, withStatus: false).Parts, new Text($" — rejected.{because} {name} has been told.")]));
    }
}
