using CollabBot.Core.Resources;
using Quartz;

namespace CollabBot.Scheduling;

/// <summary>
/// Schedules <see cref="LinkCareJob"/> weekly with Quartz (one instance runs it in a cluster). The first pass runs an
/// hour after start, so a restart loop does not hammer anyone's site; each pass checks only links not checked for a
/// week (<see cref="LinkCare.Interval"/>), so a restart never checks a link twice in a week.
/// </summary>
public sealed partial class LinkCareScheduler(ISchedulerFactory schedulers, TimeProvider clock, ILogger<LinkCareScheduler> logger) : IHostedService
{
    public static readonly JobKey JobKey = new("resource-link-care", "collabbot");
    public static readonly TimeSpan FirstRunDelay = TimeSpan.FromHours(1);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var job = JobBuilder.Create<LinkCareJob>().WithIdentity(JobKey).StoreDurably().Build();
        var trigger = TriggerBuilder.Create().WithIdentity("resource-link-care", "collabbot").ForJob(JobKey)
            .StartAt(clock.GetUtcNow() + FirstRunDelay)
            .WithSimpleSchedule(s => s.WithInterval(LinkCare.Interval).RepeatForever().WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow))
            .Build();
        await scheduler.ScheduleJob(job, [trigger], ScheduleJobOptions.Replacing, cancellationToken);
        LogScheduled(logger, LinkCare.Interval);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Resource links are checked every {Interval}")]
    private static partial void LogScheduled(ILogger logger, TimeSpan interval);
}

/// <summary>One weekly pass of <see cref="LinkCare"/>: a thin shell. Passes never overlap.</summary>
[DisallowConcurrentExecution]
public sealed class LinkCareJob(LinkCare care) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        await care.RunDueAsync(cancellationToken);
}

public static class LinkCareServices
{
    public static IServiceCollection AddLinkCare(this IServiceCollection services)
    {
        services.AddTransient<LinkCareJob>();
        services.AddHostedService<LinkCareScheduler>();
        return services;
    }
}
