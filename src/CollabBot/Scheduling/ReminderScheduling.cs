using System.Globalization;
using CollabBot.Core.Meetings;
using CollabBot.Core.Reminders;
using Quartz;

namespace CollabBot.Scheduling;

/// <summary>
/// Reminders on Quartz.NET: one trigger per (occurrence, offset) due within the planning horizon, grouped by
/// series so a change to a series unschedules and re-plans just its triggers. The database stays the source
/// of truth — a trigger only asks <see cref="ReminderService"/> to check and queue; after a restart the plan
/// is rebuilt, including reminders missed during the outage that are still inside the catch-up window.
/// </summary>
public sealed partial class ReminderScheduler(
    ISchedulerFactory schedulers,
    ReminderService reminders,
    PersonalReminderService personal,
    MeetingSignal meetings,
    TimeProvider clock,
    IHostApplicationLifetime lifetime,
    ILogger<ReminderScheduler> logger,
    ReminderStartupGate? gate = null) : IHostedService, IDisposable
{
    private readonly CancellationTokenSource stopping = new();

    // 1 once stopped or disposed. The host may stop its services twice - WebApplicationFactory's dispose and the
    // entry point's RunAsync both call StopAsync, the second after the container disposed this - so stopping is idempotent.
    private int stopped;

    /// <summary>How far ahead triggers exist; the planning job runs far more often than this, so nothing falls through.</summary>
    public static readonly TimeSpan Horizon = TimeSpan.FromHours(36);
    public static readonly TimeSpan PlanEvery = TimeSpan.FromMinutes(30);

    public static readonly JobKey ReminderJobKey = new("reminder", "collabbot");
    public static readonly JobKey PlanJobKey = new("plan-reminders", "collabbot");
    public static readonly JobKey PersonalReminderJobKey = new("personal-reminder", "collabbot");

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        await scheduler.AddJob(ReminderJobDetail(), AddJobOptions.Replacing, cancellationToken);
        await scheduler.AddJob(PersonalReminderJob.Detail(), AddJobOptions.Replacing, cancellationToken);
        var plan = JobBuilder.Create<PlanRemindersJob>().WithIdentity(PlanJobKey).StoreDurably().Build();
        var every = TriggerBuilder.Create().WithIdentity("plan-reminders", "collabbot").ForJob(PlanJobKey)
            .StartAt(clock.GetUtcNow() + PlanEvery)
            .WithSimpleSchedule(s => s.WithInterval(PlanEvery).RepeatForever().WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow))
            .Build();
        await scheduler.ScheduleJob(plan, [every], ScheduleJobOptions.Replacing, cancellationToken);

        // Start-up: everything due from the catch-up window ago to the horizon - planned in the background once the
        // host has started, so that the service answers (and /readyz says ready) while 10,000 series are expanded. Nothing falls due unseen
        // meanwhile: the window starts before this moment, and a reminder that fell due while the plan was being
        // made gets a trigger that starts at once. Changes to series made meanwhile are re-planned as usual.
        var from = clock.GetUtcNow() - reminders.CatchUpWindow;
        meetings.SeriesChanged += OnSeriesChanged;
        StartupPlan = Task.Run(() => PlanAtStartAsync(from, stopping.Token), CancellationToken.None);
    }

    /// <summary>The start-up plan, running in the background after <see cref="StartAsync"/>; completes when every trigger is stored.</summary>
    public Task StartupPlan { get; private set; } = Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref stopped, 1) == 1)
        {
            return;
        }

        meetings.SeriesChanged -= OnSeriesChanged;
        await stopping.CancelAsync();
        await StartupPlan.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref stopped, 1) == 0)
        {
            meetings.SeriesChanged -= OnSeriesChanged;
            stopping.Cancel();
        }

        stopping.Dispose();
    }

    private async Task PlanAtStartAsync(DateTimeOffset from, CancellationToken cancellationToken)
    {
        try
        {
            // Expanding 10,000 series is seconds of CPU: on a one-core instance it would compete with the rest of
            // start-up for the core, so it begins once the host has started (and answers /readyz).
            await WhenStartedAsync(cancellationToken);
            if (gate is not null)
            {
                await gate.Open.WaitAsync(cancellationToken);
            }

            var planned = await PlanAsync(from, null, cancellationToken);
            LogPlanned(logger, planned);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            // The periodic plan runs again within PlanEvery; until then reminders already stored still fire.
            LogStartupPlanFailed(logger, ex);
        }
    }

    private async Task WhenStartedAsync(CancellationToken cancellationToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var onStarted = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        await started.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Schedules a trigger for each reminder due from <paramref name="from"/> to the horizon (all series, or only these).</summary>
    public async Task<int> PlanAsync(DateTimeOffset from, IReadOnlyCollection<int>? seriesIds, CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var now = clock.GetUtcNow();
        var due = await reminders.PlanAsync(from, now + Horizon, seriesIds, cancellationToken);

        // One query for the triggers that exist and one transaction per batch for the missing ones: on the clustered
        // store each scheduler call is a database round trip, and storing takes Quartz's trigger lock, so asking and
        // scheduling reminder by reminder kept three instances that planned 200 reminders from listening for ~30 s.
        var existing = (await scheduler.GetTriggerKeys(GroupMatcher<TriggerKey>.GroupStartsWith(GroupPrefix), cancellationToken)).ToHashSet();
        var missing = new List<ITrigger>();
        foreach (var reminder in due)
        {
            var key = new TriggerKey(reminder.Key, Group(reminder.SeriesId));
            if (existing.Contains(key))
            {
                continue;
            }

            missing.Add(TriggerBuilder.Create()
                .WithIdentity(key)
                .ForJob(ReminderJobKey)
                .UsingJobData(ReminderJobData.Of(reminder))
                .StartAt(ReminderService.FireAt(reminder.DueAt, now))
                .WithSimpleSchedule(s => s.WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow))
                .Build());
        }

        // Replacing, as before: another instance planning at the same moment may have stored some of them since the
        // query. A reminder whose trigger fires twice is still queued once (ReminderService.SendAsync).
        foreach (var batch in missing.Chunk(500))
        {
            await scheduler.ScheduleJob(ReminderJobDetail(), batch, ScheduleJobOptions.Replacing, cancellationToken);
        }

        return missing.Count + await PlanPersonalAsync(scheduler, existing, from, now, seriesIds, cancellationToken);
    }

    /// <summary>
    /// Personal reminders ride on the same plan: their triggers sit in the series' trigger group (so a change to the
    /// series drops and re-plans them with the channel reminders) and fire <see cref="PersonalReminderJob"/>.
    /// </summary>
    private async Task<int> PlanPersonalAsync(IScheduler scheduler, HashSet<TriggerKey> existing, DateTimeOffset from, DateTimeOffset now, IReadOnlyCollection<int>? seriesIds, CancellationToken cancellationToken)
    {
        var missing = new List<ITrigger>();
        foreach (var due in await personal.PlanAsync(from, now + Horizon, seriesIds, cancellationToken))
        {
            var key = new TriggerKey(due.Key, Group(due.Reminder.SeriesId));
            if (!existing.Contains(key))
            {
                missing.Add(PersonalReminderJob.Trigger(key, due, now));
            }
        }

        foreach (var batch in missing.Chunk(500))
        {
            await scheduler.ScheduleJob(PersonalReminderJob.Detail(), batch, ScheduleJobOptions.Replacing, cancellationToken);
        }

        return missing.Count;
    }

    private void OnSeriesChanged(IReadOnlyCollection<int> ids) => _ = ReplanAsync(ids);

    /// <summary>A series changed (scheduled, edited, cancelled or moved occurrence, reminders changed): drop its triggers and plan again.</summary>
    public async Task ReplanAsync(IReadOnlyCollection<int> ids)
    {
        try
        {
            var scheduler = await schedulers.GetScheduler();
            foreach (var id in ids)
            {
                await scheduler.UnscheduleJobs(GroupMatcher<TriggerKey>.GroupEquals(Group(id)));
            }

            await PlanAsync(clock.GetUtcNow(), ids, CancellationToken.None);
        }
        catch (Exception ex)
        {
            // The periodic plan will catch up; log so the gap is visible.
            LogReplanFailed(logger, ex, string.Join(",", ids));
        }
    }

    private const string GroupPrefix = "series-";

    private static string Group(int seriesId) => GroupPrefix + seriesId.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// The one durable job every reminder trigger fires. It requests recovery: if its instance dies while it runs,
    /// another instance runs it again once Quartz's cluster check-in notices; running it twice is harmless.
    /// </summary>
    private static IJobDetail ReminderJobDetail() =>
        JobBuilder.Create<ReminderJob>().WithIdentity(ReminderJobKey).StoreDurably().RequestRecovery().Build();

    [LoggerMessage(Level = LogLevel.Information, Message = "Start-up plan: {Count} reminder trigger(s) scheduled")]
    private static partial void LogPlanned(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "The start-up plan of reminders failed; the periodic plan will try again")]
    private static partial void LogStartupPlanFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Re-planning reminders for series {Ids} failed")]
    private static partial void LogReplanFailed(ILogger logger, Exception exception, string ids);
}

