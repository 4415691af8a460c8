using System.Globalization;
using System.Text;
using CollabBot.Core.Domain;
using CollabBot.Core.Meetings;
using NodaTime;
using NodaTime.TimeZones;

namespace CollabBot.Core.Calendars;

/// <summary>A talk as it appears in a feed's event description.</summary>
public sealed record FeedTalk(int SeriesId, string OccurrenceDate, string Title, string? Speaker, int Minutes);

/// <summary>A line about one occurrence in its event's description: its theme, its minutes.</summary>
public sealed record FeedNote(int SeriesId, string OccurrenceDate, string Text);

/// <summary>
/// The owner of a personal feed and their answers by (series, original date): each event names them as its ATTENDEE
/// with the PARTSTAT of their answer (NEEDS-ACTION when none). <see cref="Address"/> is an RFC 5545 CAL-ADDRESS.
/// </summary>
public sealed record FeedAttendee(string Name, string Address, IReadOnlyDictionary<(int SeriesId, string Date), RsvpAnswer> Answers)
{
    /// <summary>
    /// A stable address for a person of a deployment: <c>mailto:</c>, since calendar software reads calendar addresses
    /// as mail addresses (Ical.Net prefixes anything else with <c>mailto:</c>), at <c>&lt;host&gt;.invalid</c> (RFC 2606),
    /// which no mail can ever reach; the local part is a hash of the host and their id, which is not for strangers.
    /// </summary>
    public static string AddressOf(string host, int personId) =>
        $"mailto:{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes($"collabbot:{host}:person:{personId.ToString(CultureInfo.InvariantCulture)}")))[..20]}@{Unreachable(host)}";

    /// <summary>The group as ORGANIZER: the same unreachable domain, its slug as the local part.</summary>
    public static string OrganizerOf(string host, string slug) => $"mailto:{slug}@{Unreachable(host)}";

    private static string Unreachable(string host) => host + ".invalid";

    /// <summary>RFC 5545 PARTSTAT: going is ACCEPTED, maybe TENTATIVE, can't DECLINED, no answer NEEDS-ACTION.</summary>
    public static string PartStat(RsvpAnswer? answer) => answer switch
    {
        RsvpAnswer.Yes => "ACCEPTED",
        RsvpAnswer.Maybe => "TENTATIVE",
        RsvpAnswer.No => "DECLINED",
        _ => "NEEDS-ACTION",
    };
}

/// <summary>
/// Writes RFC 5545 feeds: one VEVENT per one-off meeting at its current time; one VEVENT per series with its
/// RRULE (UNTIL once the series ended), EXDATE for cancelled occurrences, RECURRENCE-ID overrides for moved
/// occurrences and for occurrences with an agenda; a VTIMEZONE for every zone used (its real transitions, from
/// the tz database), stable UIDs, escaped and folded text, CRLF line ends. No METHOD: a feed to subscribe to is
/// not an iTIP message, and METHOD:PUBLISH would oblige every event to name an ORGANIZER (RFC 5546), which a
/// group's meeting has no address for. With <c>alarms</c>, every event that is not cancelled carries a VALARM
/// (ACTION:DISPLAY) for each of its series' reminder offsets, triggered that long before the start.
/// </summary>
public sealed class ICalendarWriter(string host, DateTimeOffset now, Func<MeetingSeries, IReadOnlyList<TimeSpan>>? alarms = null)
{
    /// <summary>How far ahead a series that alternates kinds gets an override per date, so each date shows its own kind.</summary>
    public static readonly Period AlternateHorizon = Period.FromDays(200);

    private readonly StringBuilder sb = new();
    private ILookup<(int, string), string> notesByOccurrence = Array.Empty<FeedNote>().ToLookup(n => (n.SeriesId, n.OccurrenceDate), n => n.Text);
    private FeedAttendee? attendee;

    public string Write(
        string name, IReadOnlyList<MeetingSeries> series, IReadOnlyList<FeedTalk> talks, Func<MeetingSeries, string> url, IReadOnlyList<FeedNote>? notes = null, FeedAttendee? attendee = null)
    {
        notesByOccurrence = (notes ?? []).ToLookup(n => (n.SeriesId, n.OccurrenceDate), n => n.Text);
        this.attendee = attendee;
        Line("BEGIN:VCALENDAR");
        Line("VERSION:2.0");
        Line("PRODID:-//CollabBot//CollabBot//EN");
        Line("CALSCALE:GREGORIAN");
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
        if (MeetingTime.Parse(series.StartLocal) is not { } start)
        {
            return;
        }

        var uid = $"series-{series.Id.ToString(CultureInfo.InvariantCulture)}@{host}";
        if (Occurrences.Rule(series) is { } rule)
        {
            WriteRecurring(series, rule, start, talks, url, uid);
        }
        else
        {
            WriteOneOff(series, start, talks, url, uid);
        }
    }

