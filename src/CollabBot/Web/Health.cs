using CollabBot.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace CollabBot.Web;

public static class Health
{
    public static void MapHealth(this WebApplication app)
    {
        app.MapGet("/healthz", () => Results.Text("ok"));

        // Ready: the database answers and has every migration applied.
        app.MapGet("/readyz", async (CollabBotDbContext db, Quartz.ISchedulerFactory schedulers, CancellationToken cancellationToken) =>
        {
            try
            {
                if (!await db.Database.CanConnectAsync(cancellationToken))
                {
                    return Results.Text("database unreachable", statusCode: 503);
                }

                var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).Count();
                if (pending > 0)
                {
                    return Results.Text($"{pending} migration(s) pending", statusCode: 503);
                }

                var scheduler = await schedulers.GetScheduler(cancellationToken);
                return await scheduler.GetStatus(cancellationToken) == Quartz.SchedulerStatus.Running
                    ? Results.Text("ready")
                    : Results.Text("scheduler not running", statusCode: 503);
            }
            catch (Exception ex) when (ex is InvalidOperationException or System.Data.Common.DbException)
            {
                return Results.Text("database unreachable", statusCode: 503);
            }
        });
    }
}
