using System.Collections.Concurrent;
using System.Globalization;
using CollabBot.Core.Reminders;
using CollabBot.Scheduling;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Quartz;

namespace CollabBot.IntegrationTests;

/// <summary>
/// A reminder job that ends with an error (its insert waited on a lock until the statement timed out, as in the
/// cluster test's pinned jobs) is tried again on a trigger of its own, on a real Quartz scheduler, until it is past its use.
/// </summary>
public sealed class ReminderRetryTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Attempts by test run: how many times each send was called, and the attempt number each saw.</summary>
    private static readonly ConcurrentDictionary<string, ConcurrentQueue<string>> Attempts = new();

    [Fact]
    public async Task FailedOnce_RetriedOnItsOwnTriggerWithTheSameData_AndSucceeds()
    {
        var run = Guid.NewGuid().ToString("N");
        var start = TimeProvider.System.GetUtcNow() + TimeSpan.FromMinutes(30);
        var log = await RunAsync(run, start, failures: 1, until: q => q.Count >= 2);

        // In a group of its own, which a change to the series (it drops and re-plans "series-7") leaves alone.
        Assert.Equal(["attempt 0 failed", "attempt 1 sent from retry-series-7"], log);
    }

    [Fact]
    public async Task FailedAfterItsMeetingBegan_NotRetried()
    {
        var run = Guid.NewGuid().ToString("N");
        var start = TimeProvider.System.GetUtcNow() - TimeSpan.FromSeconds(1);
        var log = await RunAsync(run, start, failures: 5, until: q => q.Count >= 1);
        await Task.Delay(TimeSpan.FromSeconds(1), Ct);

        Assert.Equal(["attempt 0 failed"], Attempts[run]);
        Assert.Equal(["attempt 0 failed"], log);
    }

    [Fact]
    public void Backoff_GrowsToAMinute_UsefulUntilTheMeetingStarts()
    {
        Assert.Equal([5, 10, 20, 40, 60, 60], Enumerable.Range(1, 6).Select(n => ReminderRetry.Backoff(n).TotalSeconds));
        var start = new DateTimeOffset(2026, 12, 7, 15, 0, 0, TimeSpan.Zero);
        Assert.Equal(start, ReminderRetry.UsefulUntil(new DueReminder(1, "2026-12-07", start, TimeSpan.FromMinutes(15)), TimeSpan.FromMinutes(10)));
        Assert.Equal(start.AddMinutes(10), ReminderRetry.UsefulUntil(new DueReminder(1, "2026-12-07", start, TimeSpan.Zero), TimeSpan.FromMinutes(10)));
    }

    /// <summary>
    /// Fires <see cref="FlakyJob"/> once on an in-memory scheduler and waits for <paramref name="until"/>. The job's
    /// clock runs the first backoff (5 s) behind Quartz's, so a retry fires at once instead of 5 s later.
    /// </summary>
    private static async Task<List<string>> RunAsync(string run, DateTimeOffset start, int failures, Func<ConcurrentQueue<string>, bool> until)
    {
        Attempts[run] = new ConcurrentQueue<string>();
        var scheduler = await QuartzSchedulerBuilder.Create(q =>
        {
            q.ConfigureScheduler(s => s.InstanceName = "retry-test-" + run);
            q.UseDefaultThreadPool(maxConcurrency: 2);
            q.UseInMemoryStore();
        }).BuildScheduler(Ct);
        try
        {
            await scheduler.Start(Ct);
            var job = JobBuilder.Create<FlakyJob>().WithIdentity("reminder", "test").StoreDurably().Build();
            await scheduler.AddJob(job, AddJobOptions.Replacing, Ct);
            var trigger = TriggerBuilder.Create()
                .WithIdentity("2026-12-07@15m", "series-7")
                .ForJob(job.Key)
                .UsingJobData(ReminderJobData.Of(new DueReminder(7, start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), start, TimeSpan.FromMinutes(15))))
                .UsingJobData("run", run)
                .UsingJobData("failures", failures.ToString(CultureInfo.InvariantCulture))
                .StartNow()
                .Build();
            await scheduler.ScheduleJob(trigger, ScheduleJobOptions.Replacing, Ct);

            var deadline = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(20);
            while (!until(Attempts[run]) && DateTimeOffset.UtcNow < deadline)
            {
                await Task.Delay(20, Ct);
            }

            return [.. Attempts[run]];
        }
        finally
        {
            await scheduler.Shutdown(waitForJobsToComplete: true, CancellationToken.None);
        }
    }

    private sealed class FlakyJob : IJob
    {
        public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
        {
            var data = context.MergedJobDataMap;
            var log = Attempts[data.GetString("run")!];
            var attempt = data.GetString("attempt") ?? "0";
            var reminder = ReminderJobData.Read(data);
            var clock = new FakeTimeProvider(DateTimeOffset.UtcNow - ReminderRetry.Backoff(1));
            await ReminderRetry.RunAsync(context, reminder, TimeSpan.FromMinutes(10), clock, NullLogger.Instance, () =>
            {
                if (int.Parse(attempt, CultureInfo.InvariantCulture) < int.Parse(data.GetString("failures")!, CultureInfo.InvariantCulture))
                {
                    log.Enqueue($"attempt {attempt} failed");
                    throw new TimeoutException("Timeout during reading attempt");
                }

                log.Enqueue($"attempt {attempt} sent from {context.Trigger.Key.Group}");
                return Task.CompletedTask;
            }, cancellationToken);
        }
    }
}
