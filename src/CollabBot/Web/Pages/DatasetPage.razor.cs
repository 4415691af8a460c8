using CollabBot.Core.Data;
using CollabBot.Core.Datasets;
using CollabBot.Core.Domain;
using CollabBot.Core.Features.Datasets;
using CollabBot.Core.Ports;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;

namespace CollabBot.Web.Pages;

public sealed partial class DatasetPage
{
    /// <summary>A page waits at most this long for GitHub, then says it could not ask.</summary>
    public static readonly TimeSpan GitHubBudget = TimeSpan.FromSeconds(5);

    /// <summary>
    /// What the dataset page shows. Issues: <see cref="Repo"/> null when the dataset has none; otherwise either the
    /// open issues or, in <see cref="IssuesProblem"/>, why they cannot be shown.
    /// </summary>
    public sealed record View(
        Dataset Dataset,
        IReadOnlyList<DatasetVersion> Versions,
        DatasetVersion? Latest,
        string AuthorsSource,
        string Text,
        string BibTeX,
        string Cff,
        RepoRef? Repo,
        IReadOnlyList<IssueInfo>? Issues,
        string? IssuesProblem);

    [Parameter, EditorRequired]
    public View Model { get; set; } = null!;

    private Dataset D => Model.Dataset;

    public static async Task<IResult> HandleAsync(string slug, CollabBotDbContext db, IGitHubIssues github, CancellationToken cancellationToken)
    {
        var d = await db.Datasets.AsNoTracking().Include(x => x.Group).Include(x => x.Versions)
            .FirstOrDefaultAsync(x => x.Slug == slug.ToLowerInvariant(), cancellationToken);
        if (d is null)
        {
            return await NotFoundPage.ForAsync(NotFoundPage.Datasets, slug, db.Datasets.Select(x => x.Slug), cancellationToken);
        }

        var versions = DatasetRefs.Newest(d.Versions);
        var latest = versions.FirstOrDefault();
        var authors = await CitationAuthors.ForAsync(db, d, cancellationToken);
        var input = DatasetCite.Input(d, latest, authors.Authors);
        var repo = DatasetRefs.Repo(d);
        var (issues, problem) = repo is null ? (null, null) : await OpenIssuesAsync(d, repo, github, cancellationToken);
        var view = new View(d, versions, latest, authors.Source, Citations.Text(input), Citations.BibTeX(input), Citations.Cff(input), repo, issues, problem);
        return Dashboard.Page<DatasetPage>(new { Model = view });
    }

    /// <summary>The open issues with the dataset's label, or a sentence for a reader of the page saying why they are not shown.</summary>
    private static async Task<(IReadOnlyList<IssueInfo>? Issues, string? Problem)> OpenIssuesAsync(Dataset d, RepoRef repo, IGitHubIssues github, CancellationToken cancellationToken)
    {
        if (!github.IsConfigured)
        {
            return (null, "GitHub is not connected to this site, so open issues cannot be shown here.");
        }

        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(GitHubBudget);
        GitHubResult<IReadOnlyList<IssueInfo>> result;
        try
        {
            result = await github.ListIssuesAsync(repo, IssueStateFilter.Open, d.IssueLabel, 30, budget.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            result = new GitHubFailure(GitHubFailureKind.Unreachable, "no answer within 5 seconds");
        }

        return result.Failure switch
        {
            null => (result.Value!, null),

            // The chat sentences for these ask an admin to fix a setting; a page is read by members, who cannot.
            { Kind: GitHubFailureKind.NotConfigured or GitHubFailureKind.Unauthorized or GitHubFailureKind.Forbidden } =>
                (null, $"Open issues could not be fetched: GitHub does not let this site read the issues of {repo} at the moment."),
            { } failure => (null, $"Open issues could not be fetched: {GitHubSentences.For(failure, repo)}"),
        };
    }
}
