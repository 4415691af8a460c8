using CollabBot.Core.Digests;
using CollabBot.Core.Domain;
using CollabBot.Core.Replies;
using CollabBot.Core.Tests.Support;
using CollabBot.Tests.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace CollabBot.Core.Tests.Digests;

/// <summary>
/// Digests on the fake clock over the demo community (seeded 2026-11-25 without meetings: its members joined and its
/// contributions were confirmed then, so November has activity and December has none). Calorimetry is in
/// Europe/Zurich and has two linked channels; its default digest is due on the first working day at 09:00.
/// </summary>
public sealed class DigestTests
{
    /// <summary>Tuesday 1 December 2026, 09:00 in Zurich: the digest of November is due.</summary>
    private static readonly DateTimeOffset NovemberDue = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);

    /// <summary>Friday 1 January 2027, 09:00 in Zurich: the digest of December is due.</summary>
    private static readonly DateTimeOffset DecemberDue = new(2027, 1, 1, 8, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<int> GroupIdAsync(CoreHarness h, string slug) => h.QueryAsync(db => db.Groups.Where(g => g.Slug == slug).Select(g => g.Id).SingleAsync(Ct));

    private static Task<List<OutboundMessage>> DigestsAsync(CoreHarness h, int? groupId = null) =>
        h.QueryAsync(db => db.OutboundMessages.AsNoTracking()
            .Where(m => m.DedupeKey != null && m.DedupeKey.StartsWith(groupId == null ? "digest:" : $"digest:{groupId}:"))
            .ToListAsync(Ct));

    private static Task<int> ChannelsAsync(CoreHarness h, int groupId) => h.QueryAsync(db => db.ChannelLinks.CountAsync(c => c.GroupId == groupId && c.UnlinkedAt == null, Ct));

    [Fact]
    public async Task MonthWithNothing_PostsNothing()
    {
        await using var h = await CoreHarness.StartAsync();
        h.Clock.SetUtcNow(DecemberDue);

        var results = await h.Services.GetRequiredService<DigestService>().RunDueAsync(Ct);

        var calorimetry = await GroupIdAsync(h, "calorimetry");
        Assert.Contains(results, r => r.Due.GroupId == calorimetry && r.Outcome == DigestService.Outcome.NothingHappened);
        Assert.Empty(await DigestsAsync(h));
    }

    [Fact]
    public async Task MonthWithActivity_PostsOncePerChannel_ARestartOnTheMinutePostsNothingMore()
    {
        await using var h = await CoreHarness.StartAsync();
        var calorimetry = await GroupIdAsync(h, "calorimetry");
        h.Clock.SetUtcNow(NovemberDue.AddMinutes(-1));
        Assert.DoesNotContain(await h.Services.GetRequiredService<DigestService>().RunDueAsync(Ct), r => r.Due.GroupId == calorimetry);

        h.Clock.SetUtcNow(NovemberDue);
        var first = await h.Services.GetRequiredService<DigestService>().RunDueAsync(Ct);

        Assert.Contains(first, r => r.Due.GroupId == calorimetry && r.Outcome == DigestService.Outcome.Queued && r.Due.Since == new DateOnly(2026, 11, 1) && r.Due.Until == new DateOnly(2026, 11, 30));
        var posted = await DigestsAsync(h, calorimetry);
        Assert.Equal(await ChannelsAsync(h, calorimetry), posted.Count);
        var text = ReplyJson.Deserialize(posted[0].Body).Plain;
        Assert.Contains("New members: 6", text, StringComparison.Ordinal);
        Assert.Contains("Contributions confirmed: 5", text, StringComparison.Ordinal);
        Assert.Contains("/wg/calorimetry/report?since=2026-11-01&until=2026-11-30", text, StringComparison.Ordinal);
        Assert.Contains("/wg/calorimetry/report/meetings.png", text, StringComparison.Ordinal);
        Assert.True(text.Split('\n').Length <= 12, "a digest is headlines, not a wall of text:\n" + text);

        // A restart within the same minute: a new process, nothing remembered, the same digest due.
        h.Clock.Advance(TimeSpan.FromSeconds(30));
        var restarted = ActivatorUtilities.CreateInstance<DigestService>(h.Services);
        var again = await restarted.RunDueAsync(Ct);

        Assert.Contains(again, r => r.Due.GroupId == calorimetry && r.Outcome == DigestService.Outcome.AlreadySent);
        Assert.Equal(posted.Count, (await DigestsAsync(h, calorimetry)).Count);
        h.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.DoesNotContain(await restarted.RunDueAsync(Ct), r => r.Due.GroupId == calorimetry);
    }

    [Fact]
    public async Task TwoInstances_SameMinute_PostOnce()
    {
        if (!TestPostgres.Enabled)
        {
            Assert.Skip($"Set {TestPostgres.Variable} to a PostgreSQL connection string to run this: on SQLite the two instances share one connection and cannot race.");
        }

        await using var h = await CoreHarness.StartAsync();
        await using var other = h.AnotherInstance();
        var calorimetry = await GroupIdAsync(h, "calorimetry");
        h.Clock.SetUtcNow(NovemberDue);

        var runs = await Task.WhenAll(
            h.Services.GetRequiredService<DigestService>().RunDueAsync(Ct),
            other.GetRequiredService<DigestService>().RunDueAsync(Ct));

        var outcomes = runs.SelectMany(r => r).Where(r => r.Due.GroupId == calorimetry).Select(r => r.Outcome).ToList();
        Assert.Single(outcomes, o => o == DigestService.Outcome.Queued);
        Assert.Equal(2, outcomes.Count);
        Assert.Equal(await ChannelsAsync(h, calorimetry), (await DigestsAsync(h, calorimetry)).Count);
        var all = await DigestsAsync(h);
        Assert.Equal(all.Count, all.Select(m => m.DedupeKey).Distinct().Count());
    }

    [Fact]
    public async Task Off_PostsNothing()
    {
        await using var h = await CoreHarness.StartAsync();
        var calorimetry = await GroupIdAsync(h, "calorimetry");
        var off = await h.SayAsync("console:amara", "/wg digest calorimetry --every off");
        Assert.Equal(ReplyStatus.Ok, off.Status);
        h.Clock.SetUtcNow(NovemberDue);

        var results = await h.Services.GetRequiredService<DigestService>().RunDueAsync(Ct);

        Assert.DoesNotContain(results, r => r.Due.GroupId == calorimetry);
        Assert.Empty(await DigestsAsync(h, calorimetry));
        Assert.NotEmpty(await DigestsAsync(h));
    }

    [Fact]
    public async Task Weekly_CoversTheSevenDaysBefore_AtItsDayAndTime()
    {
        await using var h = await CoreHarness.StartAsync();
        var calorimetry = await GroupIdAsync(h, "calorimetry");
        var set = await h.SayAsync("console:amara", "/wg digest calorimetry --every week --day fri --time 17:30");
        Assert.Equal(ReplyStatus.Ok, set.Status);
        Assert.Contains("weekly on fri at 17:30 Europe/Zurich", set.Plain, StringComparison.Ordinal);

        // Friday 27 November 2026, 17:30 in Zurich (UTC+1): the week of 20 to 26 November, which has the seeding.
        h.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 27, 16, 30, 0, TimeSpan.Zero));
        var results = await h.Services.GetRequiredService<DigestService>().RunDueAsync(Ct);

        var due = Assert.Single(results, r => r.Due.GroupId == calorimetry);
        Assert.Equal((new DateOnly(2026, 11, 20), new DateOnly(2026, 11, 26), DigestService.Outcome.Queued), (due.Due.Since, due.Due.Until, due.Outcome));
    }

    [Fact]
    public async Task Preview_ShowsTheNextDigestAsItStands_OrSaysNothingWouldBePosted()
    {
        await using var h = await CoreHarness.StartAsync();
        h.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero));

        var preview = await h.SayAsync("console:amara", "/wg digest calorimetry --preview");

        Assert.Equal(ReplyStatus.Ok, preview.Status);
        Assert.Contains("Contributions confirmed: 5", preview.Plain, StringComparison.Ordinal);
        Assert.Contains("since=2026-11-01&until=2026-11-30", preview.Plain, StringComparison.Ordinal);
        Assert.Empty(await DigestsAsync(h));

        h.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 15, 12, 0, 0, TimeSpan.Zero));
        var empty = await h.SayAsync("console:amara", "/wg digest calorimetry --preview");
        Assert.Contains("would not be posted", empty.Plain, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/wg digest calorimetry --preview --every week", "alone")]
    [InlineData("/wg digest calorimetry --every week --day 15", "not a day of the week")]
    [InlineData("/wg digest calorimetry --every month --day 31", "1 to 28")]
    [InlineData("/wg digest calorimetry --time 25:00", "not a time")]
    [InlineData("/wg digest calorimetry --every off --time 10:00", "not with off")]
    public async Task WgDigest_BadInput_IsInvalidWithTheValidValues(string line, string expected)
    {
        await using var h = await CoreHarness.StartAsync();

        var reply = await h.SayAsync("console:amara", line);

        Assert.Equal(ReplyStatus.Invalid, reply.Status);
        Assert.Contains(expected, reply.Plain, StringComparison.Ordinal);
        Assert.Equal(0, await h.QueryAsync(db => db.DigestSchedules.CountAsync(Ct)));
    }

    [Fact]
    public async Task WgDigest_NotAConvener_IsRefused()
    {
        await using var h = await CoreHarness.StartAsync();

        var reply = await h.SayAsync("console:noah", "/wg digest calorimetry --every week");

        Assert.Equal(ReplyStatus.Refused, reply.Status);
        Assert.Equal(0, await h.QueryAsync(db => db.DigestSchedules.CountAsync(Ct)));
    }

    [Theory]
    [InlineData(2027, 1, 1)]
    [InlineData(2027, 5, 3)]
    [InlineData(2026, 8, 3)]
    public void Monthly_Default_IsTheFirstWorkingDayAtNine(int year, int month, int day)
    {
        var now = new DateTimeOffset(year, month, 20, 12, 0, 0, TimeSpan.Zero);

        var due = DigestPlan.Default.Latest(1, "Europe/Zurich", now)!;

        var local = Instant.FromDateTimeOffset(due.DueAt).InZone(DateTimeZoneProviders.Tzdb["Europe/Zurich"]).LocalDateTime;
        Assert.Equal(new LocalDateTime(year, month, day, 9, 0), local);
        Assert.Equal(new DateOnly(year, month, 1).AddMonths(-1), due.Since);
        Assert.Equal(new DateOnly(year, month, 1).AddDays(-1), due.Until);
    }
}
