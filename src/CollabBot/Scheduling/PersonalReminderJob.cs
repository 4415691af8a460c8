using System.Globalization;
using CollabBot.Core.Reminders;
using Quartz;

namespace CollabBot.Scheduling;

/// <summary>Fires one personal reminder: a thin shell around <see cref="PersonalReminderService.SendAsync"/>; planned by <see cref="ReminderScheduler"/>.</summary>
public sealed class PersonalReminderJob(PersonalReminderService reminders) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var data = context.MergedJobDataMap;
        await reminders.SendAsync(new DuePersonalReminder(int.Parse(data.GetString("person")!, CultureInfo.InvariantCulture), ReminderJobData.Read(data)), cancellationToken);
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
