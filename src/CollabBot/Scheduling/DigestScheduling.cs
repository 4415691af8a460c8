using CollabBot.Core.Digests;
using Quartz;

namespace CollabBot.Scheduling;

/// <summary>
/// Digests on Quartz.NET: one durable job, fired at every minute and at start-up (a digest missed while the
/// service was down is still posted within <see cref="DigestService.CatchUp"/>). On the clustered store the trigger
/// fires on one instance; on several unclustered ones it fires on each, and the digest's outbox key posts it once.
/// </summary>
public sealed class DigestScheduler(ISchedulerFactory schedulers, TimeProvider clock) : IHostedService
{
    public static readonly JobKey JobKey = new("digests", "collabbot");

    public static readonly TimeSpan Every = TimeSpan.FromMinutes(1);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var job = JobBuilder.Create<DigestJob>().WithIdentity(JobKey).StoreDurably().Build();

        // On the minute, so a digest due at 09:00 goes at 09:00 and not up to a minute later.
        var now = clock.GetUtcNow();
        var minute = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, TimeSpan.Zero).AddMinutes(1);
        var trigger = TriggerBuilder.Create().WithIdentity("digests", "collabbot").ForJob(JobKey)
            .StartAt(minute)
            .WithSimpleSchedule(s => s.WithInterval(Every).RepeatForever().WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow))
            .Build();
        await scheduler.ScheduleJob(job, [trigger], ScheduleJobOptions.Replacing, cancellationToken);

        // Start-up: whatever fell due while the service was down.
        await scheduler.TriggerJob(JobKey, cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>Runs the due digests: a thin shell around <see cref="DigestService.RunDueAsync"/>.</summary>
[DisallowConcurrentExecution]
public sealed class DigestJob(DigestService digests) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        await digests.RunDueAsync(cancellationToken);
}
