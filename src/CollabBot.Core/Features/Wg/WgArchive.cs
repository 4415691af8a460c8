using CollabBot.Core.Commands;
using CollabBot.Core.Replies;

namespace CollabBot.Core.Features.Wg;

[Command("wg archive")]
public sealed class WgArchive : CommandHandler<NoArgs>
{
    public override Task<Reply> HandleAsync(NoArgs args, CommandContext context, CancellationToken cancellationToken)
    {
        var group = context.RequireGroup();
        group.IsArchived = true;
        return Task.FromResult(Reply.Message($"Archived {group.Slug}. It keeps all its members, meetings and data, and gets no reminders. /wg unarchive {group.Slug} brings it back."));
    }
}
