using CollabBot.Core.Commands;
using CollabBot.Core.Replies;

namespace CollabBot.Core.Features.Wg;

[Command("wg unarchive")]
public sealed class WgUnarchive : CommandHandler<NoArgs>
{
    public override Task<Reply> HandleAsync(NoArgs args, CommandContext context, CancellationToken cancellationToken)
    {
        var group = context.RequireGroup();
        if (!group.IsArchived)
        {
            return Task.FromResult(Reply.Message($"{group.Slug} is not archived; nothing changed."));
        }

        group.IsArchived = false;
        return Task.FromResult(Reply.Message($"{group.Slug} is active again."));
    }
}
