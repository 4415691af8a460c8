using CollabBot.Core.Commands;
using CollabBot.Core.Domain;
using CollabBot.Core.Replies;
using Microsoft.EntityFrameworkCore;

namespace CollabBot.Core.Features.Datasets;

[Command("dataset untrack")]
public sealed class DatasetUntrack : CommandHandler<NoArgs>
{
        public override async Task<Reply> HandleAsync(NoArgs args, CommandContext context, CancellationToken cancellationToken)
    {
        var dataset = context.Ref<Dataset>();

        var d = dataset;
        if (context.Channel is not { } channel)
        {
            return Reply.Invalid($"Run /dataset untrack {d.Slug} in the channel that should stop getting its issue events.");
        }

        var active = await context.Db.DatasetTrackings
            .Where(t => t.DatasetId == d.Id && t.Platform == channel.Platform && t.Tenant == channel.Tenant && t.ChannelId == channel.ChannelId && t.EndedAt == null)
            .ToListAsync(cancellationToken);
        if (active.Count == 0)
        {
            return Reply.Message($"This channel does not track {d.Slug}; nothing to stop.");
        }

        foreach (var t in active)
        {
            // Ended, not deleted: the audit and the dashboard keep the history.
            t.EndedAt = context.Now;
            t.EndedByPersonId = context.Caller.Id;
        }

        return Reply.Message($"This channel no longer gets {d.Slug}'s issue events. /dataset track {d.Slug} here starts them again.");
    }
}
