using CollabBot.Core.Calendars;
using CollabBot.Core.Data;
using CollabBot.Core.Domain;
using CollabBot.Core.Meetings;
using CollabBot.Core.Replies;
using CollabBot.Core.Tests.Support;
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
}