/// <summary>
/// Holds the start-up plan until <see cref="Open"/> completes. Registered only by tests, which need the plan to be
/// under way at a moment of their choosing (a reminder falls due while it runs); the service has none.
/// </summary>
public sealed class ReminderStartupGate(Task open)
{
    public Task Open { get; } = open;
}

/// <summary>Every <see cref="ReminderScheduler.PlanEvery"/>: triggers for the reminders that came inside the horizon.</summary>
[DisallowConcurrentExecution]
public sealed class PlanRemindersJob(ReminderScheduler scheduler, TimeProvider clock) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        await scheduler.PlanAsync(clock.GetUtcNow(), null, cancellationToken);
}

/// <summary>Fires one reminder, <see cref="ReminderService.FireAhead"/> before it is due: a thin shell around <see cref="ReminderService.SendAsync"/>.</summary>
public sealed class ReminderJob(ReminderService reminders, TimeProvider clock, ILogger<ReminderJob> logger) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var reminder = ReminderJobData.Read(context.MergedJobDataMap);
        await ReminderRetry.RunAsync(context, reminder, reminders.CatchUpWindow, clock, logger,
            () => reminders.SendAsync(reminder, cancellationToken), cancellationToken);
    }
}

/// <summary>
/// A reminder job that failed (a lock wait or a statement timed out, the connection dropped) is tried again on a
/// trigger of its own a little later, with the same job data, for as long as the reminder is still of use: a
/// transient database failure must not lose a reminder, and queueing it again is harmless (its ledger key is unique).
/// A crash is Quartz's business (the jobs request recovery); this is for a job that ended with an error.
/// </summary>
internal static partial class ReminderRetry
{
    private const string AttemptKey = "attempt";
    private const string RetrySuffix = "~retry";
    private const string RetryGroupPrefix = "retry-";

