using CollabBot.Console;
using CollabBot.Core.Data;
using CollabBot.Core.Domain;
using CollabBot.Core.Meetings;
using CollabBot.Core.Reminders;
using CollabBot.Core.Replies;
using CollabBot.IntegrationTests.Support;
using CollabBot.Scheduling;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace CollabBot.IntegrationTests;

/// <summary>The host with a short catch-up window, as a deployment might set it.</summary>
public sealed class ReminderFactory : ServiceFactory
{
    protected override IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?> { ["Reminders:CatchUpWindow"] = "00:10:00" };
}

/// <summary>
/// A reminder on the real path, nothing faked: the host's Quartz scheduler, the reminder job, the outbox worker and
/// the console platform's poster, on the real clock. The reminder fell due while "the service was down" (before the
/// plan ran), as after a restart, and the start-up plan sends it once.
/// </summary>
public sealed class ReminderPathTests(ReminderFactory factory) : IClassFixture<ReminderFactory>
{
    private const string Title = "Detector readout review";
    private const string Zone = "America/Chicago";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Reminder_FellDueBeforeStartUpPlanWithinCatchUpWindow_PostedOnceToLinkedConsoleChannel()
    {
        var services = factory.Services;
        var clock = services.GetRequiredService<TimeProvider>();
        var console = services.GetRequiredService<ConsolePlatform>();
        var poster = services.GetRequiredService<ConsolePoster>();
        var linked = await console.SayAsync("/wg link lartpc", "console:priya", "test-channel", Ct);
        Assert.True(linked.Status == ReplyStatus.Ok, linked.Plain);

        // Minute precision: 13 minutes after the current minute began, so the 15-minute reminder fell due 2-3 minutes ago.
        var now = clock.GetUtcNow();
        var start = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, TimeSpan.Zero).AddMinutes(13);
        var seriesId = await AddMeetingAsync(services, start, now);

        var scheduler = services.GetRequiredService<ReminderScheduler>();
        var reminders = services.GetRequiredService<ReminderService>();
        var planned = await scheduler.PlanAsync(clock.GetUtcNow() - reminders.CatchUpWindow, null, Ct);
        Assert.True(planned >= 1, "the start-up plan scheduled nothing");

        var posted = await WaitForAsync(() => Reminders(poster), r => r.Count > 0);
        var text = Assert.Single(posted).Plain;
        Assert.StartsWith($"Reminder: {Title} in 15m", text, StringComparison.Ordinal);
        Assert.Contains(TimeFormat.Plain(new Timestamp(start, Zone)), text, StringComparison.Ordinal);
        Assert.Contains(" America/Chicago", text, StringComparison.Ordinal);
        Assert.Contains("http://127.0.0.1:5080/calendar/lartpc.ics", text, StringComparison.Ordinal);
        Assert.Contains("LArTPC Reconstruction (lartpc)", text, StringComparison.Ordinal);

        // The plan again, as the periodic planner or another restart would: the reminder fires again and is not posted again.
        var again = await scheduler.PlanAsync(clock.GetUtcNow() - reminders.CatchUpWindow, null, Ct);
        Assert.True(again >= 1, "the second plan did not fire the reminder again, so it proves nothing");
        await WaitForAsync(() => TriggersAsync(services, seriesId), t => t == 0);
        await services.GetRequiredService<Core.Outbox.OutboxDelivery>().DeliverDueAsync(Ct);

