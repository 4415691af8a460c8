namespace CollabBot.Core.Reports;

/// <summary>Meetings held in the period, with their talks.</summary>
public sealed class MeetingsSection : IReportSection
{
    public int Order => 10;

    public async Task<ReportSection?> BuildAsync(ReportScope scope, CancellationToken cancellationToken)
    {
        var held = await HeldMeetings.LoadAsync(scope, cancellationToken);
        var talks = held.SelectMany(m => m.Talks.Select(t => (Meeting: m, Talk: t))).ToList();
        var link = scope.Bot.Link(scope.Deployment ? "/meetings" : $"/wg/{scope.Groups[0].Slug}#meetings");
        return new ReportSection("meetings", "Meetings held", [
                new ReportCount("Meetings held", held.Count, link),
                new ReportCount("Talks given", talks.Count, link),
            ],
            [
                new ReportTable("held", "Meetings held", ReportCells.Columns(scope, "Date", "Meeting", "Kind", "Talks"),
                    ReportCells.Rows(held, m => ReportCells.Cells(scope, m.Occurrence.Series.GroupId,
                        ReportCells.Date(m.Occurrence.Start, m.Occurrence.Series.TimeZone), m.Occurrence.Series.Title, m.Occurrence.Series.Kind, ReportCells.Number(m.Talks.Count)))),
                new ReportTable("talks", "Talks given", ReportCells.Columns(scope, "Date", "Meeting", "Talk", "Speaker", "Minutes"),
                    ReportCells.Rows(talks, x => ReportCells.Cells(scope, x.Meeting.Occurrence.Series.GroupId,
                        ReportCells.Date(x.Meeting.Occurrence.Start, x.Meeting.Occurrence.Series.TimeZone), x.Meeting.Occurrence.Series.Title, x.Talk.Title,
                        x.Talk.Speaker ?? "to be announced", ReportCells.Number(x.Talk.Minutes)))),
            ]);
    }
}
