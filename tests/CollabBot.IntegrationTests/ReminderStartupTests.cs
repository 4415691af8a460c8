using System.Net;
using CollabBot.Console;
using CollabBot.Core.Data;
using CollabBot.Core.Domain;
using CollabBot.Core.Meetings;
using CollabBot.Core.Outbox;
using CollabBot.Core.Replies;
using CollabBot.IntegrationTests.Support;
using CollabBot.Scheduling;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CollabBot.IntegrationTests;

/// <summary>
/// The host on a fake clock ten minutes behind the real one (Quartz keeps real time, so triggers the plan starts "now"
/// fire at once), with the start-up plan of reminders held back until the test lets it go.
/// </summary>
public sealed class GatedPlanFactory : ServiceFactory
{
    public TaskCompletionSource Gate { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public FakeTimeProvider Clock { get; } = new(TimeProvider.System.GetUtcNow() - TimeSpan.FromMinutes(10));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(Clock);
            services.AddSingleton(new ReminderStartupGate(Gate.Task));
        });
    }
}

/// <summary>
/// Issue 17 item 5: planning the reminder triggers at start-up does not hold <c>/readyz</c> back (it runs in the
/// background), and a reminder that falls due while the plan is still being made is not missed.
/// </summary>
public sealed class ReminderStartupTests(GatedPlanFactory factory) : IClassFixture<GatedPlanFactory>
{
    private const string Title = "Trigger planning check";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task StartUp_PlanStillRunning_ReadyAnswersAndAReminderDueMeanwhileIsPostedOnce()
    {
        var services = factory.Services;
        var scheduler = services.GetRequiredService<ReminderScheduler>();
        var started = factory.Clock.GetUtcNow();

        // The host is up and the plan has not run: ready all the same.
        Assert.False(scheduler.StartupPlan.IsCompleted, "the start-up plan finished although its gate is closed");
        using var ready = await factory.CreateClient().GetAsync(new Uri("/readyz", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);

        // A meeting whose 15-minute reminder falls due about six minutes after start-up, while the plan is still held.
        var linked = await services.GetRequiredService<ConsolePlatform>().SayAsync("/wg link lartpc", "console:priya", "plan-channel", Ct);
        Assert.True(linked.Status == ReplyStatus.Ok, linked.Plain);
        var meetingStart = new DateTimeOffset(started.Ticks - started.Ticks % TimeSpan.TicksPerMinute, TimeSpan.Zero).AddMinutes(21);
        await AddMeetingAsync(services, meetingStart, started);
        factory.Clock.Advance(TimeSpan.FromMinutes(7));
        Assert.True(factory.Clock.GetUtcNow() > meetingStart - TimeSpan.FromMinutes(15), "the reminder is not yet due; the test proves nothing");

        factory.Gate.SetResult();
        await scheduler.StartupPlan.WaitAsync(Patience, Ct);

        var poster = services.GetRequiredService<ConsolePoster>();
        var until = TimeProvider.System.GetUtcNow() + Patience;
        while (Reminders(poster).Count == 0 && TimeProvider.System.GetUtcNow() < until)
        {
            await services.GetRequiredService<OutboxDelivery>().DeliverDueAsync(Ct);
            await Task.Delay(100, Ct);
        }

        var reminder = Assert.Single(Reminders(poster));
        Assert.StartsWith($"Reminder: {Title} in ", reminder.Plain, StringComparison.Ordinal);
    }

    private static async Task AddMeetingAsync(IServiceProvider services, DateTimeOffset start, DateTimeOffset now)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CollabBotDbContext>();
        var group = await db.Groups.SingleAsync(g => g.Slug == "lartpc", Ct);
        db.MeetingSeries.Add(new MeetingSeries
        {
            Group = group,
            Slug = "plan-check",
            Title = Title,
            Kind = "expert",
            StartLocal = MeetingTime.Format(MeetingTime.ToLocal(start, "UTC")),
            TimeZone = "UTC",
            DurationMinutes = 30,
            ReminderOffsets = "15m",
            CreatedAt = now,
        });
        await db.SaveChangesAsync(Ct);
    }

    private static List<Reply> Reminders(ConsolePoster poster) =>
        [.. poster.Recent.Where(m => m.To == "#plan-channel" && m.Reply.Title?.Contains(Title, StringComparison.Ordinal) == true).Select(m => m.Reply)];
}
