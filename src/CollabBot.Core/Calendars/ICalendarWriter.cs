using System.Globalization;
using System.Text;
using CollabBot.Core.Domain;
using CollabBot.Core.Meetings;
using NodaTime;
using NodaTime.TimeZones;

namespace CollabBot.Core.Calendars;

/// <summary>A talk as it appears in a feed's event description.</summary>
public sealed record FeedTalk(int SeriesId, string OccurrenceDate, string Title, string? Speaker, int Minutes);

/// <summary>
/// Writes RFC 5545 feeds: one VEVENT per series with its RRULE (UNTIL once the series ended), EXDATE for
/// cancelled occurrences, RECURRENCE-ID overrides for moved occurrences and for occurrences with an agenda,
/// a VTIMEZONE for every zone used (its real transitions, from the tz database), stable UIDs, escaped and
/// folded text, CRLF line ends.
/// </summary>
public sealed class ICalendarWriter(string host, DateTimeOffset now)
{
    private readonly StringBuilder sb = new();

    public string Write(string name, IReadOnlyList<MeetingSeries> series, IReadOnlyList<FeedTalk> talks, Func<MeetingSeries, string> url)
    {
        Line("BEGIN:VCALENDAR");
        Line("VERSION:2.0");
        Line("PRODID:-//CollabBot//CollabBot//EN");
        Line("CALSCALE:GREGORIAN");
        Line("METHOD:PUBLISH");
        Property("X-WR-CALNAME", name);
        Line("X-PUBLISHED-TTL:PT1H");
        foreach (var zone in series.Select(s => s.TimeZone).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            WriteZone(zone, series.Where(s => s.TimeZone == zone).ToList());
        }

        var bySeries = talks.ToLookup(t => t.SeriesId);
        foreach (var s in series.OrderBy(s => s.Id))
        {
            WriteSeries(s, bySeries[s.Id].ToList(), url(s));
        }

        Line("END:VCALENDAR");
        return sb.ToString();
    }

    private void WriteSeries(MeetingSeries series, List<FeedTalk> talks, string url)
    {
        var start = MeetingTime.Parse(series.StartLocal);
        if (start is null)
        {
            return;
        }

        var uid = $"series-{series.Id.ToString(CultureInfo.InvariantCulture)}@{host}";
        var rule = Occurrences.Rule(series);
        var summary = $"{series.Title} ({series.Group.Slug})";

        Line("BEGIN:VEVENT");
        Property("UID", uid);
        Line("DTSTAMP:" + Utc(now));
        Line($"DTSTART;TZID={series.TimeZone}:{Local(start.Value)}");
        Line($"DURATION:PT{series.DurationMinutes.ToString(CultureInfo.InvariantCulture)}M");
        if (rule is not null)
        {
            Line("RRULE:" + RuleForFeed(series, rule));
            foreach (var cancelled in series.Changes.Where(c => c.Kind == OccurrenceChangeKind.Cancelled).OrderBy(c => c.OriginalDate, StringComparer.Ordinal))
            {
                if (WhenParser.ParseDate(cancelled.OriginalDate) is { } date)
                {
                    Line($"EXDATE;TZID={series.TimeZone}:{Local(date + start.Value.TimeOfDay)}");
                }
            }
        }
        else if (series.Changes.Any(c => c.Kind == OccurrenceChangeKind.Cancelled))
        {
            Line("STATUS:CANCELLED");
        }

        Property("SUMMARY", summary);
        Property("DESCRIPTION", Description(series, null, url));
        if (series.Where is not null)
        {
            Property("LOCATION", series.Where);
        }

        Property("URL", series.Link ?? url);
        Property("CATEGORIES", series.Kind);
        Line("END:VEVENT");

        // Overrides: occurrences that moved, and occurrences that have an agenda.
        var overrides = series.Changes.Where(c => c.Kind == OccurrenceChangeKind.Moved).Select(c => c.OriginalDate)
            .Union(talks.Select(t => t.OccurrenceDate), StringComparer.Ordinal)
            .Where(d => !series.Changes.Any(c => c.OriginalDate == d && c.Kind == OccurrenceChangeKind.Cancelled))
            .Order(StringComparer.Ordinal);
        foreach (var dateText in overrides)
        {
            if (WhenParser.ParseDate(dateText) is not { } date || (rule is null && date != start.Value.Date))
            {
                continue;
            }

            var original = date + start.Value.TimeOfDay;
            var change = series.Changes.FirstOrDefault(c => c.OriginalDate == dateText && c.Kind == OccurrenceChangeKind.Moved);
            var actual = change?.NewStartLocal is not null ? MeetingTime.Parse(change.NewStartLocal) ?? original : original;
            Line("BEGIN:VEVENT");
            Property("UID", uid);
            Line("DTSTAMP:" + Utc(now));
            if (rule is not null)
            {
                Line($"RECURRENCE-ID;TZID={series.TimeZone}:{Local(original)}");
            }

            Line($"DTSTART;TZID={series.TimeZone}:{Local(actual)}");
            Line($"DURATION:PT{series.DurationMinutes.ToString(CultureInfo.InvariantCulture)}M");
            Property("SUMMARY", summary);
            Property("DESCRIPTION", Description(series, talks.Where(t => t.OccurrenceDate == dateText).ToList(), url));
            if (series.Where is not null)
            {
                Property("LOCATION", series.Where);
            }

            Property("URL", series.Link ?? url);
            Line("END:VEVENT");
        }
    }

