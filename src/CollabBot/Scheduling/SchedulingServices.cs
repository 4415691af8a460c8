using Quartz;

namespace CollabBot.Scheduling;

public static class SchedulingServices
{
    /// <summary>Quartz with the process's clock, an in-memory store (one instance), the reminder jobs and their planner.</summary>
    public static IServiceCollection AddReminderScheduling(this IServiceCollection services, IConfiguration configuration)
    {
        var clustered = configuration.GetValue<bool>("Scheduler:Clustered");
        var provider = configuration["Database:Provider"] ?? "Sqlite";
        if (clustered && !provider.StartsWith("postgres", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException("Scheduler:Clustered=true needs Database:Provider=Postgres: the instances share Quartz's job store in that database.");
        }

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
                    store.UsePostgres(Npgsql.NpgsqlFactory.Instance, configuration.GetConnectionString("CollabBot")!);
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
        if (configuration.GetValue("Reminders:Enabled", defaultValue: true))
        {
            services.AddHostedService(sp => sp.GetRequiredService<ReminderScheduler>());
        }
        services.AddTransient<ReminderJob>();
        services.AddTransient<PlanRemindersJob>();
        return services;
    }
}
