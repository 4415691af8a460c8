using CollabBot.Core.Calendars;
using CollabBot.Core.Domain;
using CollabBot.Core.Features.Meeting;
using CollabBot.Core.Meetings;
using CollabBot.Core.Replies;
using CollabBot.Core.Tests.Support;
using Ical.Net.CalendarComponents;
using Microsoft.EntityFrameworkCore;

namespace CollabBot.Core.Tests.Calendars;

/// <summary>
/// VALARMs in the feeds: one per reminder offset of the event's series, none on a cancelled occurrence and none for a
/// series whose reminders are off; read back by Ical.Net and by Python's icalendar.
/// </summary>
public sealed class AlarmTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly ReminderOptions Defaults = new() { DefaultOffsets = ["1d", "15m"] };

    private static async Task<(CoreHarness H, string Feed, Dictionary<string, IReadOnlyList<TimeSpan>> Expected)> FeedAsync()
    {
        var h = await CoreHarness.StartAsync();
        foreach (var line in new[]
        {
            "/meeting schedule calorimetry \"Monthly meeting\" --when \"monthly on 2nd tue 15:00\" --remind 1d,15m",
            "/meeting schedule calorimetry \"Dev sync\" --when \"weekly on thu 09:30\" --tz America/Chicago --remind 2h30m",
            "/meeting schedule calorimetry \"Quiet\" --when \"2027-03-28 10:00\"",
            "/meeting reminders calorimetry/quiet --off",
            "/meeting cancel calorimetry/monthly-meeting --date 2027-01-12 --reason \"winter break\"",
            "/meeting schedule calorimetry \"Review\" --when \"2027-02-02 10:00\"",
            "/meeting cancel calorimetry/review --date 2027-02-02",
            "/meeting talk add calorimetry/monthly-meeting \"Showers\" --date 2026-12-08",
        })
        {
            var reply = await h.SayAsync("console:amara", line);
            Assert.True(reply.Status == ReplyStatus.Ok, line + " → " + reply.Plain);
        }

        var series = await h.QueryAsync(db => db.MeetingSeries.Include(s => s.Group).Include(s => s.Changes).OrderBy(s => s.Id).ToListAsync(Ct));
        var talks = await h.QueryAsync(db => db.Talks.Select(t => new FeedTalk(t.SeriesId, t.OccurrenceDate, t.Title, t.SpeakerName, t.Minutes)).ToListAsync(Ct));
        var feed = new ICalendarWriter("collab.example.org", h.Clock.GetUtcNow(), s => MeetingRefs.Offsets(s, Defaults))
            .Write("Calorimetry", series, talks, s => "https://collab.example.org/wg/" + s.Group.Slug);
        var expected = series.ToDictionary(s => $"series-{s.Id}@collab.example.org", s => MeetingRefs.Offsets(s, Defaults));
        return (h, feed, expected);
    }

    [Fact]
    public async Task IcalNet_EveryEventHasAnAlarmPerOffset_CancelledAndSilentOnesNone()
    {
        var (h, feed, expected) = await FeedAsync();
        await using var _ = h;

        var calendar = Ical.Net.Calendar.Load(feed)!;

        Assert.Equal([TimeSpan.FromDays(1), TimeSpan.FromMinutes(15)], expected.Values.First().Order().Reverse());
        Assert.Contains(expected.Values, o => o.Count == 0);
        foreach (var e in calendar.Events)
        {
            var triggers = e.Alarms.Select(a => a.Trigger!.Duration!.Value.ToTimeSpanUnspecified()).Order().ToList();
            if (string.Equals(e.Status, "CANCELLED", StringComparison.OrdinalIgnoreCase))
            {
                Assert.Empty(triggers);
                continue;
            }

            Assert.Equal(expected[e.Uid!].Select(o => -o).Order(), triggers);
            Assert.All(e.Alarms, a => Assert.Equal("DISPLAY", a.Action));
        }

        Assert.Contains(calendar.Events, e => e.Alarms.Count == 2);
        Assert.Contains(calendar.Events, e => e.Alarms.Count == 1 && e.Alarms[0]!.Trigger!.Duration!.Value.ToTimeSpanUnspecified() == -new TimeSpan(2, 30, 0));
        Assert.Contains(calendar.Events, e => e.Status == "CANCELLED");
    }

    [Theory]
    [InlineData(0, 0, 15, "PT15M")]
    [InlineData(1, 0, 0, "P1D")]
    [InlineData(1, 2, 30, "P1DT2H30M")]
    [InlineData(0, 2, 0, "PT2H")]
    public void Duration_IsAnRfc5545DurValue(int days, int hours, int minutes, string expected) =>
        Assert.Equal(expected, ICalendarWriter.Duration(new TimeSpan(days, hours, minutes, 0)));

    [Fact]
    public async Task PythonIcalendar_ReadsTheSameAlarms()
    {
        var (h, feed, expected) = await FeedAsync();
        await using var _ = h;

        var lines = await PythonFeedCheck.RunAsync(PythonAlarms, feed, "apt-get install python3-icalendar to check the alarms with it.");

        Assert.NotEmpty(lines);
        foreach (var line in lines)
        {
            // uid|status|seconds,seconds
            var parts = line.Split('|');
            var seconds = parts[2].Length == 0 ? [] : parts[2].Split(',').Select(double.Parse).Order().ToList();
            var want = parts[1] == "CANCELLED" ? [] : expected[parts[0]].Select(o => -o.TotalSeconds).Order().ToList();
            Assert.True(want.SequenceEqual(seconds), $"{line}: expected [{string.Join(",", want)}]");
        }
    }

    /// <summary>Prints, for every VEVENT, its UID, STATUS and its alarms' triggers in seconds (negative: before the start).</summary>
    private const string PythonAlarms = """
        import sys
        try:
            import icalendar
        except ImportError as e:
            print(f"Python lacks {e.name}; apt-get install python3-icalendar to check the alarms with it.")
            sys.exit(77)

        with open(sys.argv[1], "rb") as f:
            cal = icalendar.Calendar.from_ical(f.read())
        for e in cal.walk("VEVENT"):
            triggers = []
            for a in e.walk("VALARM"):
                if str(a.get("ACTION")) != "DISPLAY":
                    sys.exit(f"alarm without ACTION:DISPLAY in {e.get('UID')}")
                triggers.append(str(a.decoded("TRIGGER").total_seconds()))
            print(f"{e.get('UID')}|{str(e.get('STATUS', '')).upper()}|{','.join(triggers)}")
        """;
}
