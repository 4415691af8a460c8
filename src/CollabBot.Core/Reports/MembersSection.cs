using Microsoft.EntityFrameworkCore;

namespace CollabBot.Core.Reports;

/// <summary>Who joined in the period, and how many members there were at its end. Names only where the dashboard shows members.</summary>
public sealed class MembersSection : IReportSection
{
    public int Order => 20;

    public async Task<ReportSection?> BuildAsync(ReportScope scope, CancellationToken cancellationToken)
    {
        var memberships = await scope.Db.Memberships.AsNoTracking()
            .Where(m => scope.GroupIds.Contains(m.GroupId) && m.JoinedAt < scope.To)
            .Select(m => new { m.GroupId, m.PersonId, m.Person.DisplayName, m.JoinedAt, m.EndedAt })
            .ToListAsync(cancellationToken);
        var joined = memberships.Where(m => m.JoinedAt >= scope.From).OrderBy(m => m.JoinedAt).ThenBy(m => m.DisplayName, StringComparer.Ordinal).ToList();
        var atEnd = memberships.Where(m => m.EndedAt is null || m.EndedAt >= scope.To).Select(m => m.PersonId).Distinct().Count();
        var link = scope.Deployment ? scope.Bot.Link("/") : scope.Bot.Link($"/wg/{scope.Groups[0].Slug}#members");
        var tables = new List<ReportTable>();
        if (scope.ShowNames)
        {
            tables.Add(new ReportTable("joined", "New members", ReportCells.Columns(scope, "Joined", "Name"),
                ReportCells.Rows(joined, m => ReportCells.Cells(scope, m.GroupId, ReportCells.Date(m.JoinedAt, scope.Groups.First(g => g.Id == m.GroupId).TimeZone), m.DisplayName))));
        }

        return new ReportSection("members", "Members", [
                new ReportCount("New members", joined.Count, link),
                new ReportCount("Members at the end of the period", atEnd, link, Activity: false),
            ],
            tables);
    }
}
