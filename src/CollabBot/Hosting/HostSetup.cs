using CollabBot.Core;
using CollabBot.Core.Data;
using CollabBot.Core.Outbox;
using CollabBot.Core.Meetings;
using CollabBot.Core.Seeding;
using CollabBot.Core.Settings;
using CollabBot.Scheduling;
using CollabBot.Discord;
using CollabBot.GitHub;
using CollabBot.Slack;
using CollabBot.Web;
using CollabBot.Web.Api;
using Microsoft.EntityFrameworkCore;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Options;

namespace CollabBot.Hosting;

/// <summary>The host's table of contents: one extension to add the services, one to map the endpoints.</summary>
public static partial class HostSetup
{
    /// <summary>Settings and services shared by the web host and the verbs.</summary>
    public static void AddCollabBotServices(this IServiceCollection services, IConfiguration configuration)
    {
        // One options class per section, each validated at start (SettingsRegistration); the adapters add their own.
        services.AddSettings<BotOptions, BotOptionsValidator>(BotOptions.Section);
        services.AddSettings<DatabaseOptions, DatabaseOptionsValidator>(DatabaseOptions.Section).Configure<IConfiguration>((o, c) => o.UseConnectionString(c));
        services.AddSettings<ReminderOptions, ReminderOptionsValidator>(ReminderOptions.Section);
        services.AddSettings<SchedulerOptions, SchedulerOptionsValidator>(SchedulerOptions.Section);
        services.AddSettings<ConsoleOptions>(ConsoleOptions.Section);
        services.AddSettings<DashboardOptions>(DashboardOptions.Section);
        services.AddSettings<Core.Downloads.ChallengesOptions, Core.Downloads.ChallengesOptionsValidator>(Core.Downloads.ChallengesOptions.Section);
        services.AddCollabBotCore((sp, db) => DatabaseSetup.Configure(db, sp.GetRequiredService<IOptions<DatabaseOptions>>().Value));
        services.AddSingleton(sp =>
        {
            var database = sp.GetRequiredService<IOptions<DatabaseOptions>>().Value;
            return new LeaderLock(database.Provider, database.ConnectionString, sp.GetRequiredService<TimeProvider>());
        });
        services.AddSingleton<Console.ConsolePoster>();
        services.AddSingleton<IChatPoster>(sp => sp.GetRequiredService<Console.ConsolePoster>());
        services.AddSlack(configuration);
        services.AddDiscord(configuration);
        services.AddGitHub(configuration);
    }

