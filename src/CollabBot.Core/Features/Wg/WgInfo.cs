using CollabBot.Core.Commands;
using CollabBot.Core.Domain;
using CollabBot.Core.ReadModel;
using CollabBot.Core.Replies;
using Microsoft.EntityFrameworkCore;

namespace CollabBot.Core.Features.Wg;

[Command("wg info")]
[CachedReply]
public sealed class WgInfo : CommandHandler<NoArgs>
{
    public override async Task<Reply> HandleAsync(NoArgs args, CommandContext context, CancellationToken cancellationToken)
    {
        var group = context.RequireGroup();
        var members = await context.Db.Memberships.AsNoTracking()
            .Where(m => m.GroupId == group.Id && m.EndedAt == null)
            .Select(m => new { m.Person.DisplayName, m.Role, m.Tags })
            .ToListAsync(cancellationToken);
        var channels = await context.Db.ChannelLinks.AsNoTracking()
            .Where(c => c.GroupId == group.Id && c.UnlinkedAt == null)
            .OrderBy(c => c.Platform).ThenBy(c => c.ChannelName)
            .ToListAsync(cancellationToken);

        var projects = await context.Db.Projects.AsNoTracking()
            .Where(p => p.GroupId == group.Id)
            .OrderBy(p => p.Slug)
            .Select(p => p.Slug)
            .ToListAsync(cancellationToken);

        var conveners = members.Where(m => m.Role == MemberRole.Convener).Select(m => m.DisplayName).Order(StringComparer.CurrentCulture).ToList();
        var roles = members.SelectMany(m => m.Tags.Select(t => (Tag: t, m.DisplayName)))
            .GroupBy(x => x.Tag)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => $"{g.Key}: {string.Join(", ", g.Select(x => x.DisplayName).Order(StringComparer.CurrentCulture))}")
            .ToList();

        var b = new ReplyBuilder($"{group.Name} ({group.Slug})");
        if (group.Description.Length > 0)
        {
            b.Line(group.Description);
        }

        b.Field("Kind", GroupMembers.KindName(group.Kind))
            .Field("Membership", group.IsOpen ? "open: anyone may join" : "closed: a convener approves each request")
            .Field("Time zone", group.TimeZone)
            .Field("Conveners", conveners.Count > 0 ? string.Join(", ", conveners) : "none")
            .Field("Members", members.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (roles.Count > 0)
        {
            b.Field("Roles", string.Join("; ", roles));
        }

        b.Field("Channels", channels.Count == 0
            ? "none linked (a convener runs /wg link in a channel)"
            : string.Join(", ", channels.Select(c => $"{c.Platform} #{c.ChannelName ?? c.ChannelId}")));
        b.Field("Projects", projects.Count == 0 ? "none yet (a convener runs /credit project create)" : string.Join(", ", projects));
        if (group.IsArchived)
        {
            b.Field("Status", "archived: it keeps its data and gets no reminders");
        }

        var page = context.Options.Link($"/wg/{group.Slug}");
        b.Field("Page", Line.Of(new Link(page, page)));
        return b.Build();
    }
}
