using CollabBot.Core.Commands;
using CollabBot.Core.Domain;
using CollabBot.Core.Replies;
using CollabBot.Core.Resources;

namespace CollabBot.Core.Features.Resources;

[Command("resource star")]
public sealed class ResourceStar : CommandHandler<NoArgs>
{
    public override async Task<Reply> HandleAsync(NoArgs args, CommandContext context, CancellationToken cancellationToken)
    {
        var r = context.Ref<Resource>();
        var added = await new ResourceLibrary(context.Db).StarAsync(context.Caller.Id, r.Id, cancellationToken);
        return Reply.Message(added
            ? $"{r.Ref} ({r.Title}) is on your reading list. /resource mine shows the list."
            : $"{r.Ref} is already on your reading list. /resource mine shows the list.");
    }
}
