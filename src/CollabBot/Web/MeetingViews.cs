using System.Globalization;
using System.Text;
using CollabBot.Core;
using CollabBot.Core.Data;
using CollabBot.Core.Domain;
using CollabBot.Core.Features.Meeting;
using CollabBot.Core.Meetings;
using CollabBot.Core.Values;
using Microsoft.EntityFrameworkCore;
using static CollabBot.Web.Html;

namespace CollabBot.Web;

/// <summary>A talk on an occurrence's agenda, as a page shows it.</summary>
public sealed record AgendaItem(string Title, string? Speaker, int Minutes, string? Link);

/// <summary>An occurrence with its agenda.</summary>
public sealed record UpcomingMeeting(Occurrence Occurrence, IReadOnlyList<AgendaItem> Agenda)
{
    public MeetingSeries Series => Occurrence.Series;
}

/// <summary>
/// Meetings as the dashboard pages show them (<see cref="MeetingsPage"/>, <see cref="GroupPage"/>, <see cref="HomePage"/>):
/// loading occurrences with their agendas, and a time in the group's zone with UTC (and the reader's zone) beside it.
/// </summary>
public static class MeetingViews
{
    private const string DayTime = "ddd yyyy-MM-dd HH:mm";

    /// <summary>Series of groups that are not archived (archived groups hold no meetings), with group and changes.</summary>
    public static IQueryable<MeetingSeries> ActiveSeries(CollabBotDbContext db) =>
        db.MeetingSeries.AsNoTracking().Include(s => s.Group).Include(s => s.Changes).Where(s => !s.Group.IsArchived);

    /// <summary>Pairs each occurrence with its agenda (talks keyed by the occurrence's original date), in one query.</summary>
    public static async Task<IReadOnlyList<UpcomingMeeting>> WithAgendasAsync(CollabBotDbContext db, IReadOnlyList<Occurrence> occurrences, CancellationToken cancellationToken)
    {
        var ids = occurrences.Select(o => o.Series.Id).Distinct().ToList();
        var talks = ids.Count == 0 ? [] : await db.Talks.AsNoTracking()
            .Where(t => ids.Contains(t.SeriesId) && t.RemovedAt == null)
            .OrderBy(t => t.AddedAt).ThenBy(t => t.Id)
            .Select(t => new { t.SeriesId, t.OccurrenceDate, Item = new AgendaItem(t.Title, t.SpeakerPerson != null ? t.SpeakerPerson.DisplayName : t.SpeakerName, t.Minutes, t.Link) })
            .ToListAsync(cancellationToken);
        var byOccurrence = talks.ToLookup(t => (t.SeriesId, t.OccurrenceDate), t => t.Item);
        return [.. occurrences.Select(o => new UpcomingMeeting(o, [.. byOccurrence[(o.Series.Id, MeetingTime.FormatDate(o.OriginalDate))]]))];
    }

    /// <summary>
    /// "Tue 2026-12-08 15:00 Europe/Zurich · 14:00 UTC", the first part a <c>&lt;time&gt;</c> with the UTC instant;
    /// a time on another day than in the group's zone gets its own date. The reader's zone, when chosen, is added.
    /// </summary>
    public static string When(Occurrence occurrence, string? readerZone = null)
    {
        var zone = occurrence.Series.TimeZone;
        var local = In(occurrence.Start, zone);
        var sb = new StringBuilder()
            .Append("<time datetime=\"").Append(Datetime(occurrence.Start)).Append("\">")
            .Append(E(local.ToString(DayTime, CultureInfo.InvariantCulture))).Append(' ').Append(E(ZoneName(zone))).Append("</time>");
        sb.Append(" <span class=\"also\">· ").Append(E(Beside(occurrence.Start, "UTC", local))).Append("</span>");
        if (readerZone is not null && readerZone != zone && readerZone != "UTC")
        {
            sb.Append(" <span class=\"also\">· ").Append(E(Beside(occurrence.Start, readerZone, local))).Append(" (your time)</span>");
        }

        return sb.ToString();
    }

    /// <summary>Cancelled (with its reason) and moved marks, as words, not only colour.</summary>
    public static string Marks(Occurrence occurrence)
    {
        var sb = new StringBuilder();
        if (occurrence.Cancelled)
        {
            sb.Append(" <strong class=\"mark cancelled\">Cancelled</strong>");
            if (occurrence.Reason is not null)
            {
                sb.Append(": ").Append(E(occurrence.Reason));
            }
        }

        if (occurrence.Moved)
        {
            sb.Append(" <span class=\"mark moved\">Moved from ").Append(E(MeetingTime.FormatDate(occurrence.OriginalDate))).Append("</span>");
        }

        return sb.ToString();
    }

    /// <summary>The agenda as an ordered list; with no talks, the command that adds one.</summary>
    public static string Agenda(UpcomingMeeting meeting)
    {
        if (meeting.Agenda.Count == 0)
        {
            var add = $"/meeting talk add {MeetingRefs.Reference(meeting.Series)} \"Title\" --date {MeetingTime.FormatDate(meeting.Occurrence.OriginalDate)}";
            return $"<p class=\"meta\">No talks yet. Add one with <code>{E(add)}</code>.</p>";
        }

        var sb = new StringBuilder("<ol class=\"agenda\">");
        foreach (var talk in meeting.Agenda)
        {
            var title = talk.Link is not null && SafeUrl(talk.Link) is { } url ? $"<a href=\"{E(url)}\">{E(talk.Title)}</a>" : E(talk.Title);
            sb.Append(CultureInfo.InvariantCulture, $"<li><strong>{title}</strong> — {E(talk.Speaker ?? "speaker to be announced")} ({talk.Minutes} min)</li>");
        }

        return sb.Append("</ol>").ToString();
    }

    /// <summary>" · 90 min · expert · CERN 40/S2-B01 · video link": the series' facts after its schedule.</summary>
    public static string Facts(MeetingSeries series)
    {
        var sb = new StringBuilder().Append(CultureInfo.InvariantCulture, $" · {series.DurationMinutes} min · {E(series.Kind)}");
        if (series.Where is not null)
        {
            sb.Append(" · ").Append(E(series.Where));
        }

        if (series.Link is not null && SafeUrl(series.Link) is { } url)
        {
            sb.Append(" · <a href=\"").Append(E(url)).Append("\">video link</a>");
        }

        return sb.ToString();
    }

    /// <summary>The feed's address for calendar apps: the same URL with the webcal scheme, which asks them to subscribe.</summary>
    public static string Webcal(BotOptions bot, string path)
    {
        var url = bot.Link(path);
        return url.StartsWith("https://", StringComparison.Ordinal) ? "webcal://" + url["https://".Length..]
            : url.StartsWith("http://", StringComparison.Ordinal) ? "webcal://" + url["http://".Length..]
            : url;
    }

    /// <summary>The anchor of a series on its group's page.</summary>
    public static string SeriesAnchor(MeetingSeries series) => "meeting-" + series.Slug;

    private static DateTimeOffset In(DateTimeOffset at, string zone) => TimeZoneInfo.ConvertTime(at, Zones.Find(zone) ?? TimeZoneInfo.Utc);

    private static string Beside(DateTimeOffset at, string zone, DateTimeOffset groupLocal)
    {
        var there = In(at, zone);
        var format = there.Date == groupLocal.Date ? "HH:mm" : DayTime;
        return there.ToString(format, CultureInfo.InvariantCulture) + " " + zone;
    }
}
