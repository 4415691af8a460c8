using CollabBot.Core.Calendars;
using CollabBot.Core.Domain;
using CollabBot.Core.Features.Meeting;
using CollabBot.Core.Meetings;
using CollabBot.Core.Replies;
using CollabBot.Core.Tests.Support;
using Ical.Net.DataTypes;
using Microsoft.EntityFrameworkCore;
using static CollabBot.Core.Tests.Support.HarnessQueries;

namespace CollabBot.Core.Tests.MeetingLife;

/// <summary>
/// /meeting notes and --alternate: minutes on the agenda, in linked channels and in the iCalendar feed (read back with
/// Ical.Net); alternating kinds on the reply, the agenda and each date of the feed. The clock starts on 2026-11-25.
/// </summary>
public sealed class MinutesAndKindsTests
{
    private const string Convener = "console:amara";
    private const string Noah = "console:noah";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<string> FeedAsync(CoreHarness h)
    {
        var series = await h.QueryAsync(db => db.MeetingSeries.Include(s => s.Group).Include(s => s.Changes).Where(s => s.Group.Slug == "calorimetry").OrderBy(s => s.Id).ToListAsync(Ct));
        var ids = series.Select(s => s.Id).ToList();
        var notes = await h.QueryAsync(db => MeetingNotes.FeedNotesAsync(db, ids, Ct));
        return new ICalendarWriter("collab.example.org", h.Clock.GetUtcNow()).Write("Calorimetry", series, [], s => "https://collab.example.org/wg/" + s.Group.Slug, notes);
    }

