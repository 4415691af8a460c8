using CollabBot.Core.Commands;
using CollabBot.Core.Domain;
using CollabBot.Core.Replies;
using Microsoft.EntityFrameworkCore;

namespace CollabBot.Core.Features.Collab;

[Command("collab whoami")]
public sealed class CollabWhoami : CommandHandler<NoArgs>
{
    public override async Task<Reply> HandleAsync(NoArgs args, CommandContext context, CancellationToken cancellationToken)
    {
        var me = context.Caller;
        var identities = me.Id == 0
            ? [context.CallerIdentity]
            : await context.Db.Identities.Where(i => i.PersonId == me.Id).OrderBy(i => i.Key).Select(i => i.Key).ToListAsync(cancellationToken);
        var memberships = me.Id == 0
            ? []
            : await context.Db.Memberships.Where(m => m.PersonId == me.Id && m.EndedAt == null)
                .OrderBy(m => m.Group.Slug).Select(m => new { m.Group.Slug, m.Role }).ToListAsync(cancellationToken);

        var b = new ReplyBuilder("Who you are")
            .Field("Identity", context.CallerIdentity)
            .Field("Person", People.Name(me))
            .Field("Linked identities", string.Join(", ", identities))
            .Field("Groups", memberships.Count == 0 ? "none yet (/wg list, then /wg join <wg>)" : string.Join(", ", memberships.Select(m => m.Role == MemberRole.Convener ? m.Slug + " (convener)" : m.Slug)));

        var convenes = memberships.Where(m => m.Role == MemberRole.Convener).Select(m => m.Slug).ToList();
        b.Section("What you may do");
        b.Line("Read anything, join open groups, leave groups, set your profile, add talks, record contributions, open dataset issues.");
        if (convenes.Count > 0)
        {
            b.Line($"As convener of {string.Join(", ", convenes)}: edit the group, manage members, roles and channels, schedule meetings, confirm contributions, register datasets.");
        }

        if (context.IsAdmin)
        {
            b.Line("As an admin: create, archive and unarchive groups, appoint and remove conveners, and everything a convener may do in any group.");
        }

        return b.Build();
    }
}
