using CollabBot.Core.Data;
using CollabBot.Core.Meetings;
using CollabBot.Core.Reminders;
using CollabBot.Core.Seeding;
using CollabBot.Core.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CollabBot.Core.Tests.Seeding;

/// <summary>The seed's meetings: anchored on the load date (the harness clock, Wed 2026-11-25 09:00 UTC), loaded once, validated first.</summary>
public sealed class SeedLoaderTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<SeedResult> LoadAsync(CoreHarness h, string yaml, string source = "test.yaml")
    {
        await using var scope = h.Services.CreateAsyncScope();
        return await SeedLoader.LoadAsync(scope.ServiceProvider.GetRequiredService<CollabBotDbContext>(), yaml, source, Ct);
    }

    private static string Community => File.ReadAllText(CoreHarness.SeedPath);

    private static string OneMeeting(string meeting) => $"""
        people:
          - {"{"} id: ann, name: Ann Example {"}"}
        groups:
          - slug: demo
            name: Demo
            kind: area
            tz: Europe/Zurich
            conveners: [ann]
            meetings:
        {meeting}
        """;

    [Fact]
    public async Task Seed_LoadedTwice_SecondLoadAddsNothing()
    {
        await using var h = await CoreHarness.StartWithSeedMeetingsAsync();
        var before = await h.QueryAsync(db => Task.FromResult((db.MeetingSeries.Count(), db.Talks.Count(), db.Audit.Count())));

        h.Clock.Advance(TimeSpan.FromDays(40));
        var again = await LoadAsync(h, Community, "community.yaml");

        Assert.Equal(SeedResult.Empty, again);
        Assert.Equal(before, await h.QueryAsync(db => Task.FromResult((db.MeetingSeries.Count(), db.Talks.Count(), db.Audit.Count()))));
        Assert.True(before.Item1 >= 8, $"expected the demo's meetings, found {before.Item1}");
    }

    [Fact]
    public async Task Seed_CalorimetryMonthly_IsSecondTuesdayInZurichWithAgendaOnNextOccurrence()
    {
        await using var h = await CoreHarness.StartWithSeedMeetingsAsync();

        var series = await h.QueryAsync(db => db.MeetingSeries.Include(s => s.Group).Include(s => s.Changes).SingleAsync(s => s.Group.Slug == "calorimetry" && s.Slug == "monthly", Ct));
        var talks = await h.QueryAsync(db => db.Talks.Where(t => t.SeriesId == series.Id).OrderBy(t => t.Id).Select(t => new { t.OccurrenceDate, t.Title, t.SpeakerPerson!.DisplayName, t.Minutes }).ToListAsync(Ct));

        Assert.Equal("monthly on the 2nd Tue at 15:00 Europe/Zurich", MeetingRefs.Describe(series));
        Assert.Equal("1d,15m", series.ReminderOffsets);
        Assert.Equal(90, series.DurationMinutes);
        var next = Assert.Single(Occurrences.Next(series, h.Clock.GetUtcNow(), 1));
        Assert.Equal(new DateTimeOffset(2026, 12, 8, 14, 0, 0, TimeSpan.Zero), next.Start);
        Assert.Equal(3, talks.Count);
        Assert.All(talks, t => Assert.Equal("2026-12-08", t.OccurrenceDate));
        Assert.Equal("Sofia Lindqvist", talks[0].DisplayName);
    }

    [Fact]
    public async Task Seed_TrackingExpert_IsEveryTwoWeeksOnWednesdayFromTheLoadDate()
    {
        await using var h = await CoreHarness.StartWithSeedMeetingsAsync();

        var series = await h.QueryAsync(db => db.MeetingSeries.Include(s => s.Group).Include(s => s.Changes).SingleAsync(s => s.Group.Slug == "tracking" && s.Slug == "expert", Ct));

        Assert.Equal("every 2 weeks on Wed at 14:00 Europe/Paris", MeetingRefs.Describe(series));
        Assert.Equal("2026-11-25 14:00", series.StartLocal);
        Assert.Equal(["2026-11-25", "2026-12-09", "2026-12-23"], Occurrences.Next(series, h.Clock.GetUtcNow(), 3).Select(o => MeetingTime.FormatDate(o.StartLocal.Date)));
    }

    [Fact]
    public async Task Seed_MeetingWithoutRemind_IsRemindedAtTheDeploymentDefaults()
    {
        await using var h = await CoreHarness.StartWithSeedMeetingsAsync();
        var series = await h.QueryAsync(db => db.MeetingSeries.SingleAsync(s => s.Group.Slug == "tracking" && s.Slug == "expert", Ct));
        var now = h.Clock.GetUtcNow();

        var due = await h.Services.GetRequiredService<ReminderService>().PlanAsync(now, now.AddHours(36), null, Ct);

        // Today 14:00 Paris is 13:00 UTC: its 1-day reminder is already past, its 15-minute one is ahead.
        Assert.Null(series.ReminderOffsets);
        Assert.Equal([new DateTimeOffset(2026, 11, 25, 12, 45, 0, TimeSpan.Zero)], due.Where(d => d.SeriesId == series.Id).Select(d => d.DueAt));
    }

    [Fact]
    public async Task Seed_HackathonWithOnce_IsAOneOffOnTheFirstDateItsWhenGives()
    {
        await using var h = await CoreHarness.StartWithSeedMeetingsAsync();

        var series = await h.QueryAsync(db => db.MeetingSeries.SingleAsync(s => s.Group.Slug == "training" && s.Slug == "hackathon", Ct));
        var talkDates = await h.QueryAsync(db => db.Talks.Where(t => t.SeriesId == series.Id).Select(t => t.OccurrenceDate).Distinct().ToListAsync(Ct));

        Assert.Null(series.Rule);
        Assert.Equal("2026-11-27 09:00", series.StartLocal);
        Assert.Equal("hackathon", series.Kind);
        Assert.Equal(["2026-11-27"], talkDates);
    }

    [Fact]
    public async Task Seed_ExplicitStart_AnchorsTheScheduleInsteadOfTheLoadDate()
    {
        await using var h = await CoreHarness.StartAsync(seed: false);

        var result = await LoadAsync(h, OneMeeting("""
                  - { title: Weekly sync, when: "weekly on mon 09:30", start: "2027-03-01 00:00", tz: America/Chicago, remind: "off" }
            """));

        var series = await h.QueryAsync(db => db.MeetingSeries.SingleAsync(Ct));
        Assert.Equal(1, result.Meetings);
        Assert.Equal("weekly-sync", series.Slug);
        Assert.Equal("2027-03-01 09:30", series.StartLocal);
        Assert.Equal("America/Chicago", series.TimeZone);
        Assert.Equal("", series.ReminderOffsets);
    }

    [Fact]
    public async Task Seed_GeneralMeetingDuties_HaveServedTurnsSinceJuneAndFairCounts()
    {
        await using var h = await CoreHarness.StartWithSeedMeetingsAsync();

        var list = await h.SayAsync("console:chen", "/meeting duty list general/monthly");
        var profile = await h.SayAsync("console:fatima", "/profile show");

        // Five general meetings (June to October) were held before the load date, 2026-11-25: three chairs, four minute-takers.
        Assert.Contains("Turns served: Amara Okafor 2, Priya Raman 2, Jonas van der Berg 1", list.Plain, StringComparison.Ordinal);
        Assert.Contains("Turns served: Fatima Zahra El Idrissi 2, Elena Popescu 1, Marcus Webb 1, Sofia Lindqvist 1", list.Plain, StringComparison.Ordinal);
        Assert.Contains("Service: minutes 2 (meeting duties held)", profile.Plain, StringComparison.Ordinal);
        Assert.Equal(0, await h.QueryAsync(db => db.DutyTurns.CountAsync(Ct))); // served without anything written down
    }

    [Theory]
    [InlineData("""- { title: Broken, when: "monthly on 2nd tus 15:00" }""", "demo: meeting 'Broken': In --when: 'tus' is not right")]
    [InlineData("""- { title: Rule, when: "RRULE:FREQ=WEEKLY;BYDAY=TU" }""", "demo: meeting 'Rule': An RRULE needs --start")]
    [InlineData("""- { title: "", when: "weekly on tue 15:00" }""", "a title must be 1 to 200 characters")]
    [InlineData("""- { title: Talk, when: "weekly on tue 15:00", talks: [{ title: Hello, speaker: bob }] }""", "speaker 'bob' is not a person in this file")]
    [InlineData("""- { title: Link, when: "weekly on tue 15:00", link: "javascript:alert(1)" }""", "link must be a web address")]
    [InlineData("""- { title: Remind, when: "weekly on tue 15:00", remind: "soon" }""", "remind: 'soon' is not a duration")]
    [InlineData("""- { title: Long, when: "weekly on tue 15:00", duration: 2 }""", "duration is in minutes, from 5 to 1440")]
    [InlineData("""- { title: Zone, when: "weekly on tue 15:00", tz: Mars/Olympus }""", "'Mars/Olympus' is not an IANA time zone")]
    [InlineData("- { title: Same, when: \"weekly on tue 15:00\" }\n      - { title: same, when: \"weekly on wed 15:00\" }", "two meetings have the slug 'same'")]
    [InlineData("""- { title: Duty, when: "weekly on tue 15:00", duties: [{ name: chair, volunteers: [ann, bob] }] }""", "duty 'chair': volunteer 'bob' is not a person in this file")]
    [InlineData("""- { title: Duty, when: "weekly on tue 15:00", duties: [{ name: "Chair Person", volunteers: [ann] }] }""", "duty 'Chair Person' must be a slug")]
    public async Task Seed_InvalidMeeting_FailsWithASentenceAndWritesNothing(string meeting, string expected)
    {
        await using var h = await CoreHarness.StartAsync(seed: false);

        var ex = await Assert.ThrowsAsync<SeedException>(() => LoadAsync(h, OneMeeting("      " + meeting)));

        Assert.StartsWith("test.yaml: ", ex.Message, StringComparison.Ordinal);
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, await h.QueryAsync(db => db.Groups.CountAsync(Ct)));
    }
}
