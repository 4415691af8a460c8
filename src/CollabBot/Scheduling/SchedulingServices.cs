using CollabBot.Core.Data;
using CollabBot.Core.Meetings;
using CollabBot.Core.Settings;
using Quartz;

namespace CollabBot.Scheduling;

public static class SchedulingServices
{
    /// <summary>Quartz with the process's clock, an in-memory store (one instance), the reminder jobs and their planner.</summary>
    public static IServiceCollection AddReminderScheduling(this IServiceCollection services, IConfiguration configuration)
    {
        // Quartz's store is chosen while services are registered; SchedulerOptionsValidator refuses a clustered one on SQLite at start.
        var clustered = SettingsRegistration.Read<SchedulerOptions>(configuration, SchedulerOptions.Section).Clustered;
        var database = SettingsRegistration.Read<DatabaseOptions>(configuration, DatabaseOptions.Section);
        database.UseConnectionString(configuration);
        services.AddQuartz(q =>
        {
            q.ConfigureScheduler(s =>
            {
                s.InstanceName = "collabbot";
                s.GenerateInstanceId = clustered;
            });
            q.UseDefaultThreadPool(maxConcurrency: 8);
            if (clustered)
            {
                // Several instances share one job store in PostgreSQL; each trigger fires on exactly one of them.
                // Quartz creates its qrtz_ tables at start-up if they are missing (it never alters or drops).
                q.UsePersistentStore(store =>
                {
                    store.UsePostgres(Npgsql.NpgsqlFactory.Instance, database.ConnectionString);
                    store.UseClustering(c =>
                    {
                        c.CheckinInterval = TimeSpan.FromSeconds(5);
                        c.CheckinMisfireThreshold = TimeSpan.FromSeconds(15);
                    });
                    store.ConfigureStore(o => o.StoreJobDataAsStrings = true);
                    store.ProvisionSchema();
                });
            }
            else
            {
                q.UseInMemoryStore();
            }
        });
        services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        services.AddSingleton<ReminderScheduler>();

        // Reminders:Enabled=false keeps a copy of the data (staging, adapter tests) from posting its meetings' reminders.
        // Digests go with them: a copy that sends no reminders sends no digests either.
        if (SettingsRegistration.Read<ReminderOptions>(configuration, ReminderOptions.Section).Enabled)
        {
            services.AddHostedService(sp => sp.GetRequiredService<ReminderScheduler>());
            services.AddHostedService<DigestScheduler>();
        }
        services.AddTransient<ReminderJob>();
        services.AddTransient<PersonalReminderJob>();
        services.AddTransient<DigestJob>();
        services.AddTransient<PlanRemindersJob>();
        return services;
    }
}