    /// <summary>The stored rule, with UNTIL (in UTC, as RFC 5545 requires with a TZID start) once the series has ended.</summary>
    private static string RuleForFeed(MeetingSeries series, Recurrence rule)
    {
        if (series.EndedAt is not { } ended)
        {
            return rule.ToString();
        }

        var lastLocal = MeetingTime.ToLocal(ended, series.TimeZone);
        var text = (rule with { Count = null, Until = null }).ToString();
        var untilUtc = MeetingTime.Resolve(lastLocal, series.TimeZone).Start;
        if (rule.Count is not null || rule.Until is not null)
        {
            // Keep the earlier of the rule's own end and the series' end.
            var last = rule.Expand(MeetingTime.Parse(series.StartLocal)!.Value, MeetingTime.Parse(series.StartLocal)!.Value, lastLocal).LastOrDefault();
            if (last != default)
            {
                untilUtc = MeetingTime.Resolve(last, series.TimeZone).Start;
            }
        }

        return text + ";UNTIL=" + Utc(untilUtc);
    }

    private static string Description(MeetingSeries series, IReadOnlyList<FeedTalk>? talks, string url)
    {
        var d = new StringBuilder();
        d.Append(series.Group.Name).Append(" — ").Append(series.Title).Append(" (").Append(series.Kind).Append(")\n");
        if (series.Link is not null)
        {
            d.Append("Link: ").Append(series.Link).Append('\n');
        }

        if (talks is { Count: > 0 })
        {
            d.Append("\nAgenda:\n");
            foreach (var t in talks)
            {
                d.Append("- ").Append(t.Title).Append(" — ").Append(t.Speaker ?? "speaker to be announced").Append(CultureInfo.InvariantCulture, $" ({t.Minutes} min)\n");
            }
        }

        d.Append("\nMore: ").Append(url);
        return d.ToString();
    }

    /// <summary>The zone's real offsets and transitions over the years the feed's meetings span.</summary>
    private void WriteZone(string zoneId, List<MeetingSeries> series)
    {
        var zone = MeetingTime.Zone(zoneId) ?? DateTimeZone.Utc;
        var firstYear = series.Select(s => MeetingTime.Parse(s.StartLocal)?.Year ?? now.Year).DefaultIfEmpty(now.Year).Min();
        var from = Instant.FromUtc(Math.Min(firstYear, now.Year) - 1, 1, 1, 0, 0);
        var to = Instant.FromUtc(now.Year + 3, 12, 31, 0, 0);
        Line("BEGIN:VTIMEZONE");
        Property("TZID", zoneId);
        var intervals = zone.GetZoneIntervals(from, to).ToList();
        ZoneInterval? previous = null;
        foreach (var interval in intervals)
        {
            var kind = interval.Savings != Offset.Zero ? "DAYLIGHT" : "STANDARD";
            var startInstant = interval.HasStart && interval.Start > from ? interval.Start : from;
            var offsetFrom = previous?.WallOffset ?? interval.WallOffset;
            var localStart = startInstant.WithOffset(offsetFrom).LocalDateTime;
            Line($"BEGIN:{kind}");
            Line("DTSTART:" + Local(localStart));
            Line("TZOFFSETFROM:" + OffsetText(offsetFrom));
            Line("TZOFFSETTO:" + OffsetText(interval.WallOffset));
            Property("TZNAME", interval.Name);
            Line($"END:{kind}");
            previous = interval;
        }

        Line("END:VTIMEZONE");
    }

    private static string OffsetText(Offset offset)
    {
        var seconds = offset.Seconds;
        var sign = seconds < 0 ? "-" : "+";
        seconds = Math.Abs(seconds);
        return string.Create(CultureInfo.InvariantCulture, $"{sign}{seconds / 3600:00}{seconds / 60 % 60:00}");
    }

    private static string Local(LocalDateTime local) => local.ToString("yyyyMMdd'T'HHmmss", CultureInfo.InvariantCulture);

    private static string Utc(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    private void Property(string name, string value) => Line(name + ":" + Escape(value));

    /// <summary>TEXT escaping of RFC 5545 §3.3.11.</summary>
    public static string Escape(string value) => value
        .Replace("\\", "\\\\", StringComparison.Ordinal)
        .Replace(";", "\\;", StringComparison.Ordinal)
        .Replace(",", "\\,", StringComparison.Ordinal)
        .Replace("\r\n", "\\n", StringComparison.Ordinal)
        .Replace("\n", "\\n", StringComparison.Ordinal)
        .Replace("\r", "\\n", StringComparison.Ordinal);

    /// <summary>Lines are folded at 75 octets (never inside a UTF-8 sequence) and end in CRLF.</summary>
    private void Line(string line)
    {
        var octets = 0;
        var limit = 75;
        var e = StringInfo.GetTextElementEnumerator(line);
        while (e.MoveNext())
        {
            var element = (string)e.Current;
            if (char.IsControl(element[0]) && element != "\t")
            {
                continue; // control characters are not allowed in content lines
            }

            var size = Encoding.UTF8.GetByteCount(element);
            if (octets + size > limit)
            {
                sb.Append("\r\n ");
                octets = 1;
                limit = 75;
            }

            sb.Append(element);
            octets += size;
        }

        sb.Append("\r\n");
    }
}
