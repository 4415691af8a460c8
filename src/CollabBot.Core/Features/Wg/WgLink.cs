using CollabBot.Core.Commands;
using CollabBot.Core.Domain;
using CollabBot.Core.Replies;
using Microsoft.EntityFrameworkCore;

namespace CollabBot.Core.Features.Wg;

[Command("wg link")]
public sealed class WgLink : CommandHandler<NoArgs>
{
    public override async Task<Reply> HandleAsync(NoArgs args, CommandContext context, CancellationToken cancellationToken)
    {
        var group = context.RequireGroup();
        if (context.Channel is not { } channel)
        {
            return Reply.Invalid($"Run /wg link {group.Slug} in the channel you want to link (on the console, give the channel: say \"/wg link {group.Slug}\" --channel <id>).");
        }

        var linked = await context.Db.ChannelLinks.AnyAsync(
            c => c.GroupId == group.Id && c.Platform == channel.Platform && c.Tenant == channel.Tenant && c.ChannelId == channel.ChannelId && c.UnlinkedAt == null, cancellationToken);
        if (linked)
        {
            return Reply.Message($"This channel is already linked to {group.Slug}.");
        }

        context.Db.ChannelLinks.Add(new ChannelLink { Group = group, Platform = channel.Platform, Tenant = channel.Tenant, ChannelId = channel.ChannelId, LinkedAt = context.Now });
        return Reply.Message($"Linked this channel to {group.Slug}: its meeting reminders and announcements will be posted here.");
    }
}
