using CollabBot.Core.Domain;
using CollabBot.Core.Meetings;
using Microsoft.EntityFrameworkCore;

namespace CollabBot.Core.Reports;

/// <summary>Meetings held in the period, with their talks, how many said they would come, and their minutes.</summary>
public sealed class MeetingsSection : IReportSection
{
    /// <summary>Minutes given as text show their first line, cut here: a report cell is a headline, not the minutes.</summary>
    public const int MinutesHeadline = 80;

    public int Order => 10;

    public async Task<ReportSection?> BuildAsync(ReportScope scope, CancellationToken cancellationToken)
    {
        var held = await scope.HeldAsync(cancellationToken);
        var talks = held.SelectMany(m => m.Talks.Select(t => (Meeting: m, Talk: t))).ToList();
        var life = await LifeAsync(scope.Db, held, cancellationToken);
        var link = scope.Bot.Link(scope.Deployment ? "/meetings" : $"/wg/{scope.Groups[0].Slug}#meetings");
        return new ReportSection("meetings", "Meetings held", [
                new ReportCount("Meetings held", held.Count, link),
                new ReportCount("Talks given", talks.Count, link),
                new ReportCount("Meetings with minutes", held.Count(m => life.Minutes.ContainsKey(m.Occurrence.Key)), link),
            ],
            [
                new ReportTable("held", "Meetings held", ReportCells.Columns(scope, "Date", "Meeting", "Kind", "Talks", "Going", "Maybe", "Can't", "Minutes"),
                    ReportCells.Rows(held, m =>
                    {
                        var rsvp = life.Rsvps.GetValueOrDefault(m.Occurrence.Key);
                        return ReportCells.Cells(scope, m.Occurrence.Series.GroupId,
                            ReportCells.Date(m.Occurrence.Start, m.Occurrence.Series.TimeZone), m.Occurrence.Series.Title, m.Occurrence.Series.Kind, ReportCells.Number(m.Talks.Count),
                            ReportCells.Number(rsvp.Yes), ReportCells.Number(rsvp.Maybe), ReportCells.Number(rsvp.No), life.Minutes.GetValueOrDefault(m.Occurrence.Key, ""));
                    })),
                new ReportTable("talks", "Talks given", ReportCells.Columns(scope, "Date", "Meeting", "Talk", "Speaker", "Minutes"),
                    ReportCells.Rows(talks, x => ReportCells.Cells(scope, x.Meeting.Occurrence.Series.GroupId,
                        ReportCells.Date(x.Meeting.Occurrence.Start, x.Meeting.Occurrence.Series.TimeZone), x.Meeting.Occurrence.Series.Title, x.Talk.Title,
                        x.Talk.Speaker ?? "to be announced", ReportCells.Number(x.Talk.Minutes)))),
            ]);
    }

    private sealed record Life(IReadOnlyDictionary<string, (int Yes, int Maybe, int No)> Rsvps, IReadOnlyDictionary<string, string> Minutes);

    /// <summary>RSVP counts and the latest minutes (their address, or their text's first line) of each meeting held, by occurrence key.</summary>
    private static async Task<Life> LifeAsync(Data.CollabBotDbContext db, IReadOnlyList<HeldMeeting> held, CancellationToken cancellationToken)
    {
        if (held.Count == 0)
        {
            return new Life(new Dictionary<string, (int, int, int)>(), new Dictionary<string, string>());
        }

        var keys = held.Select(m => m.Occurrence.Key).ToHashSet(StringComparer.Ordinal);
        var ids = held.Select(m => m.Occurrence.Series.Id).Distinct().ToList();
        var first = MeetingTime.FormatDate(held.Min(m => m.Occurrence.OriginalDate));
        var last = MeetingTime.FormatDate(held.Max(m => m.Occurrence.OriginalDate));
        var answers = await db.Rsvps.AsNoTracking()
            .Where(r => ids.Contains(r.SeriesId) && string.Compare(r.OccurrenceDate, first) >= 0 && string.Compare(r.OccurrenceDate, last) <= 0)
            .Select(r => new { r.SeriesId, r.OccurrenceDate, r.Answer })
            .ToListAsync(cancellationToken);
        var rsvps = answers.Select(a => (Key: $"{a.SeriesId}:{a.OccurrenceDate}", a.Answer)).Where(a => keys.Contains(a.Key))
            .GroupBy(a => a.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (g.Count(a => a.Answer == RsvpAnswer.Yes), g.Count(a => a.Answer == RsvpAnswer.Maybe), g.Count(a => a.Answer == RsvpAnswer.No)), StringComparer.Ordinal);
        var minutes = await db.MeetingMinutes.AsNoTracking()
            .Where(m => ids.Contains(m.SeriesId) && string.Compare(m.OccurrenceDate, first) >= 0 && string.Compare(m.OccurrenceDate, last) <= 0)
            .OrderBy(m => m.AddedAt).ThenBy(m => m.Id)
            .Select(m => new { m.SeriesId, m.OccurrenceDate, m.Url, m.Text })
            .ToListAsync(cancellationToken);
        var latest = minutes.GroupBy(m => $"{m.SeriesId}:{m.OccurrenceDate}", StringComparer.Ordinal).Where(g => keys.Contains(g.Key))
            .ToDictionary(g => g.Key, g => g.Last() is var m && m.Url is not null ? m.Url : Headline(m.Text ?? ""), StringComparer.Ordinal);
        return new Life(rsvps, latest);
    }

    /// <summary>The first non-empty line of minutes written as text, cut to <see cref="MinutesHeadline"/> characters.</summary>
    public static string Headline(string text)
    {
        var line = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "";
        if (line.Length <= MinutesHeadline)
        {
            return line;
        }

        var cut = char.IsHighSurrogate(line[MinutesHeadline - 2]) ? MinutesHeadline - 2 : MinutesHeadline - 1;
        return string.Concat(line.AsSpan(0, cut).TrimEnd(), "…");
    }
}
