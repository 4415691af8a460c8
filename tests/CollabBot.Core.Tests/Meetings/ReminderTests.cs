using CollabBot.Core.Domain;
using CollabBot.Core.Outbox;
using CollabBot.Core.Reminders;
using CollabBot.Core.Replies;
using CollabBot.Core.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CollabBot.Core.Tests.Meetings;

/// <summary>Reminders with a fake clock: the seeded calorimetry group has a Slack and a Discord channel linked.</summary>
public sealed class ReminderTests
{
    // 2026-12-08 is the 2nd Tuesday; 15:00 Zurich = 14:00 UTC.
    private static readonly DateTimeOffset Start = new(2026, 12, 8, 14, 0, 0, TimeSpan.Zero);

    private static async Task<(CoreHarness H, FakePoster Slack, FakePoster Discord)> StartAsync()
    {
        var slack = new FakePoster("slack");
        var discord = new FakePoster("discord");
        var h = await CoreHarness.StartAsync(true, s =>
        {
            s.AddSingleton<IChatPoster>(slack);
            s.AddSingleton<IChatPoster>(discord);
        });
        var reply = await h.SayAsync("console:amara", "/meeting schedule calorimetry \"Monthly meeting\" --when \"monthly on 2nd tue 15:00\" --remind 1d,15m");
        Assert.Equal(ReplyStatus.Ok, reply.Status);

        // The schedule announcement goes to the same channels: deliver it now so each test sees only reminders.
        await h.Services.GetRequiredService<OutboxDelivery>().DeliverDueAsync(Ct);
        Assert.Contains("New meeting", Assert.Single(slack.Posted).Reply.Plain, StringComparison.Ordinal);
        slack.Posted.Clear();
        discord.Posted.Clear();
        slack.ResetAttempts();
        return (h, slack, discord);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static ReminderService Reminders(CoreHarness h) => h.Services.GetRequiredService<ReminderService>();

    private static Task<int> ReminderRowsAsync(CoreHarness h) =>
        h.QueryAsync(db => db.OutboundMessages.CountAsync(m => m.DedupeKey != null && m.DedupeKey.StartsWith("reminder:"), Ct));

    [Fact]
    public async Task Plan_TwoOffsets_ListsBothDueTimesForTheOccurrence()
    {
        var (h, _, _) = await StartAsync();
        await using var _h = h;

        var due = await Reminders(h).PlanAsync(Start.AddDays(-2), Start, null, Ct);

        Assert.Equal([Start.AddDays(-1), Start.AddMinutes(-15)], due.Select(d => d.DueAt));
    }

    [Fact]
    public async Task Outage_ReminderMissedWithinCatchUpWindow_IsSentOnceAfterRestart()
    {
        var (h, slack, discord) = await StartAsync();
        await using var _h = h;

        // The service was down when the 15-minute reminder fell due; it comes back 10 minutes later.
        h.Clock.SetUtcNow(Start.AddMinutes(-5));
        var missed = await Reminders(h).PlanAsync(h.Clock.GetUtcNow() - Reminders(h).CatchUpWindow, h.Clock.GetUtcNow(), null, Ct);
        var reminder = Assert.Single(missed);

        Assert.Equal(ReminderService.Outcome.Queued, await Reminders(h).SendAsync(reminder, Ct));
        Assert.Equal(ReminderService.Outcome.AlreadySent, await Reminders(h).SendAsync(reminder, Ct));
        await h.Services.GetRequiredService<OutboxDelivery>().DeliverDueAsync(Ct);
        await h.Services.GetRequiredService<OutboxDelivery>().DeliverDueAsync(Ct);

        Assert.Equal(2, await ReminderRowsAsync(h));
        Assert.Single(slack.Posted);
        Assert.Single(discord.Posted);
        Assert.Contains("Monthly meeting", slack.Posted.Single().Reply.Plain, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Outage_LongerThanCatchUpWindow_ReminderIsNotSent()
    {
        var (h, _, _) = await StartAsync();
        await using var _h = h;
        var dayBefore = (await Reminders(h).PlanAsync(Start.AddDays(-2), Start, null, Ct)).First();

        h.Clock.SetUtcNow(dayBefore.DueAt + TimeSpan.FromMinutes(31));

        Assert.Equal(ReminderService.Outcome.TooLate, await Reminders(h).SendAsync(dayBefore, Ct));
        Assert.Equal(0, await ReminderRowsAsync(h));
    }

    [Fact]
    public async Task Cancel_Occurrence_ItsRemindersAreNotSent()
    {
        var (h, _, _) = await StartAsync();
        await using var _h = h;
        var due = (await Reminders(h).PlanAsync(Start.AddDays(-2), Start, null, Ct)).First();

        Assert.Equal(ReplyStatus.Ok, (await h.SayAsync("console:amara", "/meeting cancel calorimetry/monthly-meeting --date 2026-12-08")).Status);
        h.Clock.SetUtcNow(due.DueAt);

        Assert.Equal(ReminderService.Outcome.Gone, await Reminders(h).SendAsync(due, Ct));
        Assert.DoesNotContain(await Reminders(h).PlanAsync(Start.AddDays(-2), Start, null, Ct), r => r.OriginalDate == "2026-12-08");
    }

    [Fact]
    public async Task Move_Occurrence_RemindersFollowTheNewTime()
    {
        var (h, _, _) = await StartAsync();
        await using var _h = h;
        var old = (await Reminders(h).PlanAsync(Start.AddDays(-2), Start, null, Ct)).Last();

        Assert.Equal(ReplyStatus.Ok, (await h.SayAsync("console:amara", "/meeting move calorimetry/monthly-meeting --date 2026-12-08 --to \"2026-12-09 16:00\"")).Status);
        var moved = await Reminders(h).PlanAsync(Start.AddDays(-2), Start.AddDays(2), null, Ct);

        var newStart = new DateTimeOffset(2026, 12, 9, 15, 0, 0, TimeSpan.Zero);
        Assert.Equal([newStart.AddDays(-1), newStart.AddMinutes(-15)], moved.Select(r => r.DueAt));
        h.Clock.SetUtcNow(old.DueAt);
        Assert.Equal(ReminderService.Outcome.Gone, await Reminders(h).SendAsync(old, Ct));
        h.Clock.SetUtcNow(newStart.AddMinutes(-15));
        Assert.Equal(ReminderService.Outcome.Queued, await Reminders(h).SendAsync(moved.Last(), Ct));
    }

    [Fact]
    public async Task Delivery_PlatformFailsTwiceThenSucceeds_DeliveredExactlyOnce()
    {
        var (h, slack, _) = await StartAsync();
        await using var _h = h;
        var delivery = h.Services.GetRequiredService<OutboxDelivery>();
        var due = (await Reminders(h).PlanAsync(Start.AddDays(-2), Start, null, Ct)).Last();
        h.Clock.SetUtcNow(due.DueAt);
        slack.FailNext = 2;

        Assert.Equal(ReminderService.Outcome.Queued, await Reminders(h).SendAsync(due, Ct));
        await delivery.DeliverDueAsync(Ct);
        h.Clock.Advance(TimeSpan.FromSeconds(5));
        await delivery.DeliverDueAsync(Ct);
        h.Clock.Advance(TimeSpan.FromSeconds(10));
        await delivery.DeliverDueAsync(Ct);
        h.Clock.Advance(TimeSpan.FromSeconds(30));
        await delivery.DeliverDueAsync(Ct);

        Assert.Equal(3, slack.Attempts);
        Assert.Single(slack.Posted);
        var row = await h.QueryAsync(db => db.OutboundMessages.SingleAsync(m => m.Platform == "slack" && m.DedupeKey != null, Ct));
        Assert.Equal(OutboundStatus.Sent, row.Status);
        Assert.Equal(3, row.Attempts);
    }

    [Fact]
    public async Task Delivery_PlatformDownUntilTheMeetingStarts_IsGivenUp()
    {
        var (h, slack, _) = await StartAsync();
        await using var _h = h;
        var delivery = h.Services.GetRequiredService<OutboxDelivery>();
        var due = (await Reminders(h).PlanAsync(Start.AddDays(-2), Start, null, Ct)).Last();
        h.Clock.SetUtcNow(due.DueAt);
        slack.FailNext = int.MaxValue;

        await Reminders(h).SendAsync(due, Ct);
        for (var i = 0; i < 20; i++)
        {
            await delivery.DeliverDueAsync(Ct);
            h.Clock.Advance(TimeSpan.FromMinutes(2));
        }

        var row = await h.QueryAsync(db => db.OutboundMessages.SingleAsync(m => m.Platform == "slack" && m.DedupeKey != null, Ct));
        Assert.Equal(OutboundStatus.Failed, row.Status);
        Assert.Empty(slack.Posted);
    }

    [Fact]
    public async Task Delivery_ClaimLapsesAfterTheMeetingStarted_IsGivenUpNotPosted()
    {
        var (h, slack, _) = await StartAsync();
        await using var _h = h;
        var delivery = h.Services.GetRequiredService<OutboxDelivery>();
        var due = (await Reminders(h).PlanAsync(Start.AddDays(-2), Start, null, Ct)).Last();
        h.Clock.SetUtcNow(due.DueAt);
        await Reminders(h).SendAsync(due, Ct);

        // Another instance claimed the Slack row a minute before the meeting and died holding it.
        h.Clock.SetUtcNow(Start.AddMinutes(-1));
        await h.QueryAsync(db => db.OutboundMessages.Where(m => m.Platform == "slack" && m.DedupeKey != null)
            .ExecuteUpdateAsync(u => u.SetProperty(m => m.Attempts, 1).SetProperty(m => m.NextAttemptAt, Start.AddMinutes(-1) + OutboxDelivery.Lease), Ct));
        h.Clock.SetUtcNow(Start.AddMinutes(-1) + OutboxDelivery.Lease);
        await delivery.DeliverDueAsync(Ct);

        var row = await h.QueryAsync(db => db.OutboundMessages.SingleAsync(m => m.Platform == "slack" && m.DedupeKey != null, Ct));
        Assert.Equal(OutboundStatus.Failed, row.Status);
        Assert.Empty(slack.Posted);
    }
}
