using CollabBot.Core.Commands;
using CollabBot.Core.Domain;
using CollabBot.Core.Replies;
using Microsoft.EntityFrameworkCore;

namespace CollabBot.Core.Features.Credit;

[Command("credit project create")]
public sealed class CreditProjectCreate : CommandHandler<CreditProjectCreate.Args>
{
    public sealed record Args(string Slug, string Title, string? Kind);

    public override async Task<Reply> HandleAsync(Args args, CommandContext context, CancellationToken cancellationToken)
    {
        var group = context.RequireGroup();
        var title = args.Title.Trim();
        if (title.Length is 0 or > 500)
        {
            return Reply.Invalid("The title must be 1 to 500 characters.", context.Usage);
        }

        var existing = await context.Db.Projects.Where(p => p.Slug == args.Slug).Select(p => new { p.Title, GroupSlug = p.Group.Slug }).FirstOrDefaultAsync(cancellationToken);
        if (existing is not null)
        {
            return Reply.Invalid($"The slug {args.Slug} is taken by \"{existing.Title}\" in {existing.GroupSlug}; project slugs are unique across groups. Choose another.", context.Usage);
        }

        var kind = Enum.Parse<ProjectKind>(args.Kind ?? "paper", ignoreCase: true);
        context.Db.Projects.Add(new Project
        {
            Group = group,
            Slug = args.Slug,
            Title = title,
            Kind = kind,
            CreatedAt = context.Now,
            CreatedByPersonId = context.Caller.Id == 0 ? null : context.Caller.Id,
        });

        return new ReplyBuilder($"Project {args.Slug} created")
            .Field("Title", title)
            .Field("Kind", CreditProjects.KindName(kind))
            .Field("Group", group.Slug)
            .Line(Line.Of(new Text("Members record contributions with "), new Code($"/credit add {args.Slug} me <role>"), new Text("; "), new Code("/credit roles"), new Text(" lists the roles.")))
            .Build();
    }
}
