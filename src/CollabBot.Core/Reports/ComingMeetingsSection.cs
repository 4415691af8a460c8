using CollabBot.Core.Meetings;
using Microsoft.EntityFrameworkCore;

namespace CollabBot.Core.Reports;

/// <summary>The meetings of the next four weeks (from now), so a digest says what comes as well as what was.</summary>
public sealed class ComingMeetingsSection : IReportSection
{
    public static readonly TimeSpan Ahead = TimeSpan.FromDays(28);

    public const int Shown = 10;

    public int Order => 15;

    public async Task<ReportSection?> BuildAsync(ReportScope scope, CancellationToken cancellationToken)
    {
        var active = scope.Groups.Where(g => !g.IsArchived).Select(g => g.Id).ToList();
        var series = await scope.Db.MeetingSeries.AsNoTracking().Include(s => s.Changes)
            .Where(s => active.Contains(s.GroupId))
            .ToListAsync(cancellationToken);
        foreach (var s in series)
        {
            s.Group = scope.Groups.First(g => g.Id == s.GroupId);
        }

        var coming = series
            .SelectMany(s => Occurrences.Between(s, scope.Now, scope.Now + Ahead))
            .Where(o => !o.Cancelled && o.Start >= scope.Now)
            .OrderBy(o => o.Start).ThenBy(o => o.Series.Id)
            .ToList();
        var shown = coming.Take(Shown).ToList();
        var keys = shown.Select(o => o.Key).ToHashSet(StringComparer.Ordinal);
        var ids = shown.Select(o => o.Series.Id).Distinct().ToList();
        var talks = (await scope.Db.Talks.AsNoTracking().Where(t => ids.Contains(t.SeriesId) && t.RemovedAt == null)
                .Select(t => new { t.SeriesId, t.OccurrenceDate }).ToListAsync(cancellationToken))
            .Select(t => $"{t.SeriesId}:{t.OccurrenceDate}")
            .Where(keys.Contains)
            .CountBy(k => k)
            .ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        var link = scope.Bot.Link(scope.Deployment ? "/meetings" : $"/wg/{scope.Groups[0].Slug}#meetings");
        return new ReportSection("coming", "Coming meetings", [new ReportCount("Meetings in the next four weeks", coming.Count, link, Activity: false)],
            [
                new ReportTable("coming", "Coming meetings", ReportCells.Columns(scope, "Starts", "Meeting", "Kind", "Talks planned"),
                    ReportCells.Rows(shown, o => ReportCells.Cells(scope, o.Series.GroupId,
                        ReportCells.DateTime(o.Start, o.Series.TimeZone), o.Series.Title, o.Series.Kind, ReportCells.Number(talks.GetValueOrDefault(o.Key))))),
            ]);
    }
}