    public static void AddCollabBot(this WebApplicationBuilder builder)
    {
        builder.Services.AddCollabBotServices(builder.Configuration);
        builder.Services.AddHealthChecks();
        // service.name "collabbot" (Prometheus shows it in target_info), not the SDK's unknown_service:dotnet.
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(Core.Telemetry.CollabBotMetrics.ServiceName, serviceVersion: typeof(HostSetup).Assembly.GetName().Version?.ToString()))
            .WithMetrics(metrics => metrics
            .AddMeter(Core.Telemetry.CollabBotMetrics.MeterName)
            .AddPrometheusExporter());
        builder.Services.AddAntiforgery();
        builder.Services.AddDashboard();
        builder.Services.AddApiV1();
        builder.Services.AddSingleton<Console.ConsolePlatform>();
        builder.Services.AddHostedService<OutboxWorker>();
        builder.Services.AddHostedService<Scheduling.ChallengeScoringWorker>();
        builder.Services.AddReminderScheduling(builder.Configuration);
        builder.Services.AddGitHubPolling();
        builder.Services.AddLinkCare();
    }

    public static void MapCollabBot(this WebApplication app)
    {
        app.UseSecurityHeaders();
        // First, so that Dashboard:Public=false hides every page, feed and API route, including ones mapped later.
        app.UseDashboardExposure();
        app.UseAntiforgery();
        app.MapHealth();
        app.MapPrometheusScrapingEndpoint("/metrics");
        app.MapDashboard();
        app.MapProjects();
        app.MapReports();
        app.MapReportCharts();
        app.MapApiV1();
        app.MapConsole();
        app.MapCalendarFeeds();
        app.MapResourceFeeds();
        app.MapSlack();
        app.MapDiscord();
        app.MapGitHub();
    }

    /// <summary>Applies migrations, and on a brand-new database loads the demo data in <c>seeds/</c>.</summary>
    public static async Task PrepareDatabaseAsync(this IServiceProvider services, bool seedOnFirstStart, CancellationToken cancellationToken = default)
    {
        // Instances started together on one new PostgreSQL database each found it fresh and seeded it, and all but
        // one stopped on a unique key: one instance at a time migrates and seeds; the next finds the work done.
        await using var preparing = await services.GetRequiredService<LeaderLock>().WaitAsync("prepare-database", cancellationToken);
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CollabBotDbContext>();
        var logger = scope.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger("CollabBot.Database");
        // Asking the history repository first avoids querying a history table that does not exist yet.
        var history = db.GetService<Microsoft.EntityFrameworkCore.Migrations.IHistoryRepository>();
        var applied = await history.ExistsAsync(cancellationToken) ? (await db.Database.GetAppliedMigrationsAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal) : [];
        var fresh = applied.Count == 0;

        // MigrateAsync also diffs the model against the last migration's snapshot, which costs a one-shot `say` a large
        // share of its start; when every migration of the assembly is applied there is nothing for it to do.
        if (fresh || db.Database.GetMigrations().Any(m => !applied.Contains(m)))
        {
            await db.Database.MigrateAsync(cancellationToken);
        }
        if (fresh && seedOnFirstStart)
        {
            var files = SeedFiles.Default();
            var loaded = await SeedLoader.LoadFilesAsync(db, files, cancellationToken);
            LogSeeded(logger, loaded.Groups, loaded.People, files.Count);
        }
    }

    /// <summary>Once at start: which platforms are connected and how, as their options decide it.</summary>
    public static void LogConnectedPlatforms(this WebApplication app)
    {
        var console = app.Services.GetRequiredService<IOptions<ConsoleOptions>>().Value;
        var connected = new List<string> { "console" + (console.Enabled ? " (web console at /console)" : " (say verb only)") };
        var missing = new List<string>();
        foreach (var (platform, parts) in new[]
        {
            ("Slack", app.Services.GetRequiredService<IOptions<SlackOptions>>().Value.Connected()),
            ("Discord", app.Services.GetRequiredService<IOptions<DiscordOptions>>().Value.Connected()),
            ("GitHub", app.Services.GetRequiredService<IOptions<GitHubOptions>>().Value.Connected()),
        })
        {
            if (parts.Count == 0)
            {
                missing.Add(platform);
            }
            else
            {
                connected.Add($"{platform} ({string.Join(", ", parts)})");
            }
        }

        LogPlatforms(app.Logger, string.Join(", ", connected), missing.Count == 0 ? "none" : string.Join(", ", missing));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Seeded {Groups} groups and {People} people from {Files} file(s) in seeds/")]
    private static partial void LogSeeded(ILogger logger, int groups, int people, int files);

    [LoggerMessage(Level = LogLevel.Information, Message = "Platforms connected: {Connected}; not configured: {Missing}")]
    private static partial void LogPlatforms(ILogger logger, string connected, string missing);
}

/// <summary>The <c>Console</c> settings section: the local web console (see <see cref="Web.ConsoleAccess"/>).</summary>
public sealed class ConsoleOptions
{
    public const string Section = "Console";

    /// <summary>Serve the web console at <c>/console</c>.</summary>
    public bool Enabled { get; set; }

    /// <summary>Let the console answer requests that are not local: anyone who reaches it then acts as any console identity.</summary>
    public bool AllowRemote { get; set; }
}
