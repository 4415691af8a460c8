using System.Globalization;
using CollabBot.Core.Commands;
using CollabBot.Core.Domain;
using CollabBot.Core.Replies;
using CollabBot.Core.Resources;
using Microsoft.EntityFrameworkCore;

namespace CollabBot.Core.Features.Resources;

[Command("resource list")]
public sealed class ResourceList : CommandHandler<ResourceList.Args>
{
    public sealed record Args(string? Topic, bool Broken);

    public override async Task<Reply> HandleAsync(Args args, CommandContext context, CancellationToken cancellationToken)
    {
        var (query, problem) = ResourceFilters.Query(null, null, null, args.Topic, context);
        if (problem is not null)
        {
            return problem;
        }

        var scope = ResourceFilters.Describe(query, context);
        var group = context.OptionalRef<WorkingGroup>();
        if (args.Broken)
        {
            return await BrokenAsync(context, query, scope, cancellationToken);
        }

        var result = await new ResourceSearch(context.Db).SearchAsync(query with { Limit = ResourceLines.ListLength }, cancellationToken);
        if (result.Hits.Count == 0)
        {
            return Reply.Message(group is null && query.Topic is null
                ? "The library is empty. /resource add <url> \"<title>\" --kind tutorial adds the first resource."
                : $"No resources{scope} yet. /resource add <url> \"<title>\" --kind tutorial{(group is null ? "" : $" --wg {group.Slug}")} adds one.");
        }

        var count = result.TotalIsLowerBound ? $"more than {ResourceSearch.CountCap.ToString("N0", CultureInfo.InvariantCulture)}" : result.Total.ToString("N0", CultureInfo.InvariantCulture);
        var b = new ReplyBuilder($"The library{scope}: {count} resource{(result.Total == 1 ? "" : "s")}");
        if (group is not null)
        {
            var path = await new ResourceLibrary(context.Db).StartHereAsync(group.Id, cancellationToken);
            if (path.Count > 0)
            {
                b.Line(Line.Of(new Text("Start here: "), new Text(string.Join(" → ", path.Select(p => p.Ref)))));
            }
        }

        b.Lines(result.Hits.Select(h => ResourceLines.Summary(h.Resource)));
        if (result.Total > result.Hits.Count)
        {
            var link = context.Options.Link("/resources" + (group is null ? "" : "?wg=" + group.Slug));
            b.Line(Line.Of(new Text($"The first {result.Hits.Count} by title; /resource search narrows them, and all are on "), new Link(link, link)));
        }

        return b.Build();
    }

    private static async Task<Reply> BrokenAsync(CommandContext context, ResourceQuery query, string scope, CancellationToken cancellationToken)
    {
        var broken = context.Db.Resources.AsNoTracking()
            .Include(r => r.Link).Include(r => r.Groups).ThenInclude(g => g.Group)
            .Where(r => r.RetiredAt == null && r.Link != null && r.Link.BrokenSince != null);
        if (query.GroupId is { } groupId)
        {
            broken = broken.Where(r => r.Groups.Any(g => g.GroupId == groupId));
        }

        var rows = await broken.OrderBy(r => r.Id).ToListAsync(cancellationToken);
        if (query.Topic is { } topic)
        {
            rows = [.. rows.Where(r => r.Topics.Contains(topic))];
        }

        if (rows.Count == 0)
        {
            return Reply.Message($"No broken links{scope}: every link worked at its last check.");
        }

        var b = new ReplyBuilder($"Broken links{scope}: {rows.Count.ToString(CultureInfo.InvariantCulture)}");
        foreach (var r in rows.Take(ResourceLines.ListLength))
        {
            b.Line(ResourceLines.Summary(r));
            b.Line("    " + ResourceInfo.LinkState(r.Link));
        }

        if (rows.Count > ResourceLines.ListLength)
        {
            b.Line($"…and {rows.Count - ResourceLines.ListLength} more.");
        }

        b.Line(Line.Of(new Text("Fix one with "), new Code("/resource edit #N --url <new address>"), new Text(", or "), new Code("/resource retire #N"), new Text(" if it is gone for good.")));
        return b.Build();
    }
}
