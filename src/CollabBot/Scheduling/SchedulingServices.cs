using Quartz;

namespace CollabBot.Scheduling;

public static class SchedulingServices
{
    /// <summary>Quartz with the process's clock, an in-memory store (one instance), the reminder jobs and their planner.</summary>
    public static IServiceCollection AddReminderScheduling(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddQuartz(q =>
        {
            q.ConfigureScheduler(s => s.InstanceName = "collabbot");
            q.UseInMemoryStore();
            q.UseDefaultThreadPool(maxConcurrency: 8);
        });
        services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        services.AddSingleton<ReminderScheduler>();
        services.AddHostedService(sp => sp.GetRequiredService<ReminderScheduler>());
        services.AddTransient<ReminderJob>();
        services.AddTransient<PlanRemindersJob>();
        return services;
    }
}
