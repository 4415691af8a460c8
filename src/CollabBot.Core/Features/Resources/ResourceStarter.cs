using CollabBot.Core.Commands;
using CollabBot.Core.Replies;
using CollabBot.Core.Resources;
using Microsoft.EntityFrameworkCore;

namespace CollabBot.Core.Features.Resources;

/// <summary>
/// A group's start-here path: any resources of the library, in reading order (a convener may point newcomers to a
/// general course as well as the group's own notes). Setting it again replaces it; the old path is kept as history.
/// </summary>
[Command("resource starter")]
public sealed class ResourceStarter : CommandHandler<ResourceStarter.Args>
{
    public const int MaxSteps = 12;

    public sealed record Args(IReadOnlyList<long> Resources, bool Clear);

    public override async Task<Reply> HandleAsync(Args args, CommandContext context, CancellationToken cancellationToken)
    {
        var group = context.RequireGroup();
        var library = new ResourceLibrary(context.Db);
        if (args.Clear == (args.Resources.Count > 0))
        {
            return Reply.Invalid($"Name the resources newcomers to {group.Slug} should read, in order — /resource starter {group.Slug} #3 #12 #7 — or empty the path with --clear.", context.Usage);
        }

        if (args.Resources.Count > MaxSteps)
        {
            return Reply.Invalid($"A start-here path has at most {MaxSteps} steps, so newcomers can finish it; this one has {args.Resources.Count}.");
        }

        if (args.Resources.FirstOrDefault(id => id is <= 0 or > int.MaxValue) is var bad && bad != 0)
        {
            return Reply.NotFound($"There is no resource #{bad}.");
        }

        var ids = args.Resources.Select(id => (int)id).ToList();
        if (await library.SetStartHereAsync(group.Id, ids, context.Caller.Id, cancellationToken) is { } error)
        {
            return error.StartsWith("There is no", StringComparison.Ordinal) ? Reply.NotFound(error + " /resource search <words> finds resources and their numbers.") : Reply.Invalid(error);
        }

        if (ids.Count == 0)
        {
            return Reply.Message($"{group.Slug}'s start-here path is empty now; newcomers get the group's welcome without one.");
        }

        var resources = await context.Db.Resources.AsNoTracking().Include(r => r.Link).Include(r => r.Groups).ThenInclude(g => g.Group)
            .Where(r => ids.Contains(r.Id)).ToDictionaryAsync(r => r.Id, cancellationToken);
        var b = new ReplyBuilder($"Start here in {group.Slug}: {ResourceLines.Count(ids.Count, "step", "steps")}");
        for (var i = 0; i < ids.Count; i++)
        {
            b.Line(new Line([new Text($"{i + 1}. "), .. ResourceLines.Summary(resources[ids[i]]).Parts]));
        }

        b.Line($"Newcomers to {group.Slug} get this path when they join; /collab start and the group's page show it too.");
        return b.Build();
    }
}
