using CollabBot.Core.Commands;
using CollabBot.Core.Replies;
using Microsoft.EntityFrameworkCore;

namespace CollabBot.Core.Features.Wg;

[Command("wg unlink")]
public sealed class WgUnlink : CommandHandler<NoArgs>
{
    public override async Task<Reply> HandleAsync(NoArgs args, CommandContext context, CancellationToken cancellationToken)
    {
        var group = context.RequireGroup();
        if (context.Channel is not { } channel)
        {
            return Reply.Invalid($"Run /wg unlink {group.Slug} in the linked channel (on the console, give the channel: --channel <id>).");
        }

        var links = await context.Db.ChannelLinks
            .Where(c => c.GroupId == group.Id && c.Platform == channel.Platform && c.Tenant == channel.Tenant && c.ChannelId == channel.ChannelId && c.UnlinkedAt == null)
            .ToListAsync(cancellationToken);
        if (links.Count == 0)
        {
            return Reply.Invalid($"This channel is not linked to {group.Slug}. /wg info {group.Slug} lists its channels.");
        }

        foreach (var link in links)
        {
            link.UnlinkedAt = context.Now;
        }

        return Reply.Message($"Unlinked this channel from {group.Slug}: no more reminders or announcements here.");
    }
}
