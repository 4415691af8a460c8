using CollabBot.Core.Commands;
using CollabBot.Core.Domain;
using CollabBot.Core.Replies;
using CollabBot.Core.Resources;

namespace CollabBot.Core.Features.Resources;

[Command("resource unstar")]
public sealed class ResourceUnstar : CommandHandler<NoArgs>
{
    public override async Task<Reply> HandleAsync(NoArgs args, CommandContext context, CancellationToken cancellationToken)
    {
        var r = context.Ref<Resource>();
        var removed = await new ResourceLibrary(context.Db).UnstarAsync(context.Caller.Id, r.Id, cancellationToken);
        return Reply.Message(removed
            ? $"{r.Ref} is off your reading list."
            : $"{r.Ref} was not on your reading list.");
    }
}
