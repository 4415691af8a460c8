using System.Globalization;
using Microsoft.EntityFrameworkCore;

namespace CollabBot.Core.Reports;

/// <summary>
/// Dataset versions released in the period, and the GitHub issues opened and closed on tracked datasets. Issue
/// events are known from what the bot posted about them (their outbox rows, keyed
/// <c>github:&lt;dataset&gt;:&lt;issue&gt;:&lt;action&gt;:…</c>), so they are counted only for datasets that a channel tracked.
/// </summary>
public sealed class DatasetsSection : IReportSection
{
    public int Order => 40;

    public async Task<ReportSection?> BuildAsync(ReportScope scope, CancellationToken cancellationToken)
    {
        var datasets = await scope.Db.Datasets.AsNoTracking()
            .Where(d => scope.GroupIds.Contains(d.GroupId))
            .Select(d => new { d.Id, d.GroupId, d.Slug, d.Title, HasRepo = d.RepoOwner != null && d.RepoName != null })
            .ToListAsync(cancellationToken);
        if (datasets.Count == 0)
        {
            return null;
        }

        var ids = datasets.Select(d => d.Id).ToList();
        var since = scope.Since.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var until = scope.Until.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var versions = await scope.Db.DatasetVersions.AsNoTracking()
            .Where(v => ids.Contains(v.DatasetId) && string.Compare(v.ReleasedOn, since) >= 0 && string.Compare(v.ReleasedOn, until) <= 0)
            .OrderBy(v => v.ReleasedOn).ThenBy(v => v.Id)
            .Select(v => new { v.DatasetId, v.Name, v.ReleasedOn, v.Doi })
            .ToListAsync(cancellationToken);
        var bySlug = datasets.ToDictionary(d => d.Id);
        var counts = new List<ReportCount>
        {
            new("Dataset versions released", versions.Count, scope.Bot.Link("/datasets")),
        };
        var tables = new List<ReportTable>
        {
            new("versions", "Dataset versions released", ReportCells.Columns(scope, "Dataset", "Version", "Released", "DOI"),
                ReportCells.Rows(versions, v => ReportCells.Cells(scope, bySlug[v.DatasetId].GroupId, bySlug[v.DatasetId].Slug, v.Name, v.ReleasedOn, v.Doi ?? ""))),
        };

        if (datasets.Any(d => d.HasRepo))
        {
            var issues = await IssueEventsAsync(scope, ids, cancellationToken);
            var opened = issues.Where(e => e.Action == "opened").ToList();
            var closed = issues.Where(e => e.Action == "closed").ToList();
            counts.Add(new ReportCount("Issues opened", opened.Count, scope.Bot.Link("/datasets")));
            counts.Add(new ReportCount("Issues closed", closed.Count, scope.Bot.Link("/datasets")));
            var rows = datasets.Where(d => d.HasRepo)
                .Select(d => (d, Opened: opened.Count(e => e.DatasetId == d.Id), Closed: closed.Count(e => e.DatasetId == d.Id)))
                .Where(x => x.Opened + x.Closed > 0)
                .OrderBy(x => x.d.Slug, StringComparer.Ordinal);
            tables.Add(new ReportTable("issues", "GitHub issues on tracked datasets", ReportCells.Columns(scope, "Dataset", "Opened", "Closed"),
                ReportCells.Rows(rows, x => ReportCells.Cells(scope, x.d.GroupId, x.d.Slug, ReportCells.Number(x.Opened), ReportCells.Number(x.Closed)))));
        }

        return new ReportSection("datasets", "Datasets", counts, tables);
    }

    private sealed record IssueEvent(int DatasetId, int Number, string Action);

    /// <summary>Distinct (dataset, issue, action) among the issue events posted in the period.</summary>
    private static async Task<IReadOnlyList<IssueEvent>> IssueEventsAsync(ReportScope scope, IReadOnlyList<int> datasetIds, CancellationToken cancellationToken)
    {
        var keys = await scope.Db.OutboundMessages.AsNoTracking()
            .Where(m => m.DedupeKey != null && m.DedupeKey.StartsWith("github:") && m.CreatedAt >= scope.From && m.CreatedAt < scope.To)
            .Select(m => m.DedupeKey!)
            .ToListAsync(cancellationToken);
        var events = new HashSet<IssueEvent>();
        foreach (var key in keys)
        {
            var parts = key.Split(':');
            if (parts.Length >= 4
                && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var dataset) && datasetIds.Contains(dataset)
                && int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            {
                events.Add(new IssueEvent(dataset, number, parts[3]));
            }
        }

        return [.. events];
    }
}