    /// <summary>
    /// A one-off meeting is one VEVENT at its current time: where it was moved to, with its agenda, cancelled
    /// when it was cancelled (or the series ended before it). A second VEVENT with the same UID would be a ghost.
    /// </summary>
    private void WriteOneOff(MeetingSeries series, LocalDateTime start, List<FeedTalk> talks, string url, string uid)
    {
        var key = MeetingTime.FormatDate(start.Date);
        var change = series.Changes.FirstOrDefault(c => c.OriginalDate == key);
        var actual = change is { Kind: OccurrenceChangeKind.Moved, NewStartLocal: { } moved } && MeetingTime.Parse(moved) is { } to ? to : start;
        var cancelled = change?.Kind == OccurrenceChangeKind.Cancelled
            || (series.EndedAt is { } ended && MeetingTime.Resolve(actual, series.TimeZone).Start > ended);
        WriteEvent(series, uid, null, actual, talks.Where(t => t.OccurrenceDate == key).ToList(), url, cancelled: cancelled, date: key);
    }

    /// <summary>
    /// A series is one VEVENT with its RRULE and an EXDATE per cancelled date, then one override (same UID, a
    /// RECURRENCE-ID naming the date it replaces) per date that moved or has an agenda. Only dates the rule
    /// really produces get an override; one moved past the series' end is excluded instead, as our own
    /// occurrences leave it out.
    /// </summary>
    private void WriteRecurring(MeetingSeries series, Recurrence rule, LocalDateTime start, List<FeedTalk> talks, string url, string uid)
    {
        var last = series.EndedAt is { } ended ? MeetingTime.ToLocal(ended, series.TimeZone) : (LocalDateTime?)null;
        var excluded = new SortedSet<LocalDateTime>();
        foreach (var cancelled in series.Changes.Where(c => c.Kind == OccurrenceChangeKind.Cancelled))
        {
            if (WhenParser.ParseDate(cancelled.OriginalDate) is { } date)
            {
                excluded.Add(date + start.TimeOfDay);
            }
        }

        var overrides = new List<(string Date, LocalDateTime Original, LocalDateTime Actual)>();
        // A series that alternates kinds gets an override for each date ahead, so each says its own kind.
        var nowLocal = MeetingTime.ToLocal(now, series.TimeZone);
        var alternating = series.AlternateKinds is null ? [] : rule.Expand(start, nowLocal.Minus(Period.FromDays(1)), nowLocal.Plus(AlternateHorizon)).Select(d => MeetingTime.FormatDate(d.Date));
        var dates = series.Changes.Where(c => c.Kind == OccurrenceChangeKind.Moved).Select(c => c.OriginalDate)
            .Union(talks.Select(t => t.OccurrenceDate), StringComparer.Ordinal)
            .Union(notesByOccurrence.Where(g => g.Key.Item1 == series.Id).Select(g => g.Key.Item2), StringComparer.Ordinal)
            .Union(attendee?.Answers.Keys.Where(k => k.SeriesId == series.Id).Select(k => k.Date) ?? [], StringComparer.Ordinal)
            .Union(alternating, StringComparer.Ordinal)
            .Order(StringComparer.Ordinal);
        foreach (var dateText in dates)
        {
            if (WhenParser.ParseDate(dateText) is not { } date || excluded.Contains(date + start.TimeOfDay))
            {
                continue;
            }

            var original = date + start.TimeOfDay;
            if ((last is { } end && original > end) || !rule.Expand(start, original, original).Any())
            {
                continue; // not a date of the series: an override for it would add a meeting that does not exist
            }

            var change = series.Changes.FirstOrDefault(c => c.OriginalDate == dateText && c.Kind == OccurrenceChangeKind.Moved);
            var actual = change?.NewStartLocal is not null ? MeetingTime.Parse(change.NewStartLocal) ?? original : original;
            if (series.EndedAt is { } endedAt && MeetingTime.Resolve(actual, series.TimeZone).Start > endedAt)
            {
                excluded.Add(original);
                continue;
            }

            overrides.Add((dateText, original, actual));
        }

        WriteEvent(series, uid, null, start, null, url, rule: RuleForFeed(series, rule), excluded: excluded);
        foreach (var (dateText, original, actual) in overrides)
        {
            WriteEvent(series, uid, original, actual, talks.Where(t => t.OccurrenceDate == dateText).ToList(), url);
        }
    }