    /// <summary>The wait before retry n (1, 2, …): 5 s, 10 s, 20 s, 40 s, then every minute.</summary>
    public static TimeSpan Backoff(int attempt) => TimeSpan.FromSeconds(Math.Min(60, 5 * (1 << Math.Min(attempt - 1, 4))));

    /// <summary>
    /// Until when a failed reminder is worth another try: its meeting's start, or, for a reminder due at the start,
    /// the catch-up window after it (beyond which <see cref="ReminderService.SendAsync"/> calls it too late anyway).
    /// </summary>
    public static DateTimeOffset UsefulUntil(DueReminder reminder, TimeSpan catchUpWindow) =>
        reminder.Start > reminder.DueAt ? reminder.Start : reminder.DueAt + catchUpWindow;

    public static async Task RunAsync(IJobExecutionContext context, DueReminder reminder, TimeSpan catchUpWindow, TimeProvider clock, ILogger logger,
        Func<Task> send, CancellationToken cancellationToken)
    {
        try
        {
            await send();
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var attempt = (int.TryParse(context.MergedJobDataMap.GetString(AttemptKey), CultureInfo.InvariantCulture, out var n) ? n : 0) + 1;
            var at = clock.GetUtcNow() + Backoff(attempt);
            if (at >= UsefulUntil(reminder, catchUpWindow))
            {
                LogGaveUp(logger, ex, reminder.Key, attempt);
                return;
            }

            // In a group of its own: a change to the series drops and re-plans the series' group from now on, which
            // would lose a retry of a reminder already due; the retry checks the occurrence again when it fires.
            var key = context.Trigger.Key;
            var name = key.Name.Split(RetrySuffix)[0];
            var group = key.Group.StartsWith(RetryGroupPrefix, StringComparison.Ordinal) ? key.Group : RetryGroupPrefix + key.Group;
            var data = new JobDataMap();
            foreach (var (field, value) in context.MergedJobDataMap)
            {
                data[field] = value;
            }

            data[AttemptKey] = attempt.ToString(CultureInfo.InvariantCulture);
            var retry = TriggerBuilder.Create()
                .WithIdentity(name + RetrySuffix + attempt.ToString(CultureInfo.InvariantCulture), group)
                .ForJob(context.JobDetail.Key)
                .UsingJobData(data)
                .StartAt(at)
                .WithSimpleSchedule(s => s.WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow))
                .Build();
            await context.Scheduler.ScheduleJob(retry, ScheduleJobOptions.Replacing, CancellationToken.None);
            LogRetrying(logger, ex, reminder.Key, attempt, at);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reminder {Key} failed; retry {Attempt} at {At:u}")]
    private static partial void LogRetrying(ILogger logger, Exception exception, string key, int attempt, DateTimeOffset at);

    [LoggerMessage(Level = LogLevel.Error, Message = "Reminder {Key} failed on attempt {Attempt} and is past its use; not sent")]
    private static partial void LogGaveUp(ILogger logger, Exception exception, string key, int attempt);
}

/// <summary>The reminder a trigger fires for, in its job data: written and read here only, for channel and personal reminders alike.</summary>
internal static class ReminderJobData
{
    /// <summary>For <c>UsingJobData</c>, which adds these to what the trigger's builder already holds.</summary>
    public static JobDataMap Of(DueReminder reminder) => new()
    {
        ["series"] = reminder.SeriesId.ToString(CultureInfo.InvariantCulture),
        ["date"] = reminder.OriginalDate,
        ["start"] = reminder.Start.UtcTicks.ToString(CultureInfo.InvariantCulture),
        ["offset"] = ((long)reminder.Offset.TotalMinutes).ToString(CultureInfo.InvariantCulture),
    };

    public static DueReminder Read(JobDataMap data) => new(
        int.Parse(data.GetString("series")!, CultureInfo.InvariantCulture),
        data.GetString("date")!,
        new DateTimeOffset(long.Parse(data.GetString("start")!, CultureInfo.InvariantCulture), TimeSpan.Zero),
        TimeSpan.FromMinutes(long.Parse(data.GetString("offset")!, CultureInfo.InvariantCulture)));
}
