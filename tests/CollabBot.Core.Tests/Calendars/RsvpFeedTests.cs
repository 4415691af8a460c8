using CollabBot.Core.Calendars;
using CollabBot.Core.Domain;
using CollabBot.Core.Meetings;
using CollabBot.Core.Replies;
using CollabBot.Core.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static CollabBot.Core.Tests.Support.HarnessQueries;

namespace CollabBot.Core.Tests.Calendars;

/// <summary>
/// A personal feed's RSVP state: every event names its owner as ATTENDEE with the PARTSTAT of their answer — the series'
/// own event NEEDS-ACTION, each answered date an override of its own — read back by Ical.Net and Python's icalendar.
/// Noah answers yes to the monthly meeting of 2026-12-08, no to that of 2027-01-12, maybe to the one-off review.
/// </summary>
public sealed class RsvpFeedTests
{
    private const string Host = "collab.example.org";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<(string Feed, string Address)> FeedAsync()
    {
        await using var h = await CoreHarness.StartWithSeedMeetingsAsync();
        foreach (var (who, line) in new[]
        {
            ("console:amara", "/meeting schedule calorimetry \"Review\" --when \"2027-02-02 10:00\""),
            ("console:noah", "/meeting rsvp calorimetry/monthly yes --date 2026-12-08"),
            ("console:noah", "/meeting rsvp calorimetry/monthly no --date 2027-01-12"),
            ("console:noah", "/meeting rsvp calorimetry/review maybe"),
            ("console:sofia", "/meeting rsvp calorimetry/monthly no --date 2026-12-08"),
        })
        {
            AssertStatus(ReplyStatus.Ok, await h.SayAsync(who, line));
        }

        var noah = (await h.PersonAsync("console:noah"))!;
        var series = await h.QueryAsync(db => db.MeetingSeries.Include(s => s.Group).Include(s => s.Changes).Where(s => s.Group.Slug == "calorimetry").OrderBy(s => s.Id).ToListAsync(Ct));
        var answers = await h.QueryAsync(db => db.Rsvps.Where(r => r.PersonId == noah.Id).ToDictionaryAsync(r => (r.SeriesId, r.OccurrenceDate), r => r.Answer, Ct));
        var address = FeedAttendee.AddressOf(Host, noah.Id);
        var feed = new ICalendarWriter(Host, h.Clock.GetUtcNow(), s => MeetingRefs.Offsets(s, new ReminderOptions()))
            .Write("Noah", series, [], s => $"https://{Host}/wg/{s.Group.Slug}", attendee: new FeedAttendee(noah.DisplayName, address, answers));
        return (feed, address);
    }

    /// <summary>What the feed should say: (summary prefix, original date or "" for a series' own event) → PARTSTAT.</summary>
    private static readonly Dictionary<(string, string), string> Expected = new()
    {
        [("Calorimetry monthly meeting", "")] = "NEEDS-ACTION",
        [("Calorimetry monthly meeting", "20261208")] = "ACCEPTED",
        [("Calorimetry monthly meeting", "20270112")] = "DECLINED",
        [("Review", "")] = "TENTATIVE",
    };

    [Fact]
    public async Task IcalNet_EachEventNamesTheOwnerWithTheirAnswer()
    {
        var (feed, address) = await FeedAsync();

        var calendar = Ical.Net.Calendar.Load(feed)!;

        foreach (var e in calendar.Events)
        {
            var attendee = Assert.Single(e.Attendees);
            Assert.Equal(address, attendee.Value!.OriginalString);
            Assert.Equal("Noah Schmidt", attendee.CommonName);
            Assert.False(attendee.Rsvp);
            Assert.Equal("mailto:calorimetry@collab.example.org.invalid", e.Organizer!.Value!.OriginalString);
            var key = (e.Summary!.Split(" (")[0], Day(e));
            Assert.Equal(Expected.GetValueOrDefault(key, "NEEDS-ACTION"), attendee.ParticipationStatus);
            Assert.Equal(key == ("Calorimetry monthly meeting", "20270112") ? "TRANSPARENT" : "OPAQUE", e.Transparency ?? "OPAQUE");
        }

        foreach (var (key, status) in Expected)
        {
            Assert.Contains(calendar.Events, e => e.Summary!.StartsWith(key.Item1, StringComparison.Ordinal)
                && (Day(e)) == key.Item2
                && e.Attendees.Single().ParticipationStatus == status);
        }
    }

    private static string Day(Ical.Net.CalendarComponents.CalendarEvent e) =>
        e.RecurrenceIdentifier is { } r ? r.StartTime.Date.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture) : "";

    [Fact]
    public void Address_IsAStableUnreachableMailtoPerPersonAndHost()
    {
        var a = FeedAttendee.AddressOf(Host, 7);

        Assert.Equal(a, FeedAttendee.AddressOf(Host, 7));
        Assert.NotEqual(a, FeedAttendee.AddressOf(Host, 8));
        Assert.NotEqual(a, FeedAttendee.AddressOf("other.example.org", 7));
        var uri = new Uri(a);
        Assert.Equal("mailto", uri.Scheme);
        Assert.EndsWith(".invalid", uri.Host, StringComparison.Ordinal);
        Assert.Matches("^[0-9a-f]{20}$", uri.UserInfo); // a hash, not the person's id
    }

    [Fact]
    public async Task PythonIcalendar_ReadsTheSameAnswers()
    {
        var (feed, address) = await FeedAsync();

        var lines = (await PythonFeedCheck.RunAsync(PythonRsvp, feed, "apt-get install python3-icalendar to check the feed with it.")).Select(l => l.Split('|')).ToList();

        Assert.NotEmpty(lines);
        foreach (var line in lines)
        {
            // summary|recurrence date|attendee|partstat|cn|transp
            var key = (line[0].Split(" (")[0], line[1]);
            Assert.Equal(address, line[2]);
            Assert.Equal("Noah Schmidt", line[4]);
            Assert.True(Expected.GetValueOrDefault(key, "NEEDS-ACTION") == line[3], string.Join("|", line));
            Assert.Equal(key == ("Calorimetry monthly meeting", "20270112") ? "TRANSPARENT" : "", line[5]);
        }

        foreach (var (key, status) in Expected)
        {
            Assert.Contains(lines, l => l[0].StartsWith(key.Item1, StringComparison.Ordinal) && l[1] == key.Item2 && l[3] == status);
        }
    }

    /// <summary>Prints, for every VEVENT, its summary, recurrence date, attendee address, PARTSTAT, CN and TRANSP.</summary>
    private const string PythonRsvp = """
        import sys
        try:
            import icalendar
        except ImportError as e:
            print(f"Python lacks {e.name}; apt-get install python3-icalendar to check the feed with it.")
            sys.exit(77)

        with open(sys.argv[1], "rb") as f:
            cal = icalendar.Calendar.from_ical(f.read())
        for e in cal.walk("VEVENT"):
            attendees = e.get("ATTENDEE")
            if attendees is None or isinstance(attendees, list):
                sys.exit(f"expected one ATTENDEE in {e.get('SUMMARY')}, got {attendees!r}")
            rid = e.get("RECURRENCE-ID")
            day = rid.dt.strftime("%Y%m%d") if rid is not None else ""
            print(f"{e.get('SUMMARY')}|{day}|{attendees}|{attendees.params.get('PARTSTAT')}|{attendees.params.get('CN')}|{e.get('TRANSP', '')}")
        """;
}
