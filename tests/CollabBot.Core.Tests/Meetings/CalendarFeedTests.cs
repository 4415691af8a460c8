using CollabBot.Core.Calendars;
using CollabBot.Core.Data;
using CollabBot.Core.Domain;
using CollabBot.Core.Meetings;
using CollabBot.Core.Replies;
using CollabBot.Core.Tests.Support;
using CollabBot.Tests.Shared;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Microsoft.EntityFrameworkCore;

namespace CollabBot.Core.Tests.Meetings;

/// <summary>Our feed, read back by Ical.Net — a calendar library we did not write — expands to our own occurrences.</summary>
public sealed class CalendarFeedTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<(CoreHarness H, List<MeetingSeries> Series, string Feed)> FeedAsync()
    {
        var h = await CoreHarness.StartAsync();
        foreach (var line in new[]
        {
            "/meeting schedule calorimetry \"Monthly meeting\" --when \"monthly on 2nd tue 15:00\"",
            "/meeting schedule calorimetry \"Dev sync\" --when \"weekly on thu 09:30\" --tz America/Chicago",
            "/meeting schedule calorimetry \"Hackathon; day 1, kick-off\" --when \"2027-03-28 10:00\" --kind hackathon --where \"Room 1, Bldg \\\"40\\\"\"",
            "/meeting cancel calorimetry/monthly-meeting --date 2027-01-12 --reason \"winter break\"",
            "/meeting move calorimetry/monthly-meeting --date 2027-02-09 --to \"2027-02-10 16:30\"",
            "/meeting talk add calorimetry/monthly-meeting \"Showers, GANs & diffusion: a survey\" --date 2026-12-08",
        })
        {
            var reply = await h.SayAsync("console:amara", line);
            Assert.True(reply.Status == ReplyStatus.Ok, line + " → " + reply.Plain);
        }

        var series = await h.QueryAsync(db => db.MeetingSeries.Include(s => s.Group).Include(s => s.Changes).OrderBy(s => s.Id).ToListAsync(Ct));
        var talks = await h.QueryAsync(db => db.Talks.Select(t => new FeedTalk(t.SeriesId, t.OccurrenceDate, t.Title, t.SpeakerPerson!.DisplayName, t.Minutes)).ToListAsync(Ct));
        var feed = new ICalendarWriter("collab.example.org", h.Clock.GetUtcNow()).Write("Calorimetry", series, talks, s => "https://collab.example.org/wg/" + s.Group.Slug);
        return (h, series, feed);
    }

    [Fact]
    public async Task Feed_ParsedByIcalNet_ExpandsToTheSameOccurrencesAsOurs()
    {
        var (h, series, feed) = await FeedAsync();
        await using var _h = h;
        var from = h.Clock.GetUtcNow();
        var to = from.AddDays(400);

        var ours = series.SelectMany(s => Occurrences.Between(s, from, to)).Select(o => o.Start.UtcDateTime).Order().ToList();
        var calendar = Ical.Net.Calendar.Load(feed)!;
        var theirs = calendar.GetOccurrences(new CalDateTime(from.UtcDateTime), null)
            .Select(o => o.Period.StartTime.AsUtc)
            .TakeWhile(t => t <= to.UtcDateTime)
            .Order()
            .ToList();

        Assert.True(ours.Count > 60, $"expected a year of meetings, got {ours.Count}");
        Assert.Equal(ours, theirs);
    }

    [Fact]
    public async Task Feed_CancelAndMove_AppearAsExdateAndRecurrenceId()
    {
        var (h, _, feed) = await FeedAsync();
        await using var _h = h;
        var unfolded = feed.Replace("\r\n ", "", StringComparison.Ordinal);

        Assert.Contains("EXDATE;TZID=Europe/Zurich:20270112T150000", unfolded, StringComparison.Ordinal);
        Assert.Contains("RECURRENCE-ID;TZID=Europe/Zurich:20270209T150000", unfolded, StringComparison.Ordinal);
        Assert.Contains("DTSTART;TZID=Europe/Zurich:20270210T163000", unfolded, StringComparison.Ordinal);
        Assert.Contains("BEGIN:VTIMEZONE", unfolded, StringComparison.Ordinal);
        Assert.Contains("TZID:America/Chicago", unfolded, StringComparison.Ordinal);
        Assert.Contains(@"Showers\, GANs & diffusion: a survey", unfolded, StringComparison.Ordinal);
        Assert.Contains(@"SUMMARY:Hackathon\; day 1\, kick-off (calorimetry)", unfolded, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Feed_Lines_AreCrlfAndFoldedAtSeventyFiveOctets()
    {
        var (h, _, feed) = await FeedAsync();
        await using var _h = h;

        Assert.DoesNotContain("\n", feed.Replace("\r\n", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.All(feed.Split("\r\n"), line => Assert.True(System.Text.Encoding.UTF8.GetByteCount(line) <= 75, line));
    }

    [Fact]
    public async Task Feed_Uids_AreStableAcrossWrites()
    {
        var (h, series, feed) = await FeedAsync();
        await using var _h = h;
        h.Clock.Advance(TimeSpan.FromDays(3));
        var again = new ICalendarWriter("collab.example.org", h.Clock.GetUtcNow()).Write("Calorimetry", series, [], s => "x");

        static IEnumerable<string> Uids(string text) => text.Split("\r\n").Where(l => l.StartsWith("UID:", StringComparison.Ordinal)).Distinct();
        Assert.Equal(Uids(feed), Uids(again));
        Assert.Contains($"UID:series-{series[0].Id}@collab.example.org", feed, StringComparison.Ordinal);
    }

    private static async Task<(CoreHarness H, List<MeetingSeries> Series, string Feed)> FeedOfAsync(params string[] lines)
    {
        var h = await CoreHarness.StartAsync();
        foreach (var line in lines)
        {
            var reply = await h.SayAsync("console:amara", line);
            Assert.True(reply.Status == ReplyStatus.Ok, line + " → " + reply.Plain);
        }

        var series = await h.QueryAsync(db => db.MeetingSeries.Include(s => s.Group).Include(s => s.Changes).OrderBy(s => s.Id).ToListAsync(Ct));
        var talks = await h.QueryAsync(db => db.Talks.Where(t => t.RemovedAt == null).Select(t => new FeedTalk(t.SeriesId, t.OccurrenceDate, t.Title, t.SpeakerPerson!.DisplayName, t.Minutes)).ToListAsync(Ct));
        var feed = new ICalendarWriter("collab.example.org", h.Clock.GetUtcNow()).Write("Calorimetry", series, talks, s => "https://collab.example.org/wg/" + s.Group.Slug);
        return (h, series, feed);
    }

    /// <summary>The meetings that take place, as Ical.Net expands the feed: cancelled events left out.</summary>
    private static List<DateTime> IcalNetStarts(string feed, DateTimeOffset from, DateTimeOffset to) =>
        [.. Ical.Net.Calendar.Load(feed)!.GetOccurrences(new CalDateTime(from.UtcDateTime), null)
            .TakeWhile(o => o.Period.StartTime.AsUtc <= to.UtcDateTime)
            .Where(o => !string.Equals((o.Source as CalendarEvent)?.Status, "CANCELLED", StringComparison.OrdinalIgnoreCase))
            .Select(o => o.Period.StartTime.AsUtc)
            .Order()];

    private static List<DateTime> OurStarts(IEnumerable<MeetingSeries> series, DateTimeOffset from, DateTimeOffset to) =>
        [.. series.SelectMany(s => Occurrences.Between(s, from, to)).Select(o => o.Start.UtcDateTime).Order()];

    /// <summary>Each VEVENT once per (UID, RECURRENCE-ID): a second event with the same pair is a ghost in every client.</summary>
    private static void AssertEventsUnique(string feed)
    {
        var events = Ical.Net.Calendar.Load(feed)!.Events.Select(e => (e.Uid, RecurrenceId: e.RecurrenceIdentifier?.StartTime.ToString())).ToList();
        Assert.Equal(events.Count, events.Distinct().Count());
    }

    private static DateTime Utc(string local, string zone) => MeetingTime.Resolve(MeetingTime.Parse(local)!.Value, zone).Start.UtcDateTime;

    [Fact]
    public async Task Feed_OneOffWithAgenda_OneEventAtItsTime()
    {
        var (h, series, feed) = await FeedOfAsync(
            "/meeting schedule calorimetry \"Kick-off\" --when \"2027-03-28 10:00\"",
            "/meeting talk add calorimetry/kick-off \"Welcome\" --date 2027-03-28");
        await using var _h = h;
        var (from, to) = (h.Clock.GetUtcNow(), h.Clock.GetUtcNow().AddDays(400));

        var calendar = Ical.Net.Calendar.Load(feed)!;
        var kickoff = Assert.Single(calendar.Events, e => e.Uid == $"series-{series[^1].Id}@collab.example.org");
        Assert.Null(kickoff.RecurrenceIdentifier);
        Assert.Contains("Welcome", kickoff.Description, StringComparison.Ordinal);
        Assert.Equal([Utc("2027-03-28 10:00", "Europe/Zurich")], IcalNetStarts(feed, from, to));
        Assert.Equal(OurStarts(series, from, to), IcalNetStarts(feed, from, to));
        AssertEventsUnique(feed);
    }

    [Fact]
    public async Task Feed_MovedOneOff_OnlyAtItsNewTimeWithItsAgenda()
    {
        var (h, series, feed) = await FeedOfAsync(
            "/meeting schedule calorimetry \"Kick-off\" --when \"2027-03-28 10:00\"",
            "/meeting talk add calorimetry/kick-off \"Welcome\" --date 2027-03-28",
            "/meeting move calorimetry/kick-off --date 2027-03-28 --to \"2027-03-30 14:00\"",
            "/meeting move calorimetry/kick-off --date 2027-03-28 --to \"2027-03-31 15:30\"");
        await using var _h = h;
        var (from, to) = (h.Clock.GetUtcNow(), h.Clock.GetUtcNow().AddDays(400));

        var kickoff = Assert.Single(Ical.Net.Calendar.Load(feed)!.Events);
        Assert.Contains("Welcome", kickoff.Description, StringComparison.Ordinal);
        Assert.Equal([Utc("2027-03-31 15:30", "Europe/Zurich")], IcalNetStarts(feed, from, to));
        Assert.Equal(OurStarts(series, from, to), IcalNetStarts(feed, from, to));
        AssertEventsUnique(feed);
    }

    [Fact]
    public async Task Feed_CancelledOneOff_OneCancelledEventAndNoMeeting()
    {
        var (h, series, feed) = await FeedOfAsync(
            "/meeting schedule calorimetry \"Kick-off\" --when \"2027-03-28 10:00\"",
            "/meeting talk add calorimetry/kick-off \"Welcome\" --date 2027-03-28",
            "/meeting cancel calorimetry/kick-off --date 2027-03-28");
        await using var _h = h;
        var (from, to) = (h.Clock.GetUtcNow(), h.Clock.GetUtcNow().AddDays(400));

        var kickoff = Assert.Single(Ical.Net.Calendar.Load(feed)!.Events);
        Assert.Equal("CANCELLED", kickoff.Status);
        Assert.Empty(IcalNetStarts(feed, from, to));
        Assert.Empty(OurStarts(series, from, to));
    }

    [Fact]
    public async Task Feed_RecurringWithMovesCancellationAndAgendas_SameOccurrencesAsOursNoGhosts()
    {
        var (h, series, feed) = await FeedOfAsync(
            "/meeting schedule calorimetry \"Dev sync\" --when \"weekly on thu 09:30\" --tz America/Chicago",
            "/meeting talk add calorimetry/dev-sync \"Moved talk\" --date 2026-12-10",
            "/meeting talk add calorimetry/dev-sync \"Normal talk\" --date 2026-12-03",
            "/meeting move calorimetry/dev-sync --date 2026-12-10 --to \"2026-12-11 11:00\"",
            "/meeting move calorimetry/dev-sync --date 2026-12-17 --to \"2026-12-16 08:00\"",
            "/meeting move calorimetry/dev-sync --date 2026-12-17 --to \"2026-12-18 08:00\"",
            "/meeting talk add calorimetry/dev-sync \"Cancelled talk\" --date 2026-12-24",
            "/meeting cancel calorimetry/dev-sync --date 2026-12-24");
        await using var _h = h;
        var (from, to) = (h.Clock.GetUtcNow(), h.Clock.GetUtcNow().AddDays(120));

        var starts = IcalNetStarts(feed, from, to);
        Assert.Equal(OurStarts(series, from, to), starts);
        Assert.Contains(Utc("2026-12-11 11:00", "America/Chicago"), starts);
        Assert.Contains(Utc("2026-12-18 08:00", "America/Chicago"), starts);
        Assert.DoesNotContain(Utc("2026-12-10 09:30", "America/Chicago"), starts);
        Assert.DoesNotContain(Utc("2026-12-16 08:00", "America/Chicago"), starts);
        Assert.DoesNotContain(Utc("2026-12-24 09:30", "America/Chicago"), starts);
        AssertEventsUnique(feed);
        var moved = Assert.Single(Ical.Net.Calendar.Load(feed)!.Events, e => e.Description?.Contains("Moved talk", StringComparison.Ordinal) == true);
        Assert.NotNull(moved.RecurrenceIdentifier);
    }

    [Fact]
    public async Task Feed_EndedSeriesWithAgendaAfterItsEnd_NoOverrideForADateThatNoLongerExists()
    {
        var (h, series, feed) = await FeedOfAsync(
            "/meeting schedule calorimetry \"Dev sync\" --when \"weekly on thu 09:30\" --tz America/Chicago",
            "/meeting talk add calorimetry/dev-sync \"Planned talk\" --date 2027-01-07",
            "/meeting move calorimetry/dev-sync --date 2026-12-03 --to \"2026-12-04 10:00\"",
            "/meeting end calorimetry/dev-sync");
        await using var _h = h;
        var (from, to) = (h.Clock.GetUtcNow(), h.Clock.GetUtcNow().AddDays(120));

        Assert.Empty(OurStarts(series, from, to));
        Assert.Empty(IcalNetStarts(feed, from, to));
        Assert.DoesNotContain("RECURRENCE-ID", feed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Feed_Method_NeverWithoutAnOrganizer()
    {
        var (h, _, feed) = await FeedAsync();
        await using var _h = h;
        var lines = feed.Replace("\r\n ", "", StringComparison.Ordinal).Split("\r\n");

        // RFC 5546: METHOD:PUBLISH requires an ORGANIZER in every event, and libical rejects a feed without one.
        var events = lines.Count(l => l == "BEGIN:VEVENT");
        Assert.True(!lines.Any(l => l.StartsWith("METHOD:", StringComparison.Ordinal)) || lines.Count(l => l.StartsWith("ORGANIZER", StringComparison.Ordinal)) == events);
    }

    [Fact]
    public async Task Feed_ParsedByPythonIcalendarAndRecurringIcalEvents_SameMeetingsAsOurs()
    {
        var python = File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : ExternalTool.Find("python3");
        Assert.SkipWhen(python is null, "python3 is not installed; apt-get install python3-icalendar python3-recurring-ical-events to check the feed with them.");
        var (h, series, feed) = await FeedOfAsync(
            "/meeting schedule calorimetry \"Kick-off\" --when \"2027-03-28 10:00\"",
            "/meeting talk add calorimetry/kick-off \"Welcome\" --date 2027-03-28",
            "/meeting move calorimetry/kick-off --date 2027-03-28 --to \"2027-03-30 14:00\"",
            "/meeting schedule calorimetry \"Review\" --when \"2027-02-02 10:00\"",
            "/meeting cancel calorimetry/review --date 2027-02-02",
            "/meeting schedule calorimetry \"Dev sync\" --when \"weekly on thu 09:30\" --tz America/Chicago",
            "/meeting talk add calorimetry/dev-sync \"Moved talk\" --date 2026-12-10",
            "/meeting move calorimetry/dev-sync --date 2026-12-10 --to \"2026-12-11 11:00\"",
            "/meeting cancel calorimetry/dev-sync --date 2026-12-24");
        await using var _h = h;
        var (from, to) = (h.Clock.GetUtcNow(), h.Clock.GetUtcNow().AddDays(180));
        var dir = Directory.CreateTempSubdirectory("collabbot-ics-");
        try
        {
            await File.WriteAllTextAsync(Path.Combine(dir.FullName, "feed.ics"), feed, Ct);
            await File.WriteAllTextAsync(Path.Combine(dir.FullName, "check.py"), PythonCheck, Ct);

            var run = await ExternalTool.RunAsync(python!, ["check.py", "feed.ics", from.UtcDateTime.ToString("O"), to.UtcDateTime.ToString("O")], dir.FullName, cancellationToken: Ct);

            Assert.SkipWhen(run.ExitCode == 77, run.Output.Trim());
            Assert.True(run.ExitCode == 0, run.Output);
            var theirs = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(l => DateTime.Parse(l, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal | System.Globalization.DateTimeStyles.AssumeUniversal))
                .Order().ToList();
            Assert.Equal(OurStarts(series, from, to), theirs);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    /// <summary>
    /// Parses the feed with Python's icalendar, refuses a repeated (UID, RECURRENCE-ID) or METHOD without ORGANIZER,
    /// expands it with recurring_ical_events and prints the UTC start of every meeting that is not cancelled.
    /// </summary>
    private const string PythonCheck = """
        import sys
        from datetime import datetime, timezone
        try:
            import icalendar
            import recurring_ical_events
        except ImportError as e:
            print(f"Python lacks {e.name}; apt-get install python3-icalendar python3-recurring-ical-events to check the feed with them.")
            sys.exit(77)

        path, start, end = sys.argv[1], sys.argv[2], sys.argv[3]
        with open(path, "rb") as f:
            cal = icalendar.Calendar.from_ical(f.read())
        events = cal.walk("VEVENT")
        keys = [(str(e.get("UID")), e.get("RECURRENCE-ID").to_ical().decode() if e.get("RECURRENCE-ID") else None) for e in events]
        if len(keys) != len(set(keys)):
            sys.exit(f"repeated UID and RECURRENCE-ID: {keys}")
        if cal.get("METHOD") is not None and any(e.get("ORGANIZER") is None for e in events):
            sys.exit("METHOD without an ORGANIZER in every event")

        def utc(text):
            return datetime.fromisoformat(text.replace("Z", "+00:00")).astimezone(timezone.utc)

        for e in recurring_ical_events.of(cal).between(utc(start), utc(end)):
            if str(e.get("STATUS", "")).upper() == "CANCELLED":
                continue
            print(e["DTSTART"].dt.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"))
        """;
}
