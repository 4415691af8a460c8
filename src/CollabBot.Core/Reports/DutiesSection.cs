namespace CollabBot.Core.Reports;

/// <summary>
/// Duties served at the meetings held in the period (chair, minutes…): how many turns of each duty, and — where the
/// dashboard shows members — who served, leaving out people who keep their counts private. Left out when the groups'
/// meetings have no duties served in the period.
/// </summary>
public sealed class DutiesSection : IReportSection
{
    public int Order => 12;

    public async Task<ReportSection?> BuildAsync(ReportScope scope, CancellationToken cancellationToken)
    {
        var served = await ServedTurns.LoadAsync(scope, await scope.HeldAsync(cancellationToken), cancellationToken);
        if (served.Count == 0)
        {
            return null;
        }

        var link = scope.Bot.Link(scope.Deployment ? "/meetings" : $"/wg/{scope.Groups[0].Slug}#meetings");
        var byDuty = served.GroupBy(t => (t.GroupId, t.Meeting, t.Duty))
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key.Meeting, StringComparer.Ordinal).ThenBy(g => g.Key.Duty, StringComparer.Ordinal)
            .ToList();
        var tables = new List<ReportTable>
        {
            new("duties", "Duties served by meeting", ReportCells.Columns(scope, "Meeting", "Duty", "Turns", "People"),
                ReportCells.Rows(byDuty, g => ReportCells.Cells(scope, g.Key.GroupId, g.Key.Meeting, g.Key.Duty, ReportCells.Number(g.Count()),
                    ReportCells.Number(g.Select(t => t.PersonId).Distinct().Count())))),
        };
        if (scope.ShowNames)
        {
            var duties = served.Select(t => t.Duty).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            var people = served.Where(t => scope.Counts(t.PersonId)).GroupBy(t => (t.PersonId, t.Person))
                .OrderByDescending(g => g.Count()).ThenBy(g => g.Key.Person, StringComparer.Ordinal)
                .ToList();
            tables.Add(new ReportTable("served", "Duties served by person", ["Person", "Turns", .. duties],
                ReportCells.Rows(people, g => [g.Key.Person, ReportCells.Number(g.Count()), .. duties.Select(d => ReportCells.Number(g.Count(t => t.Duty == d)))])));
        }

        return new ReportSection("duties", "Duties served", [
                new ReportCount("Duties served", served.Count, link),
                new ReportCount("People who served", served.Select(t => t.PersonId).Distinct().Count(), link, Activity: false),
            ],
            tables,
            Headline(byDuty.Select(g => (g.Key.Duty, g.Count()))));
    }

    private static string Headline(IEnumerable<(string Duty, int Turns)> duties) =>
        string.Join(", ", duties.GroupBy(d => d.Duty, StringComparer.Ordinal).Select(g => $"{g.Key} {ReportCells.Number(g.Sum(d => d.Turns))}"));
}
