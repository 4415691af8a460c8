using CollabBot.Core.Commands;
using CollabBot.Core.Domain;
using CollabBot.Core.Datasets;
using CollabBot.Core.Ports;
using CollabBot.Core.Replies;

namespace CollabBot.Core.Features.Datasets;

[Command("dataset issues")]
public sealed class DatasetIssues(IGitHubIssues github) : CommandHandler<DatasetIssues.Args>
{
    public const int MaxLimit = 50;

    public sealed record Args(string? State, long? Limit);

    public override async Task<Reply> HandleAsync(Args args, CommandContext context, CancellationToken cancellationToken)
    {
        if (args.Limit is < 1 or > MaxLimit)
        {
            return Reply.Invalid($"--limit must be from 1 to {MaxLimit}.", context.Usage);
        }

        var dataset = context.Ref<Dataset>();

        var d = dataset;
        if (DatasetRefs.Repo(d) is not { } repo)
        {
            return Reply.Invalid($"{d.Slug} has no GitHub repository, so it has no issues to list.");
        }

        var state = args.State switch
        {
            "closed" => IssueStateFilter.Closed,
            "all" => IssueStateFilter.All,
            _ => IssueStateFilter.Open,
        };
        var result = await DatasetRefs.CallAsync(ct => github.ListIssuesAsync(repo, state, d.IssueLabel, (int)(args.Limit ?? 10), ct), cancellationToken);
        if (result.Failure is { } failure)
        {
            return Reply.Failed(GitHubSentences.For(failure, repo));
        }

        var issues = result.Value!;
        var which = state switch { IssueStateFilter.Closed => "Closed", IssueStateFilter.All => "All", _ => "Open" };
        var b = new ReplyBuilder($"{which} issues of {d.Slug} on {repo} (label {d.IssueLabel})");
        if (issues.Count == 0)
        {
            b.Line(state == IssueStateFilter.Open
                ? Line.Of(new Text("No open issues. Report one with "), new Code($"/dataset issue {d.Slug} \"<title>\""), new Text("."))
                : "No issues.");
        }

        foreach (var issue in issues)
        {
            var parts = new List<Inline> { new Link(issue.Url, $"#{issue.Number} {issue.Title}") };
            if (state == IssueStateFilter.All)
            {
                parts.Add(new Text(issue.State == IssueState.Open ? " (open)" : " (closed)"));
            }

            var versions = issue.Labels.Where(l => l.StartsWith("version:", StringComparison.Ordinal)).ToList();
            if (versions.Count > 0)
            {
                parts.Add(new Text(" — " + string.Join(", ", versions)));
            }

            if (issue.Author is not null)
            {
                parts.Add(new Text($" — by {issue.Author}"));
            }

            b.Line(new Line(parts));
        }

        return b.Build();
    }
}
