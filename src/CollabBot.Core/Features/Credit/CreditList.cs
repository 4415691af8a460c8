using CollabBot.Core.Commands;
using CollabBot.Core.Domain;
using CollabBot.Core.Replies;
using Microsoft.EntityFrameworkCore;

namespace CollabBot.Core.Features.Credit;

[Command("credit list")]
public sealed class CreditList : CommandHandler<CreditList.Args>
{
    private const int Shown = 40;

    public sealed record Args(UserRef? Person);

    public override async Task<Reply> HandleAsync(Args args, CommandContext context, CancellationToken cancellationToken)
    {
        var project = context.Ref<Project>();

        var query = context.Db.Contributions.AsNoTracking().Where(c => c.ProjectId == project.Id);
        var whose = "";
        if (args.Person is not null)
        {
            var identity = await context.Db.Identities.AsNoTracking().Include(i => i.Person).FirstOrDefaultAsync(i => i.Key == args.Person.Identity, cancellationToken);
            if (identity is null)
            {
                return Reply.Message($"{args.Person.Label ?? args.Person.Identity} has no contributions to {project.Slug}.");
            }

            query = query.Where(c => c.PersonId == identity.PersonId);
            whose = $" by {People.Name(identity.Person)}";
        }

        var total = await query.CountAsync(cancellationToken);
        if (total == 0)
        {
            return Reply.Message($"No contributions{whose} to {project.Slug} are recorded yet. Members record them with /credit add {project.Slug} me <role>.");
        }

        var rows = await query.Include(c => c.Person).Include(c => c.Project)
            .OrderBy(c => c.Status).ThenBy(c => c.Id)
            .Take(Shown)
            .ToListAsync(cancellationToken);
        var counts = await query.GroupBy(c => c.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        var summary = string.Join(", ", counts.OrderBy(c => c.Key).Select(c => $"{c.Count} {CreditProjects.StatusText(c.Key)}"));

        var b = new ReplyBuilder($"Contributions{whose} to {project.Title} ({project.Slug})").Line(summary);
        foreach (var c in rows)
        {
            b.Line(CreditProjects.Describe(c, People.Name(c.Person), withProject: false, withStatus: true));
        }

        if (total > Shown)
        {
            var page = context.Options.Link($"/projects/{project.Slug}");
            b.Line(Line.Of(new Text($"… and {total - Shown} more. The project page has the whole list: "), new Link(page, page)));
        }

        return b.Build();
    }
}
