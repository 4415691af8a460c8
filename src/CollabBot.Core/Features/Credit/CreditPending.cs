using System.Globalization;
using CollabBot.Core.Commands;
using CollabBot.Core.Domain;
using CollabBot.Core.Replies;
using Microsoft.EntityFrameworkCore;

namespace CollabBot.Core.Features.Credit;

[Command("credit pending")]
public sealed class CreditPending : CommandHandler<NoArgs>
{
    private const int Shown = 30;

    public override async Task<Reply> HandleAsync(NoArgs args, CommandContext context, CancellationToken cancellationToken)
    {
        var query = context.Db.Contributions.AsNoTracking().Where(c => c.Status == ContributionStatus.Pending);
        string scope;
        if (context.OptionalRef<Project>() is { } project)
        {
            query = query.Where(c => c.ProjectId == project.Id);
            scope = $" to {project.Slug}";
        }
        else if (!context.IsAdmin)
        {
            // The dispatcher lets only conveners of some group (and admins) this far.
            var convened = context.Db.Memberships.Where(m => m.PersonId == context.Caller.Id && m.EndedAt == null && m.Role == MemberRole.Convener).Select(m => m.GroupId);
            query = query.Where(c => convened.Contains(c.Project.GroupId));
            scope = " in the groups you convene";
        }
        else
        {
            scope = "";
        }

        var total = await query.CountAsync(cancellationToken);
        if (total == 0)
        {
            return Reply.Message($"No contributions{scope} are waiting for a decision.");
        }

        var waiting = await query
            .OrderBy(c => c.RecordedAt).ThenBy(c => c.Id)
            .Take(Shown)
            .Include(c => c.Project).Include(c => c.Person)
            .ToListAsync(cancellationToken);
        var recorderIds = waiting.Select(c => c.RecordedByPersonId).Distinct().ToList();
        var recorders = await context.Db.People.AsNoTracking().Where(p => recorderIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, People.Name, cancellationToken);

        var b = new ReplyBuilder($"Waiting for a decision{scope}: {total}");
        foreach (var c in waiting)
        {
            var recorded = $" · recorded by {recorders.GetValueOrDefault(c.RecordedByPersonId, "someone")} on {c.RecordedAt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}";
            b.Line([.. CreditProjects.Describe(c, People.Name(c.Person), withProject: true, withStatus: false).Parts, new Text(recorded)]);
        }

        if (total > Shown)
        {
            b.Line($"… and {total - Shown} more; decide on these first, or name a project: /credit pending <project>.");
        }

        b.Line(Line.Of(new Text("Decide with "), new Code("/credit confirm <id>…"), new Text(" or "), new Code("/credit reject <id> --reason \"…\"")));
        var all = $"/credit confirm {string.Join(' ', waiting.Select(c => c.Id))}";
        if (waiting.Count > 1 && all.Length <= 90)
        {
            // A button carries its command line, and Discord allows 100 characters in one.
            b.Action($"Confirm all {waiting.Count}", all);
        }
        else if (waiting.Count == 1)
        {
            b.Action("Confirm", all).Action("Reject", $"/credit reject {waiting[0].Id}", primary: false);
        }

        return b.Build();
    }
}
