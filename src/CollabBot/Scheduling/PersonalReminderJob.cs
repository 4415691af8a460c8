using System.Globalization;
using CollabBot.Core.Reminders;
using Quartz;

namespace CollabBot.Scheduling;

/// <summary>Fires one personal reminder: a thin shell around <see cref="PersonalReminderService.SendAsync"/>; planned by <see cref="ReminderScheduler"/>.</summary>
public sealed class PersonalReminderJob(PersonalReminderService reminders, ReminderService channelReminders, TimeProvider clock, ILogger<PersonalReminderJob> logger) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var data = context.MergedJobDataMap;
        var due = new DuePersonalReminder(int.Parse(data.GetString("person")!, CultureInfo.InvariantCulture), ReminderJobData.Read(data));
        await ReminderRetry.RunAsync(context, due.Reminder, channelReminders.CatchUpWindow, clock, logger,
            () => reminders.SendAsync(due, cancellationToken), cancellationToken);
    }

    /// <summary>Durable and recoverable like the channel reminder job: running it twice is harmless.</summary>
    public static IJobDetail Detail() =>
        JobBuilder.Create<PersonalReminderJob>().WithIdentity(ReminderScheduler.PersonalReminderJobKey).StoreDurably().RequestRecovery().Build();

    public static ITrigger Trigger(TriggerKey key, DuePersonalReminder due, DateTimeOffset now) =>
        TriggerBuilder.Create()
            .WithIdentity(key)
            .ForJob(ReminderScheduler.PersonalReminderJobKey)
            .UsingJobData("person", due.PersonId.ToString(CultureInfo.InvariantCulture))
            .UsingJobData(ReminderJobData.Of(due.Reminder))
            .StartAt(ReminderService.FireAt(due.DueAt, now))
            .WithSimpleSchedule(s => s.WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow))
            .Build();
}
