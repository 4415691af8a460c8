using System.Globalization;
using CollabBot.Core.Commands;
using CollabBot.Core.Ports;
using CollabBot.Core.Replies;
using Microsoft.EntityFrameworkCore;

namespace CollabBot.Core.Features.Datasets;

[Command("dataset list")]
public sealed class DatasetList(IGitHubIssues github) : CommandHandler<NoArgs>
{
    /// <summary>Open-issue counts are asked of GitHub for at most this many datasets, so a long list stays quick and cheap.</summary>
    public const int CountsFor = 10;

    public override async Task<Reply> HandleAsync(NoArgs args, CommandContext context, CancellationToken cancellationToken)
    {
        var group = context.Group;
        var datasets = await context.Db.Datasets.AsNoTracking()
            .Include(d => d.Group).Include(d => d.Versions)
            .Where(d => group == null || d.GroupId == group.Id)
            .OrderBy(d => d.Slug)
            .ToListAsync(cancellationToken);
        if (datasets.Count == 0)
        {
            return Reply.Message(group is null
                ? "No datasets are registered yet. A convener registers one with /dataset register <wg> <slug> \"<title>\"."
                : $"{group.Slug} has no datasets yet. A convener registers one with /dataset register {group.Slug} <slug> \"<title>\".");
        }

        var withRepo = datasets.Where(d => d.HasRepository).Take(CountsFor).ToList();
        var counts = new Dictionary<int, string>();
        if (github.IsConfigured)
        {
            var tasks = withRepo.Select(async d => (d.Id, Count: await OpenIssues.CountAsync(github, d, cancellationToken))).ToList();
            foreach (var (id, count) in await Task.WhenAll(tasks))
            {
                if (count is not null)
                {
                    counts[id] = count;
                }
            }
        }

        var b = new ReplyBuilder(group is null ? "Datasets" : $"Datasets of {group.Name}");
        foreach (var d in datasets)
        {
            var latest = DatasetRefs.Latest(d.Versions);
            var parts = new List<Inline> { new Strong(d.Slug), new Text($" — {d.Title} ({d.Group.Slug})") };
            parts.Add(new Text(latest is null ? "; no version yet" : $"; latest {latest.Name} ({latest.ReleasedOn}), {d.Versions.Count} version{(d.Versions.Count == 1 ? "" : "s")}"));
            if (counts.TryGetValue(d.Id, out var open))
            {
                parts.Add(new Text($"; {open} open issue{(open == "1" ? "" : "s")}"));
            }

            b.Line(new Line(parts));
        }

        if (!github.IsConfigured && datasets.Any(d => d.HasRepository))
        {
            b.Line("Open issue counts are not shown: GitHub is not connected on this deployment.");
        }
        else if (datasets.Count(d => d.HasRepository) > CountsFor)
        {
            b.Line(Line.Of(new Text($"Open issue counts are shown for the first {CountsFor.ToString(CultureInfo.InvariantCulture)} datasets with a repository; "), new Code("/dataset info <dataset>"), new Text(" shows any one.")));
        }

        return b.Build();
    }
}
