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
        var reminder = new DueReminder(
            int.Parse(data.GetString("series")!, CultureInfo.InvariantCulture),
            data.GetString("date")!,
            new DateTimeOffset(long.Parse(data.GetString("start")!, CultureInfo.InvariantCulture), TimeSpan.Zero),
            TimeSpan.FromMinutes(long.Parse(data.GetString("offset")!, CultureInfo.InvariantCulture)));
        await reminders.SendAsync(new DuePersonalReminder(int.Parse(data.GetString("person")!, CultureInfo.InvariantCulture), reminder), cancellationToken);
    }

    /// <summary>Durable and recoverable like the channel reminder job: running it twice is harmless.</summary>
    public static IJobDetail Detail() =>
        JobBuilder.Create<PersonalReminderJob>().WithIdentity(ReminderScheduler.PersonalReminderJobKey).StoreDurably().RequestRecovery().Build();

    public static ITrigger Trigger(TriggerKey key, DuePersonalReminder due, DateTimeOffset now) =>
        TriggerBuilder.Create()
            .WithIdentity(key)
            .ForJob(ReminderScheduler.PersonalReminderJobKey)
            .UsingJobData("person", due.PersonId.ToString(CultureInfo.InvariantCulture))
            .UsingJobData("series", due.Reminder.SeriesId.ToString(CultureInfo.InvariantCulture))
            .UsingJobData("date", due.Reminder.OriginalDate)
            .UsingJobData("start", due.Reminder.Start.UtcTicks.ToString(CultureInfo.InvariantCulture))
            .UsingJobData("offset", ((long)due.Reminder.Offset.TotalMinutes).ToString(CultureInfo.InvariantCulture))
            .StartAt(ReminderService.FireAt(due.DueAt, now))
            .WithSimpleSchedule(s => s.WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow))
            .Build();
}
