using CollabBot.Core.Domain;
using CollabBot.Core.Resources;
using Microsoft.EntityFrameworkCore;

namespace CollabBot.Core.Reports;

/// <summary>Resources added to the library in the period, and links the checker found broken in it.</summary>
public sealed class ResourcesSection : IReportSection
{
    public int Order => 50;

    public async Task<ReportSection?> BuildAsync(ReportScope scope, CancellationToken cancellationToken)
    {
        // A group's library is its resources; the deployment's is every resource, with a group or without.
        var library = scope.Deployment
            ? scope.Db.Resources.AsNoTracking().Where(r => r.RetiredAt == null)
            : scope.Db.Resources.AsNoTracking().Where(r => r.RetiredAt == null && r.Groups.Any(g => scope.GroupIds.Contains(g.GroupId)));
        var added = scope.Deployment
            ? await library.Where(r => r.AddedAt >= scope.From && r.AddedAt < scope.To)
                .Select(r => new { r.Id, r.Title, r.Kind, r.Url, At = r.AddedAt }).ToListAsync(cancellationToken)
            : await scope.Db.ResourceGroups.AsNoTracking()
                .Where(g => scope.GroupIds.Contains(g.GroupId) && g.AddedAt >= scope.From && g.AddedAt < scope.To && g.Resource.RetiredAt == null)
                .Select(g => new { Id = g.ResourceId, g.Resource.Title, g.Resource.Kind, g.Resource.Url, At = g.AddedAt }).ToListAsync(cancellationToken);
        var broken = await library.Where(r => r.Link != null && r.Link.BrokenSince != null && r.Link.BrokenSince < scope.To)
            .Select(r => new { r.Id, r.Title, r.Url, Since = r.Link!.BrokenSince!.Value, r.Link.LastStatus, r.Link.LastError })
            .ToListAsync(cancellationToken);
        var newlyBroken = broken.Where(b => b.Since >= scope.From).ToList();
        if (added.Count == 0 && broken.Count == 0 && !await library.AnyAsync(cancellationToken))
        {
            return null;
        }

        var zone = scope.Deployment ? "UTC" : scope.Groups[0].TimeZone;
        var distinct = added.DistinctBy(a => a.Id).OrderBy(a => a.At).ThenBy(a => a.Id).ToList();
        return new ReportSection("resources", "Resources", [
                new ReportCount("Resources added", distinct.Count),
                new ReportCount("Links found broken", newlyBroken.Count),
                new ReportCount("Links broken at the end of the period", broken.Count, Activity: false),
            ],
            [
                new ReportTable("added", "Resources added", ["Resource", "Title", "Kind", "Added", "Address"],
                    ReportCells.Rows(distinct, a => [ResourceKeys.Ref(a.Id), a.Title, ResourceTerms.Name(a.Kind), ReportCells.Date(a.At, zone), a.Url])),
                new ReportTable("broken", "Broken links", ["Resource", "Title", "Broken since", "Last answer", "Address"],
                    ReportCells.Rows(broken.OrderBy(b => b.Since).ThenBy(b => b.Id), b => [ResourceKeys.Ref(b.Id), b.Title, ReportCells.Date(b.Since, zone),
                        b.LastStatus is { } status ? ReportCells.Number(status) : b.LastError ?? "no answer", b.Url])),
            ]);
    }
}
