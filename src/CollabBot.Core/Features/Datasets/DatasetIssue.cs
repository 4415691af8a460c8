using CollabBot.Core.Commands;
using CollabBot.Core.Domain;
using CollabBot.Core.Datasets;
using CollabBot.Core.Ports;
using CollabBot.Core.Replies;
using static CollabBot.Core.Values.Clipping;

namespace CollabBot.Core.Features.Datasets;

/// <summary>
/// <c>/dataset issue</c>: opens an issue on the dataset's repository with its label (and <c>version:&lt;v&gt;</c>), the
/// reporter named in the body and a link back. When GitHub fails, the reply carries the user's text so nothing is lost.
/// GitHub is called in the fetch step, before the command's transaction, so other commands write while it answers.
/// </summary>
[Command("dataset issue")]
public sealed class DatasetIssue(IGitHubIssues github) : FetchFirstHandler<DatasetIssue.Args, DatasetIssue.Opened>
{
    public sealed record Args(string Title, string? Body, string? Version);

    /// <summary>The issue GitHub opened, with the repository and labels it was opened with.</summary>
    public sealed record Opened(IssueInfo Issue, RepoRef Repo, IReadOnlyList<string> Labels);

    public override async Task<Fetched<Opened>> FetchAsync(Args args, CommandContext context, CancellationToken cancellationToken)
    {
        var title = args.Title.Trim();
        if (title.Length is 0 or > 256)
        {
            return Reply.Invalid("An issue's title must be 1 to 256 characters.", context.Usage);
        }

        var dataset = context.Ref<Dataset>();

        var d = dataset;
        if (DatasetRefs.Repo(d) is not { } repo)
        {
            return Reply.Invalid($"{d.Slug} has no GitHub repository, so issues cannot be opened for it from here. Its conveners can tell you where to report problems (/wg info {d.Group.Slug}).");
        }

        string? version = null;
        if (args.Version is { } v)
        {
            version = d.Versions.FirstOrDefault(x => string.Equals(x.Name, v.Trim(), StringComparison.OrdinalIgnoreCase))?.Name;
            if (version is null)
            {
                var known = DatasetRefs.Newest(d.Versions).Select(x => x.Name).Take(10).ToList();
                return Reply.Invalid($"{d.Slug} has no version {Clip(v, 40)}" + (known.Count == 0 ? "; none is recorded yet, so leave out --version." : $". Its versions: {string.Join(", ", known)}."));
            }
        }

        var labels = new List<string> { d.IssueLabel };
        if (version is not null)
        {
            labels.Add(VersionLabel(version));
        }

        var page = context.Options.Link($"/datasets/{d.Slug}");
        var body = (args.Body?.Trim() is { Length: > 0 } text ? text + "\n\n" : "")
            + "---\n"
            + $"Reported by {context.Caller.DisplayName} through CollabBot"
            + (version is null ? "" : $", about version {version}")
            + $". Dataset: [{d.Title}]({page}).";

        if (!github.IsConfigured)
        {
            return Kept(GitHubSentences.For(new GitHubFailure(GitHubFailureKind.NotConfigured, ""), repo), d.Slug, title, args.Body, version);
        }

        var result = await DatasetRefs.CallAsync(ct => github.CreateIssueAsync(repo, new NewIssueRequest(title, body, labels), ct), cancellationToken);
        if (result.Failure is { } failure)
        {
            return Kept(GitHubSentences.For(failure, repo), d.Slug, title, args.Body, version);
        }

        return new Opened(result.Value!, repo, labels);
    }

    /// <summary>Nothing is stored about the issue: GitHub holds it, and the tracking channels hear of it from there.</summary>
    public override Task<Reply> HandleAsync(Args args, Opened fetched, CommandContext context, CancellationToken cancellationToken)
    {
        var issue = fetched.Issue;
        return Task.FromResult(new ReplyBuilder($"Opened issue #{issue.Number} on {fetched.Repo}")
            .Line(Line.Of(new Link(issue.Url, $"#{issue.Number} {issue.Title}")))
            .Field("Labels", string.Join(", ", fetched.Labels))
            .Line("Your name is in the issue's text, so the dataset team knows whom to ask.")
            .Build());
    }

    public static string VersionLabel(string version) => "version:" + version;

    /// <summary>A failure that hands back what the user wrote, and the command to send it again.</summary>
    private static Reply Kept(string sentence, string slug, string title, string? body, string? version)
    {
        var retry = $"/dataset issue {slug} \"{title.Replace("\"", "\\\"", StringComparison.Ordinal)}\""
            + (body is null ? "" : $" --body \"{body.Replace("\"", "\\\"", StringComparison.Ordinal)}\"")
            + (version is null ? "" : $" --version {version}");
        var lines = new List<Line>
        {
            sentence + " The issue was not opened; here is what you wrote, to send again:",
            Line.Of(new Strong("Title: "), new Text(title)),
        };
        if (body is not null)
        {
            lines.Add(Line.Of(new Strong("Body: "), new Text(body)));
        }

        lines.Add(Line.Of(new Text("Retry: "), new Code(retry)));
        return new Reply(ReplyStatus.Failed, null, [new Section(null, [], lines)]);
    }
}
