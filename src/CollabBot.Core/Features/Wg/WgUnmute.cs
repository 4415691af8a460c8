using CollabBot.Core.Commands;
using CollabBot.Core.Replies;

namespace CollabBot.Core.Features.Wg;

[Command("wg unmute")]
public sealed class WgUnmute : CommandHandler<NoArgs>
{
    public override Task<Reply> HandleAsync(NoArgs args, CommandContext context, CancellationToken cancellationToken) =>
        ReminderMute.SetAsync(context, muted: false, cancellationToken);
}
