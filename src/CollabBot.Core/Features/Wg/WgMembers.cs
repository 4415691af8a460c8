using CollabBot.Core.Commands;
using CollabBot.Core.Domain;
using CollabBot.Core.Replies;
using Microsoft.EntityFrameworkCore;

namespace CollabBot.Core.Features.Wg;

[Command("wg members")]
public sealed class WgMembers : CommandHandler<WgMembers.Args>
{
    public sealed record Args(string? Role);

    public override async Task<Reply> HandleAsync(Args args, CommandContext context, CancellationToken cancellationToken)
    {
        var group = context.RequireGroup();
        var members = await context.Db.Memberships.AsNoTracking()
            .Where(m => m.GroupId == group.Id && m.EndedAt == null)
            .Select(m => new { m.Person.DisplayName, m.Role, m.Tags })
            .ToListAsync(cancellationToken);
        var shown = members
            .Where(m => args.Role is null || m.Tags.Contains(args.Role))
            .OrderByDescending(m => m.Role)
            .ThenBy(m => m.DisplayName, StringComparer.CurrentCulture)
            .ToList();
        if (shown.Count == 0)
        {
            return Reply.Message(args.Role is null ? $"{group.Slug} has no members yet." : $"No member of {group.Slug} has the role {args.Role}.");
        }

        var b = new ReplyBuilder(args.Role is null ? $"Members of {group.Slug} ({shown.Count})" : $"Members of {group.Slug} with role {args.Role} ({shown.Count})");
        foreach (var m in shown)
        {
            var roles = new List<string>();
            if (m.Role == MemberRole.Convener)
            {
                roles.Add("convener");
            }

            roles.AddRange(m.Tags);
            b.Line(new Strong(m.DisplayName), new Text(roles.Count > 0 ? " — " + string.Join(", ", roles) : ""));
        }

        return b.Build();
    }
}
