using CollabBot.Core.Commands;
using CollabBot.Core.Replies;

namespace CollabBot.Core.Features.Wg;

[Command("wg mute")]
public sealed class WgMute : CommandHandler<NoArgs>
{
    public override Task<Reply> HandleAsync(NoArgs args, CommandContext context, CancellationToken cancellationToken) =>
        ReminderMute.SetAsync(context, muted: true, cancellationToken);
}
