using CollabBot.Core.Commands;
using CollabBot.Core.Domain;
using CollabBot.Core.ReadModel;
using CollabBot.Core.Replies;
using Microsoft.EntityFrameworkCore;

namespace CollabBot.Core.Features.Wg;

[Command("wg list")]
[CachedReply]
public sealed class WgList : CommandHandler<WgList.Args>
{
    public sealed record Args(string? Kind, bool All);

    public override async Task<Reply> HandleAsync(Args args, CommandContext context, CancellationToken cancellationToken)
    {
        var query = context.Db.Groups.AsNoTracking();
        if (!args.All)
        {
            query = query.Where(g => !g.IsArchived);
        }

        if (args.Kind is not null)
        {
            var kind = Enum.Parse<GroupKind>(args.Kind, ignoreCase: true);
            query = query.Where(g => g.Kind == kind);
        }

        var groups = await query
            .OrderBy(g => g.Slug)
            .Select(g => new
            {
                g.Slug,
                g.Name,
                g.Kind,
                g.IsOpen,
                g.IsArchived,
                Conveners = g.Memberships.Where(m => m.EndedAt == null && m.Role == MemberRole.Convener).OrderBy(m => m.Person.DisplayName).Select(m => m.Person.DisplayName).ToList(),
                Members = g.Memberships.Count(m => m.EndedAt == null),
            })
            .ToListAsync(cancellationToken);

        if (groups.Count == 0)
        {
            return Reply.Message(args.Kind is null ? "There are no working groups yet. An admin can create one with /wg create." : $"There are no {args.Kind} groups.");
        }

        var b = new ReplyBuilder(args.All ? "Working groups (including archived)" : "Working groups");
        foreach (var g in groups)
        {
            var conveners = g.Conveners.Count > 0 ? string.Join(", ", g.Conveners) : "no convener";
            b.Line(
                new Strong(g.Slug),
                new Text($" — {g.Name} ({GroupMembers.KindName(g.Kind)}{(g.IsOpen ? "" : ", closed")}{(g.IsArchived ? ", archived" : "")}) · conveners: {conveners} · {g.Members} member{(g.Members == 1 ? "" : "s")}"));
        }

        b.Line(Line.Of(new Text("Details: "), new Code("/wg info <wg>"), new Text(" · join: "), new Code("/wg join <wg>")));
        return b.Build();
    }
}