    [Fact]
    public async Task Notes_Convener_ShowOnTheAgendaInTheChannelsAndInTheFeed()
    {
        await using var h = await CoreHarness.StartWithSeedMeetingsAsync();
        h.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 8, 17, 0, 0, TimeSpan.Zero)); // the 2026-12-08 meeting is over

        var reply = await h.SayAsync(Convener, "/meeting notes calorimetry/monthly --url https://notes.example.org/calo-2026-12-08");
        var corrected = await h.SayAsync(Convener, "/meeting notes calorimetry/monthly --date 2026-12-08 \"Agreed: v2.1 of the benchmark in January; new, fairer split.\"");
        var agenda = await h.SayAsync(Noah, "/meeting agenda calorimetry/monthly --date 2026-12-08");

        AssertStatus(ReplyStatus.Ok, reply);
        AssertStatus(ReplyStatus.Ok, corrected);
        Assert.Contains("Recorded the minutes of the calorimetry/monthly meeting of 2026-12-08.", reply.Plain, StringComparison.Ordinal);
        Assert.Contains("Minutes: Agreed: v2.1 of the benchmark in January; new, fairer split.", agenda.Plain, StringComparison.Ordinal);
        var announced = await h.QueryAsync(db => db.OutboundMessages.CountAsync(m => !m.IsDirect && m.Body.Contains("notes.example.org/calo-2026-12-08"), Ct));
        Assert.Equal(2, announced); // the two linked channels, Slack and Discord

        var calendar = Ical.Net.Calendar.Load(await FeedAsync(h))!;
        var monthly = await h.QueryAsync(db => db.MeetingSeries.Where(s => s.Group.Slug == "calorimetry" && s.Slug == "monthly").Select(s => s.Id).SingleAsync(Ct));
        var events = calendar.Events.Where(e => e.Uid == $"series-{monthly}@collab.example.org" && e.RecurrenceIdentifier is not null).ToList();
        var december = Assert.Single(events, e => e.RecurrenceIdentifier!.StartTime.Date == new DateOnly(2026, 12, 8));
        Assert.Contains("Minutes: Agreed: v2.1 of the benchmark in January; new, fairer split.", december.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Notes_Member_IsRefused()
    {
        await using var h = await CoreHarness.StartWithSeedMeetingsAsync();

        var reply = await h.SayAsync(Noah, "/meeting notes calorimetry/monthly --date 2026-12-08 --url https://notes.example.org/x");

        Assert.Equal(ReplyStatus.Refused, reply.Status);
        Assert.Equal(0, await h.QueryAsync(db => db.MeetingMinutes.CountAsync(Ct)));
    }

    [Theory]
    [InlineData("/meeting notes calorimetry/monthly --date 2026-12-08", "either as a text in quotes or as --url")]
    [InlineData("/meeting notes calorimetry/monthly \"text\" --url https://notes.example.org/x --date 2026-12-08", "either as a text in quotes or as --url")]
    [InlineData("/meeting notes calorimetry/monthly \"text\"", "has not met yet; give --date")]
    public async Task Notes_BadInput_SaysWhatToGive(string line, string expected)
    {
        await using var h = await CoreHarness.StartWithSeedMeetingsAsync();

        var reply = await h.SayAsync(Convener, line);

        Assert.Equal(ReplyStatus.Invalid, reply.Status);
        Assert.Contains(expected, reply.Plain, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Alternate_GeneralExpert_EachDateHasItsKindInRepliesAgendaAndFeed()
    {
        await using var h = await CoreHarness.StartAsync();
        var scheduled = await h.SayAsync(Convener, "/meeting schedule calorimetry \"Seminar\" --when \"weekly on wed 16:00\" --alternate general,expert");
        var agenda = await h.SayAsync(Noah, "/meeting agenda calorimetry/seminar --date 2026-12-02");
        var next = await h.SayAsync(Noah, "/meeting next calorimetry --count 3");

        AssertStatus(ReplyStatus.Ok, scheduled);
        Assert.Contains("Kind: general, then expert, in turn", scheduled.Plain, StringComparison.Ordinal);
        Assert.Contains("(general)", scheduled.Plain, StringComparison.Ordinal);
        Assert.Contains("Kind: expert meeting", agenda.Plain, StringComparison.Ordinal); // 2026-11-25 general, 2026-12-02 expert
        var kinds = next.Sections.SelectMany(s => s.Lines).Select(l => l.Plain).Where(l => l.StartsWith("Seminar", StringComparison.Ordinal)).Select(l => l.Contains("expert", StringComparison.Ordinal) ? "expert" : "general").ToList();
        Assert.Equal(["general", "expert", "general"], kinds);

        var series = await h.QueryAsync(db => db.MeetingSeries.Include(s => s.Group).Include(s => s.Changes).SingleAsync(Ct));
        var calendar = Ical.Net.Calendar.Load(new ICalendarWriter("collab.example.org", h.Clock.GetUtcNow()).Write("Calorimetry", [series], [], s => "https://x"))!;
        var byDate = calendar.Events.Where(e => e.RecurrenceIdentifier is not null).ToDictionary(e => e.RecurrenceIdentifier!.StartTime.Date, e => e.Categories.Single());
        Assert.Equal("general", byDate[new DateOnly(2026, 12, 9)]);
        Assert.Equal("expert", byDate[new DateOnly(2026, 12, 16)]);

        // Ical.Net expands the feed to the same dates as ours: the overrides add no meeting.
        var from = h.Clock.GetUtcNow();
        var ours = Occurrences.Between(series, from, from.AddDays(120)).Select(o => o.Start.UtcDateTime).ToList();
        var theirs = calendar.GetOccurrences(new CalDateTime(from.UtcDateTime), null).Select(o => o.Period.StartTime.AsUtc).TakeWhile(t => t <= from.AddDays(120).UtcDateTime).ToList();
        Assert.Equal(ours, theirs);
    }

    [Fact]
    public async Task Alternate_Invalid_SaysHowToWriteIt()
    {
        await using var h = await CoreHarness.StartAsync();

        var one = await h.SayAsync(Convener, "/meeting schedule calorimetry \"Seminar\" --when \"weekly on wed 16:00\" --alternate general");
        var bad = await h.SayAsync(Convener, "/meeting schedule calorimetry \"Seminar\" --when \"weekly on wed 16:00\" --alternate \"general,Expert Talk\"");

        Assert.Equal(ReplyStatus.Invalid, one.Status);
        Assert.Contains("2 to 6 kinds separated by commas", one.Plain, StringComparison.Ordinal);
        Assert.Equal(ReplyStatus.Invalid, bad.Status);
        Assert.Contains("is not a kind", bad.Plain, StringComparison.Ordinal);
    }
}
