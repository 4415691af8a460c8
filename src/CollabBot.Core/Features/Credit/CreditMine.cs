using CollabBot.Core.Commands;
using CollabBot.Core.Domain;
using CollabBot.Core.Replies;
using Microsoft.EntityFrameworkCore;

namespace CollabBot.Core.Features.Credit;

[Command("credit mine")]
public sealed class CreditMine : CommandHandler<NoArgs>
{
    private const int Shown = 40;

    public override async Task<Reply> HandleAsync(NoArgs args, CommandContext context, CancellationToken cancellationToken)
    {
        var me = context.Caller;
        var mine = me.Id == 0
            ? []
            : await context.Db.Contributions.AsNoTracking()
                .Where(c => c.PersonId == me.Id)
                .Include(c => c.Project)
                .OrderBy(c => c.Project.Slug).ThenBy(c => c.Id)
                .Take(Shown + 1)
                .ToListAsync(cancellationToken);
        if (mine.Count == 0)
        {
            return Reply.Message("You have no contributions recorded yet. Record one with /credit add <project> me <role>; /credit projects lists the projects.");
        }

        var b = new ReplyBuilder("Your contributions");
        foreach (var c in mine.Take(Shown))
        {
            b.Line(CreditProjects.Describe(c, c.Project.Slug, withProject: false, withStatus: true));
        }

        if (mine.Count > Shown)
        {
            b.Line($"… and more; /credit list <project> --person me shows one project's.");
        }

        return b.Build();
    }
}
