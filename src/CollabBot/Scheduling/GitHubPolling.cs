using CollabBot.Core.Datasets;
using CollabBot.GitHub;
using Microsoft.Extensions.Options;
using Quartz;

namespace CollabBot.Scheduling;

/// <summary>
/// Schedules <see cref="GitHubPollingJob"/> every <c>GitHub:PollInterval</c> when a token is set. The first round
/// runs one interval after start, so a restart loop cannot spend the rate limit; a 304 costs none anyway.
/// </summary>
public sealed partial class GitHubPollScheduler(ISchedulerFactory schedulers, IOptions<GitHubOptions> options, TimeProvider clock, ILogger<GitHubPollScheduler> logger) : IHostedService
{
    public static readonly JobKey JobKey = new("github-poll", "collabbot");

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        if (!o.PollingEnabled)
        {
            LogOff(logger);
            return;
        }

        var interval = o.PollInterval < TimeSpan.FromSeconds(10) ? TimeSpan.FromSeconds(10) : o.PollInterval;
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var job = JobBuilder.Create<GitHubPollingJob>().WithIdentity(JobKey).StoreDurably().Build();
        var trigger = TriggerBuilder.Create().WithIdentity("github-poll", "collabbot").ForJob(JobKey)
            .StartAt(clock.GetUtcNow() + interval)
            .WithSimpleSchedule(s => s.WithInterval(interval).RepeatForever().WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow))
            .Build();
        await scheduler.ScheduleJob(job, [trigger], ScheduleJobOptions.Replacing, cancellationToken);
        LogOn(logger, interval);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "GitHub polling is off (no GitHub:Token, or GitHub:PollInterval is zero)")]
    private static partial void LogOff(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "GitHub polling every {Interval} for tracked datasets without webhooks")]
    private static partial void LogOn(ILogger logger, TimeSpan interval);
}

/// <summary>One polling round: a thin shell around <see cref="IssuePolling.PollAsync"/>. Rounds never overlap.</summary>
[DisallowConcurrentExecution]
public sealed class GitHubPollingJob(IssuePolling polling) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        await polling.PollAsync(cancellationToken);
}

public static class GitHubPollingServices
{
    public static IServiceCollection AddGitHubPolling(this IServiceCollection services)
    {
        services.AddTransient<GitHubPollingJob>();
        services.AddHostedService<GitHubPollScheduler>();
        return services;
    }
}
