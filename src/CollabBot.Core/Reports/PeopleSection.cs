using CollabBot.Core.Authors;
using CollabBot.Core.Domain;
using Microsoft.EntityFrameworkCore;

namespace CollabBot.Core.Reports;

/// <summary>
/// Per-person counts for the period — talks given, duties served at meetings held, challenge submissions, and
/// confirmed contributions by CRediT role — for the annual
/// review. Left out where the dashboard hides members (<c>Dashboard:ShowMembers=false</c>); a person who chose
/// <c>--private-activity yes</c> is not listed (their talks and contributions still count in the totals).
/// </summary>
public sealed class PeopleSection : IReportSection
{
    public int Order => 90;

    public async Task<ReportSection?> BuildAsync(ReportScope scope, CancellationToken cancellationToken)
    {
        if (!scope.ShowNames)
        {
            return null;
        }

        var held = await scope.HeldAsync(cancellationToken);
        var talks = held.SelectMany(m => m.Talks).Where(t => t.SpeakerPersonId is not null && scope.Counts(t.SpeakerPersonId))
            .CountBy(t => t.SpeakerPersonId!.Value).ToDictionary(p => p.Key, p => p.Value);
        var contributions = await scope.Db.Contributions.AsNoTracking()
            .Where(c => c.Status == ContributionStatus.Confirmed && c.DecidedAt >= scope.From && c.DecidedAt < scope.To && scope.GroupIds.Contains(c.Project.GroupId))
            .Select(c => new { c.PersonId, c.Role })
            .ToListAsync(cancellationToken);
        contributions = [.. contributions.Where(c => scope.Counts(c.PersonId))];
        var service = (await ServedTurns.LoadAsync(scope, held, cancellationToken)).Where(t => scope.Counts(t.PersonId))
            .CountBy(t => t.PersonId).ToDictionary(p => p.Key, p => p.Value);
        var submissions = (await Submissions.LoadAsync(scope, cancellationToken)).Where(s => scope.Counts(s.PersonId))
            .CountBy(s => s.PersonId).ToDictionary(p => p.Key, p => p.Value);
        var ids = talks.Keys.Concat(contributions.Select(c => c.PersonId)).Concat(service.Keys).Concat(submissions.Keys).Distinct().ToList();
        var names = await scope.Db.People.AsNoTracking().Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.DisplayName, cancellationToken);
        var roles = contributions.Select(c => c.Role).Distinct().Order().ToList();
        var byPerson = contributions.ToLookup(c => c.PersonId);
        var rows = ids
            .Select(id => (Id: id, Name: names.GetValueOrDefault(id, "?"), Talks: talks.GetValueOrDefault(id), Service: service.GetValueOrDefault(id),
                Submissions: submissions.GetValueOrDefault(id), Roles: byPerson[id].CountBy(c => c.Role).ToDictionary(p => p.Key, p => p.Value)))
            .OrderByDescending(r => r.Talks + r.Service + r.Submissions + r.Roles.Values.Sum()).ThenBy(r => r.Name, StringComparer.Ordinal)
            .ToList();
        return new ReportSection("people", "Per person", [new ReportCount("People with talks, service, submissions or contributions", rows.Count, Activity: false)],
            [
                new ReportTable("people", "Talks, service, submissions and confirmed contributions by CRediT role",
                    ["Person", "Talks", "Service", "Submissions", "Contributions", .. roles.Select(CreditTaxonomy.Name)],
                    ReportCells.Rows(rows, r => [r.Name, ReportCells.Number(r.Talks), ReportCells.Number(r.Service), ReportCells.Number(r.Submissions),
                        ReportCells.Number(r.Roles.Values.Sum()), .. roles.Select(role => ReportCells.Number(r.Roles.GetValueOrDefault(role)))])),
            ]);
    }
}
