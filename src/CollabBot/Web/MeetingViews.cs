using System.Globalization;
using CollabBot.Core;
using CollabBot.Core.Data;
using CollabBot.Core.Domain;
using CollabBot.Core.Features.Meeting;
using CollabBot.Core.Meetings;
using CollabBot.Core.Values;
using Microsoft.EntityFrameworkCore;

namespace CollabBot.Web;

/// <summary>A talk on an occurrence's agenda, as a page shows it.</summary>
public sealed record AgendaItem(string Title, string? Speaker, int Minutes, string? Link);

/// <summary>An occurrence with its agenda.</summary>
public sealed record UpcomingMeeting(Occurrence Occurrence, IReadOnlyList<AgendaItem> Agenda)
{
    public MeetingSeries Series => Occurrence.Series;

    /// <summary>The topic idea scheduled as its theme, "#7 Graph networks for tracking".</summary>
    public string? Theme { get; init; }

    /// <summary>How many said yes, maybe and no (never who: the dashboard is public).</summary>
    public (int Yes, int Maybe, int No) Rsvps { get; init; }

    /// <summary>Its latest minutes, a link or a text.</summary>
    public MinutesItem? Minutes { get; init; }

    /// <summary>The kind this occurrence has (a series may alternate general and expert meetings).</summary>
    public string Kind => MeetingKinds.Of(Occurrence);
}

/// <summary>An occurrence's minutes as a page shows them.</summary>
public sealed record MinutesItem(string? Url, string? Text, string By);

/// <summary>
/// Meetings as the dashboard pages show them: loading occurrences with their agendas, and the words and times the
/// meeting components (<c>Shared/MeetingWhen.razor</c>, <c>Shared/SeriesBlock.razor</c> …) print.
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
        var themes = ids.Count == 0 ? [] : await db.TopicIdeas.AsNoTracking()
            .Where(t => t.SeriesId != null && ids.Contains(t.SeriesId.Value) && t.Status == TopicIdeaStatus.Scheduled)
            .Select(t => new { SeriesId = t.SeriesId!.Value, t.OccurrenceDate, t.Id, t.Title })
            .ToListAsync(cancellationToken);
        var themeOf = themes.GroupBy(t => (t.SeriesId, t.OccurrenceDate)).ToDictionary(g => g.Key, g => g.First());
        var rsvps = ids.Count == 0 ? [] : await db.Rsvps.AsNoTracking()
            .Where(r => ids.Contains(r.SeriesId))
            .GroupBy(r => new { r.SeriesId, r.OccurrenceDate, r.Answer })
            .Select(g => new { g.Key.SeriesId, g.Key.OccurrenceDate, g.Key.Answer, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var minutes = ids.Count == 0 ? [] : await db.MeetingMinutes.AsNoTracking()
            .Where(m => ids.Contains(m.SeriesId))
            .OrderBy(m => m.AddedAt).ThenBy(m => m.Id)
            .Select(m => new { m.SeriesId, m.OccurrenceDate, Item = new MinutesItem(m.Url, m.Text, m.AddedBy.DisplayName) })
            .ToListAsync(cancellationToken);
        var minutesOf = minutes.GroupBy(m => (m.SeriesId, m.OccurrenceDate)).ToDictionary(g => g.Key, g => g.Last().Item);
        int Count(int series, string date, RsvpAnswer answer) => rsvps.Where(r => r.SeriesId == series && r.OccurrenceDate == date && r.Answer == answer).Sum(r => r.Count);
        return [.. occurrences.Select(o =>
        {
            var key = (o.Series.Id, MeetingTime.FormatDate(o.OriginalDate));
            return new UpcomingMeeting(o, [.. byOccurrence[key]])
            {
                Theme = themeOf.TryGetValue(key, out var theme) ? $"#{theme.Id} {theme.Title}" : null,
                Rsvps = (Count(key.Item1, key.Item2, RsvpAnswer.Yes), Count(key.Item1, key.Item2, RsvpAnswer.Maybe), Count(key.Item1, key.Item2, RsvpAnswer.No)),
                Minutes = minutesOf.GetValueOrDefault(key),
            };
        })];
    }

    /// <summary>"Tue 2026-12-08 15:00": the start in the series' own zone.</summary>
    public static string LocalStart(Occurrence occurrence) =>
        In(occurrence.Start, occurrence.Series.TimeZone).ToString(DayTime, CultureInfo.InvariantCulture);

    /// <summary>"14:00 UTC": the start in another zone, with its own date when that is another day than in the group's zone.</summary>
    public static string Beside(Occurrence occurrence, string zone)
    {
        var groupLocal = In(occurrence.Start, occurrence.Series.TimeZone);
        var there = In(occurrence.Start, zone);
        var format = there.Date == groupLocal.Date ? "HH:mm" : DayTime;
        return there.ToString(format, CultureInfo.InvariantCulture) + " " + zone;
    }

    /// <summary>Whether a reader's chosen zone adds a time to the group's and UTC's.</summary>
    public static bool AddsReaderTime(Occurrence occurrence, string? readerZone) =>
        readerZone is not null && readerZone != occurrence.Series.TimeZone && readerZone != "UTC";

    /// <summary>"2026-12-08": an occurrence's original date, the one its agenda, cancellation and move are keyed by.</summary>
    public static string OriginalDate(Occurrence occurrence) => MeetingTime.FormatDate(occurrence.OriginalDate);

    /// <summary>"m-3-2026-12-08": one occurrence on its group's page.</summary>
    public static string OccurrenceAnchor(Occurrence occurrence) => $"m-{occurrence.Series.Id}-{OriginalDate(occurrence)}";

    /// <summary>"calorimetry/monthly": how commands refer to a series.</summary>
    public static string Reference(MeetingSeries series) => MeetingRefs.Reference(series);

    /// <summary>"monthly on the 2nd Tue at 15:00 Europe/Zurich".</summary>
    public static string Schedule(MeetingSeries series) => MeetingRefs.Describe(series);

    /// <summary>The command that adds a talk to a series on a date, as the dashboard suggests it.</summary>
    public static string AddTalkCommand(MeetingSeries series, string date) => $"/meeting talk add {Reference(series)} \"Title\" --date {date}";

    /// <summary>The date a series ended, in its own zone, or null while it runs.</summary>
    public static string? EndedOn(MeetingSeries series) =>
        series.EndedAt is { } ended ? MeetingTime.FormatDate(MeetingTime.ToLocal(ended, series.TimeZone).Date) : null;

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
}
