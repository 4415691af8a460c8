using CollabBot.Core.Commands;
using CollabBot.Core.Domain;
using CollabBot.Core.Replies;
using CollabBot.Core.Resources;

namespace CollabBot.Core.Features.Resources;

[Command("resource retire")]
public sealed class ResourceRetire : CommandHandler<NoArgs>
{
    public override Task<Reply> HandleAsync(NoArgs args, CommandContext context, CancellationToken cancellationToken)
    {
        var r = context.Ref<Resource>();
        if (!ResourceLibrary.Retire(r, context.Caller.Id, context.Now))
        {
            return Task.FromResult(Reply.Message($"{r.Ref} ({r.Title}) is already retired."));
        }

        return Task.FromResult(Reply.Message(
            $"Retired {r.Ref} ({r.Title}): it no longer shows in searches, lists or start-here paths. Nothing was deleted: reading lists keep it and /resource info {r.Ref} still shows it."));
    }
}
