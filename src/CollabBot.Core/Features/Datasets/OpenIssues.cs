using System.Globalization;
using CollabBot.Core.Domain;
using CollabBot.Core.Ports;

namespace CollabBot.Core.Features.Datasets;

internal static class OpenIssues
{
    public const int Page = 100;

    /// <summary>"3", or "100+" when there is more than a page; null when GitHub could not say.</summary>
    public static async Task<string?> CountAsync(IGitHubIssues github, Dataset dataset, CancellationToken cancellationToken)
    {
        var result = await DatasetRefs.CallAsync(ct => github.ListIssuesAsync(DatasetRefs.Repo(dataset)!, IssueStateFilter.Open, dataset.IssueLabel, Page, ct), cancellationToken);
        return result.Value is { } issues
            ? issues.Count >= Page ? $"{Page}+" : issues.Count.ToString(CultureInfo.InvariantCulture)
            : null;
    }
}
