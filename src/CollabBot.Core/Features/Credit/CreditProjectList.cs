using CollabBot.Core.Commands;
using CollabBot.Core.Domain;
using CollabBot.Core.Replies;
using Microsoft.EntityFrameworkCore;

namespace CollabBot.Core.Features.Credit;

[Command("credit projects")]
public sealed class CreditProjectList : CommandHandler<NoArgs>
{
    public override async Task<Reply> HandleAsync(NoArgs args, CommandContext context, CancellationToken cancellationToken)
    {
        var query = context.Db.Projects.AsNoTracking();
        if (context.Group is { } group)
        {
            query = query.Where(p => p.GroupId == group.Id);
        }

        var projects = await query
            .OrderBy(p => p.Group.Slug).ThenBy(p => p.Slug)
            .Select(p => new
            {
                p.Slug,
                p.Title,
                p.Kind,
                GroupSlug = p.Group.Slug,
                Authors = p.Contributions.Where(c => c.Status == ContributionStatus.Confirmed).Select(c => c.PersonId).Distinct().Count(),
                Pending = p.Contributions.Count(c => c.Status == ContributionStatus.Pending),
            })
            .ToListAsync(cancellationToken);

        var scope = context.Group is { } g ? $" of {g.Slug}" : "";
        if (projects.Count == 0)
        {
            return Reply.Message($"No projects{scope} yet. A convener creates one with /credit project create <wg> <slug> \"<title>\".");
        }

        var b = new ReplyBuilder($"Projects{scope}");
        foreach (var p in projects)
        {
            var authors = p.Authors == 1 ? "1 author" : $"{p.Authors} authors";
            var pending = p.Pending == 0 ? "" : $", {p.Pending} pending";
            b.Line(new Strong(p.Slug), new Text($" — {p.Title} ({CreditProjects.KindName(p.Kind)}, {p.GroupSlug}): {authors}{pending}"));
        }

        return b.Line(Line.Of(new Text("The author list: "), new Code("/credit authors <project>"))).Build();
    }
}