        Assert.Single(Reminders(poster));
        Assert.Equal(1, await OutboxRowsAsync(services, seriesId));
    }

    [Fact]
    public async Task PersonalReminder_FellDueBeforePlan_DirectMessagePostedOnceAcrossTwoPlans()
    {
        const string title = "Personal reminder check";
        var services = factory.Services;
        var clock = services.GetRequiredService<TimeProvider>();
        var poster = services.GetRequiredService<ConsolePoster>();
        var set = await services.GetRequiredService<ConsolePlatform>().SayAsync("/profile set --remind 15m", "console:marcus", null, Ct);
        Assert.True(set.Status == ReplyStatus.Ok, set.Plain);
        var now = clock.GetUtcNow();
        var start = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, TimeSpan.Zero).AddMinutes(13);
        var seriesId = await AddMeetingAsync(services, start, now, "personal-check", title);
        List<Reply> Dms() => [.. poster.Recent.Where(m => m.To == "console:marcus" && m.Reply.Title?.Contains(title, StringComparison.Ordinal) == true).Select(m => m.Reply)];

        var scheduler = services.GetRequiredService<ReminderScheduler>();
        var reminders = services.GetRequiredService<ReminderService>();
        await scheduler.PlanAsync(clock.GetUtcNow() - reminders.CatchUpWindow, null, Ct);
        var text = Assert.Single(await WaitForAsync(Dms, r => r.Count > 0)).Plain;

        Assert.StartsWith($"Reminder: {title} in 15m", text, StringComparison.Ordinal);
        Assert.Contains("Starts: " + TimeFormat.Plain(new Timestamp(start, "America/New_York")), text, StringComparison.Ordinal);
        Assert.Contains("Group's time: " + TimeFormat.Plain(new Timestamp(start, Zone)), text, StringComparison.Ordinal);

        // Planned and fired again, as after another restart: the same trigger keys, the same outbox key, no second message.
        Assert.True(await scheduler.PlanAsync(clock.GetUtcNow() - reminders.CatchUpWindow, null, Ct) >= 1, "the second plan fired nothing, so it proves nothing");
        await WaitForAsync(() => TriggersAsync(services, seriesId), t => t == 0);
        await services.GetRequiredService<Core.Outbox.OutboxDelivery>().DeliverDueAsync(Ct);

        Assert.Single(Dms());
        Assert.Equal(1, await PersonalRowsAsync(services, seriesId));
    }

    private static async Task<int> PersonalRowsAsync(IServiceProvider services, int seriesId)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CollabBotDbContext>();
        var prefix = $"personal-reminder:{seriesId}:";
        return await db.OutboundMessages.CountAsync(m => m.DedupeKey != null && m.DedupeKey.StartsWith(prefix), Ct);
    }

    private static async Task<int> AddMeetingAsync(IServiceProvider services, DateTimeOffset start, DateTimeOffset now, string slug = "readout-review", string title = Title)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CollabBotDbContext>();
        var group = await db.Groups.SingleAsync(g => g.Slug == "lartpc", Ct);
        var series = new MeetingSeries
        {
            Group = group,
            Slug = slug,
            Title = title,
            Kind = "expert",
            StartLocal = MeetingTime.Format(MeetingTime.ToLocal(start, Zone)),
            TimeZone = Zone,
            DurationMinutes = 30,
            Where = "Wilson Hall 11W",
            ReminderOffsets = "15m",
            CreatedAt = now,
        };
        db.MeetingSeries.Add(series);
        await db.SaveChangesAsync(Ct);
        return series.Id;
    }

    private static List<Reply> Reminders(ConsolePoster poster) =>
        [.. poster.Recent.Where(m => m.To == "#test-channel" && m.Reply.Title?.Contains(Title, StringComparison.Ordinal) == true).Select(m => m.Reply)];

    /// <summary>Reminder triggers of the series still waiting or running: zero once the second firing is done.</summary>
    private static async Task<int> TriggersAsync(IServiceProvider services, int seriesId)
    {
        var scheduler = await services.GetRequiredService<ISchedulerFactory>().GetScheduler(Ct);
        var waiting = await scheduler.GetTriggerKeys(GroupMatcher<TriggerKey>.GroupEquals($"series-{seriesId}"), Ct);
        var running = await scheduler.QueryFireInstances(new FireInstanceQuery(), Ct);
        return waiting.Count + running.Items.Count(f => f.TriggerKey.Group == $"series-{seriesId}");
    }

    private static async Task<int> OutboxRowsAsync(IServiceProvider services, int seriesId)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CollabBotDbContext>();
        var prefix = $"reminder:{seriesId}:";
        return await db.OutboundMessages.CountAsync(m => m.DedupeKey != null && m.DedupeKey.StartsWith(prefix) && m.Platform == "console", Ct);
    }

    private static async Task<T> WaitForAsync<T>(Func<T> read, Func<T, bool> done) => await WaitForAsync(() => Task.FromResult(read()), done);

    private static async Task<T> WaitForAsync<T>(Func<Task<T>> read, Func<T, bool> done)
    {
        var until = TimeProvider.System.GetUtcNow() + Patience;
        while (true)
        {
            var value = await read();
            if (done(value))
            {
                return value;
            }

            Assert.True(TimeProvider.System.GetUtcNow() < until, $"Nothing arrived within {Patience.TotalSeconds} s; last seen: {value}");
            await Task.Delay(100, Ct);
        }
    }
}
