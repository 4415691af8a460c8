using CollabBot.Core.Domain;
using Microsoft.EntityFrameworkCore;

namespace CollabBot.Core.Reports;

/// <summary>Contributions confirmed in the period, by project.</summary>
public sealed class ContributionsSection : IReportSection
{
    public int Order => 30;

    public async Task<ReportSection?> BuildAsync(ReportScope scope, CancellationToken cancellationToken)
    {
        var confirmed = await scope.Db.Contributions.AsNoTracking()
            .Where(c => c.Status == ContributionStatus.Confirmed && c.DecidedAt >= scope.From && c.DecidedAt < scope.To && scope.GroupIds.Contains(c.Project.GroupId))
            .Select(c => new { c.Project.GroupId, c.Project.Slug, c.Project.Title, c.PersonId })
            .ToListAsync(cancellationToken);
        var projects = confirmed.GroupBy(c => (c.GroupId, c.Slug, c.Title))
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key.Slug, StringComparer.Ordinal)
            .ToList();
        var link = scope.Deployment ? scope.Bot.Link("/") : scope.Bot.Link($"/wg/{scope.Groups[0].Slug}#projects");
        return new ReportSection("contributions", "Contributions", [
                new ReportCount("Contributions confirmed", confirmed.Count, link),
                new ReportCount("Projects with new contributions", projects.Count, link),
            ],
            [
                new ReportTable("projects", "Confirmed contributions by project", ReportCells.Columns(scope, "Project", "Title", "Contributions", "People", "Page"),
                    ReportCells.Rows(projects, p => ReportCells.Cells(scope, p.Key.GroupId, p.Key.Slug, p.Key.Title, ReportCells.Number(p.Count()),
                        ReportCells.Number(p.Select(c => c.PersonId).Distinct().Count()), scope.Bot.Link($"/projects/{p.Key.Slug}")))),
            ]);
    }
}
