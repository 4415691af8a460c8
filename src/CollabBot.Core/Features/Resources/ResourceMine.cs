using CollabBot.Core.Commands;
using CollabBot.Core.Replies;
using CollabBot.Core.Resources;

namespace CollabBot.Core.Features.Resources;

[Command("resource mine")]
public sealed class ResourceMine : CommandHandler<NoArgs>
{
    public const int Shown = 50;

    public override async Task<Reply> HandleAsync(NoArgs args, CommandContext context, CancellationToken cancellationToken)
    {
        var list = await new ResourceLibrary(context.Db).ReadingListAsync(context.Caller.Id, cancellationToken);
        if (list.Count == 0)
        {
            return Reply.Message("Your reading list is empty. /resource star #N puts a resource on it; /resource search <words> finds one.");
        }

        var b = new ReplyBuilder($"Your reading list: {ResourceLines.Count(list.Count, "resource", "resources")}");
        b.Lines(list.Take(Shown).Select(r => ResourceLines.Summary(r)));
        if (list.Count > Shown)
        {
            b.Line($"…and {list.Count - Shown} more, starred earlier.");
        }

        return b.Build();
    }
}
