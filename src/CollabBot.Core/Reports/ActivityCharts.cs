using CollabBot.Core.Data;
using CollabBot.Core.Domain;
using CollabBot.Core.Meetings;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace CollabBot.Core.Reports;

/// <summary>One number per month of the period, for the report's charts.</summary>
public sealed record MonthlySeries(string Name, IReadOnlyList<int> Values);

/// <summary>
/// What the report page draws: per month of the period (<see cref="Months"/> as <c>yyyy-MM</c>, in the group's zone)
/// the meetings held and talks given, the contributions confirmed, and the members at the month's end.
/// </summary>
public sealed record ActivityCharts(IReadOnlyList<string> Months, MonthlySeries Meetings, MonthlySeries Talks, MonthlySeries Contributions, MonthlySeries Members)
{
    public static readonly IReadOnlyList<string> Names = ["meetings", "contributions", "members"];

    /// <summary>The chart's series and its title, or null for an unknown name.</summary>
    public (string Title, string Unit, IReadOnlyList<MonthlySeries> Series)? Chart(string name) => name switch
    {
        "meetings" => ("Meetings and talks per month", "count", [Meetings, Talks]),
        "contributions" => ("Contributions confirmed per month", "contributions", [Contributions]),
        "members" => ("Members at the end of each month", "members", [Members]),
        _ => null,
    };

    /// <summary>The numbers in words, for the chart's text alternative.</summary>
    public string Describe(string name)
    {
        var chart = Chart(name)!.Value;
        var months = Months.Select((m, i) => $"{m}: " + string.Join(", ", chart.Series.Select(s => $"{s.Values[i]} {s.Name.ToLowerInvariant()}")));
        return $"{chart.Title}. " + string.Join("; ", months) + ".";
    }

    public static async Task<ActivityCharts> LoadAsync(ReportScope scope, string zoneId, CancellationToken cancellationToken)
    {
        var zone = MeetingTime.Zone(zoneId) ?? DateTimeZone.Utc;
        var starts = new List<DateOnly>();
        for (var m = new DateOnly(scope.Since.Year, scope.Since.Month, 1); m <= scope.Until; m = m.AddMonths(1))
        {
            starts.Add(m);
        }

        // Month i covers [bounds[i], bounds[i + 1]), clipped to the period.
        var bounds = starts.Select((m, i) => i == 0 ? scope.From : ActivityReports.Start(zone, m)).Append(scope.To).ToList();
        int MonthOf(DateTimeOffset at)
        {
            for (var i = 0; i < starts.Count; i++)
            {
                if (at >= bounds[i] && at < bounds[i + 1])
                {
                    return i;
                }
            }

            return -1;
        }

        int[] Bucket(IEnumerable<DateTimeOffset> instants)
        {
            var counts = new int[starts.Count];
            foreach (var i in instants.Select(MonthOf).Where(i => i >= 0))
            {
                counts[i]++;
            }

            return counts;
        }

        var held = await HeldMeetings.LoadAsync(scope, cancellationToken);
        var decided = await scope.Db.Contributions.AsNoTracking()
            .Where(c => c.Status == ContributionStatus.Confirmed && c.DecidedAt >= scope.From && c.DecidedAt < scope.To && scope.GroupIds.Contains(c.Project.GroupId))
            .Select(c => c.DecidedAt!.Value)
            .ToListAsync(cancellationToken);
        var memberships = await scope.Db.Memberships.AsNoTracking()
            .Where(m => scope.GroupIds.Contains(m.GroupId) && m.JoinedAt < scope.To)
            .Select(m => new { m.PersonId, m.JoinedAt, m.EndedAt })
            .ToListAsync(cancellationToken);
        var members = bounds.Skip(1)
            .Select(end => memberships.Where(m => m.JoinedAt < end && (m.EndedAt is null || m.EndedAt >= end)).Select(m => m.PersonId).Distinct().Count())
            .ToList();
        return new ActivityCharts(
            [.. starts.Select(m => m.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture))],
            new MonthlySeries("Meetings", Bucket(held.Select(m => m.Occurrence.Start))),
            new MonthlySeries("Talks", Bucket(held.SelectMany(m => m.Talks.Select(_ => m.Occurrence.Start)))),
            new MonthlySeries("Contributions", Bucket(decided)),
            new MonthlySeries("Members", members));
    }
}