    private void WriteEvent(
        MeetingSeries series,
        string uid,
        LocalDateTime? recurrenceId,
        LocalDateTime start,
        IReadOnlyList<FeedTalk>? talks,
        string url,
        bool cancelled = false,
        string? rule = null,
        IEnumerable<LocalDateTime>? excluded = null,
        string? date = null)
    {
        // The occurrence's original date: a moved one-off is written at its new time but keyed by the old.
        date ??= MeetingTime.FormatDate((recurrenceId ?? start).Date);
        Line("BEGIN:VEVENT");
        Property("UID", uid);
        Line("DTSTAMP:" + Utc(now));
        if (recurrenceId is { } original)
        {
            Line($"RECURRENCE-ID;TZID={series.TimeZone}:{Local(original)}");
        }

        Line($"DTSTART;TZID={series.TimeZone}:{Local(start)}");
        Line($"DURATION:PT{series.DurationMinutes.ToString(CultureInfo.InvariantCulture)}M");
        if (rule is not null)
        {
            Line("RRULE:" + rule);
        }

        foreach (var exdate in excluded ?? [])
        {
            Line($"EXDATE;TZID={series.TimeZone}:{Local(exdate)}");
        }

        if (cancelled)
        {
            Line("STATUS:CANCELLED");
        }

        // The series' own event carries its first kind; each date's override its own (see MeetingKinds).
        var kind = rule is null ? MeetingKinds.Of(series, (recurrenceId ?? start).Date) : series.Kind;
        var notes = rule is null ? notesByOccurrence[(series.Id, date)].ToList() : [];
        Property("SUMMARY", $"{series.Title} ({series.Group.Slug})");
        Property("DESCRIPTION", Description(series, kind, talks, notes, url));
        if (series.Where is not null)
        {
            Property("LOCATION", series.Where);
        }

        Property("URL", series.Link ?? url);
        Property("CATEGORIES", kind);
        if (attendee is not null)
        {
            // The series' own event stands for every date without an answer; each answered date has its override.
            var answer = rule is null && attendee.Answers.TryGetValue((series.Id, date), out var a) ? a : (RsvpAnswer?)null;
            // ATTENDEE makes the event group-scheduled, which RFC 5545 says names an ORGANIZER: the group.
            Line($"ORGANIZER;CN={Parameter(series.Group.Name)}:{FeedAttendee.OrganizerOf(host, series.Group.Slug)}");
            Line($"ATTENDEE;CN={Parameter(attendee.Name)};ROLE=REQ-PARTICIPANT;PARTSTAT={FeedAttendee.PartStat(answer)};RSVP=FALSE:{attendee.Address}");
            if (answer == RsvpAnswer.No)
            {
                Line("TRANSP:TRANSPARENT"); // a meeting the person can't attend does not make them busy
            }
        }
        if (!cancelled && alarms is not null)
        {
            foreach (var offset in alarms(series).Where(o => o > TimeSpan.Zero).Distinct().OrderByDescending(o => o))
            {
                Line("BEGIN:VALARM");
                Line("ACTION:DISPLAY");
                Property("DESCRIPTION", $"{series.Title} in {Values.Durations.Format(offset)}");
                Line("TRIGGER:-" + Duration(offset));
                Line("END:VALARM");
            }
        }

        Line("END:VEVENT");
    }

    /// <summary>An RFC 5545 dur-value: P1D, PT15M, P1DT2H30M.</summary>
    public static string Duration(TimeSpan span)
    {
        var text = new StringBuilder("P");
        if (span.Days > 0)
        {
            text.Append(span.Days.ToString(CultureInfo.InvariantCulture)).Append('D');
        }

        if (span.Hours > 0 || span.Minutes > 0 || span.Days == 0)
        {
            text.Append('T');
            if (span.Hours > 0)
            {
                text.Append(span.Hours.ToString(CultureInfo.InvariantCulture)).Append('H');
            }

            if (span.Minutes > 0 || span.Hours == 0)
            {
                text.Append(span.Minutes.ToString(CultureInfo.InvariantCulture)).Append('M');
            }
        }

        return text.ToString();
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

    private static string Description(MeetingSeries series, string kind, IReadOnlyList<FeedTalk>? talks, IReadOnlyList<string> notes, string url)
    {
        var d = new StringBuilder();
        d.Append(series.Group.Name).Append(" — ").Append(series.Title).Append(" (").Append(kind).Append(")\n");
        foreach (var note in notes)
        {
            d.Append(note).Append('\n');
        }

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

    /// <summary>A parameter value, always quoted (RFC 5545 §3.2): a quoted value can hold ':', ';' and ',' but not '"'.</summary>
    private static string Parameter(string value) => "\"" + value.Replace('"', '\'') + "\"";

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
