using CollabBot.Core.Commands;
using CollabBot.Core.Domain;
using CollabBot.Core.Replies;

namespace CollabBot.Core.Features.Credit;

[Command("credit confirm")]
public sealed class CreditConfirm : CommandHandler<NoArgs>
{
    public override async Task<Reply> HandleAsync(NoArgs args, CommandContext context, CancellationToken cancellationToken)
    {
        var contributions = context.Refs<Contribution>();

        var b = new ReplyBuilder(null);
        var confirmed = new List<Contribution>();
        foreach (var c in contributions)
        {
            if (c.Status == ContributionStatus.Confirmed)
            {
                b.Line(CreditProjects.Describe(c, People.Name(c.Person), withProject: true, withStatus: false).Parts.Append(new Text(" — was already confirmed.")).ToArray());
                continue;
            }

            c.Status = ContributionStatus.Confirmed;
            c.DecidedByPersonId = context.Caller.Id;
            c.DecidedAt = context.Now;
            c.Reason = null;
            confirmed.Add(c);
            b.Line(CreditProjects.Describe(c, People.Name(c.Person), withProject: true, withStatus: false).Parts.Append(new Text(" — confirmed.")).ToArray());
        }

        var decider = People.Name(context.Caller);
        await CreditDecisions.TellContributorsAsync(context, confirmed, mine => new ReplyBuilder("Contribution confirmed")
            .Lines(mine.Select(c => (Line)$"#{c.Id} {CreditProjects.RoleText(c)} on {c.Project.Title} ({c.Project.Slug}) was confirmed by {decider}; it counts in the author list."))
            .Build(), cancellationToken);
        if (confirmed.Count > 0)
        {
            b.Line(confirmed.Select(c => c.PersonId).Distinct().Count() == 1 ? "The contributor has been told." : "The contributors have been told.");
        }

        return b.Build();
    }
}
