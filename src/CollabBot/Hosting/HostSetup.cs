using CollabBot.Core;
using CollabBot.Core.Data;
using CollabBot.Core.Outbox;
using CollabBot.Core.Seeding;
using CollabBot.Scheduling;
using CollabBot.Discord;
using CollabBot.GitHub;
using CollabBot.Slack;
using CollabBot.Web;
using CollabBot.Web.Api;
using Microsoft.EntityFrameworkCore;
using OpenTelemetry.Metrics;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace CollabBot.Hosting;

/// <summary>The host's table of contents: one extension to add the services, one to map the endpoints.</summary>
public static partial class HostSetup
{
    /// <summary>Settings and services shared by the web host and the verbs.</summary>
    public static void AddCollabBotServices(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddCollabBotCore(db => DatabaseSetup.Configure(db, configuration["Database:Provider"], configuration.GetConnectionString("CollabBot")));
        services.Configure<BotOptions>(configuration.GetSection(BotOptions.Section));
        services.Configure<ConsoleOptions>(configuration.GetSection(ConsoleOptions.Section));
        services.Configure<DashboardOptions>(configuration.GetSection(DashboardOptions.Section));
        services.Configure<Core.Meetings.ReminderOptions>(configuration.GetSection(Core.Meetings.ReminderOptions.Section));
        services.AddOptions<Core.Downloads.ChallengesOptions>().Bind(configuration.GetSection(Core.Downloads.ChallengesOptions.Section)).ValidateOnStart();
        services.AddSingleton(sp => new LeaderLock(configuration["Database:Provider"], configuration.GetConnectionString("CollabBot"), sp.GetRequiredService<TimeProvider>()));
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
        builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(Core.Telemetry.CollabBotMetrics.MeterName)
            .AddPrometheusExporter());
        builder.Services.AddAntiforgery();
        builder.Services.AddApiV1();
        builder.Services.AddSingleton<Console.ConsolePlatform>();
        builder.Services.AddHostedService<OutboxWorker>();
        builder.Services.AddReminderScheduling(builder.Configuration);
        builder.Services.AddGitHubPolling();
    }

    public static void MapCollabBot(this WebApplication app)
    {
        // First, so that Dashboard:Public=false hides every page, feed and API route, including ones mapped later.
        app.UseDashboardExposure();
        app.UseAntiforgery();
        app.MapHealth();
        app.MapPrometheusScrapingEndpoint("/metrics");
        app.MapDashboard();
        app.MapProjects();
        app.MapApiV1();
        app.MapConsole();
        app.MapCalendarFeeds();
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
        var fresh = !await history.ExistsAsync(cancellationToken) || !(await db.Database.GetAppliedMigrationsAsync(cancellationToken)).Any();
        await db.Database.MigrateAsync(cancellationToken);
        if (fresh && seedOnFirstStart)
        {
            var files = SeedFiles.Default();
            var loaded = await SeedLoader.LoadFilesAsync(db, files, cancellationToken);
            LogSeeded(logger, loaded.Groups, loaded.People, files.Count);
        }
    }

    public static void LogConnectedPlatforms(this WebApplication app)
    {
        var config = app.Configuration;
        var connected = new List<string> { "console" + (config.GetValue<bool>("Console:Enabled") ? " (web console at /console)" : " (say verb only)") };
        var missing = new List<string>();
        var slack = new List<string>();
        if (!string.IsNullOrWhiteSpace(config["Slack:SigningSecret"]))
        {
            slack.Add("HTTP endpoints");
        }

        if (!string.IsNullOrWhiteSpace(config["Slack:BotToken"]))
        {
            slack.Add("posting");
        }

        if (!string.IsNullOrWhiteSpace(config["Slack:AppToken"]))
        {
            slack.Add("Socket Mode");
        }

        (slack.Count == 0 ? missing : connected).Add(slack.Count == 0 ? "Slack" : $"Slack ({string.Join(", ", slack)})");
        var discord = new List<string>();
        if (!string.IsNullOrWhiteSpace(config["Discord:PublicKey"]))
        {
            discord.Add("interactions endpoint");
        }

        if (!string.IsNullOrWhiteSpace(config["Discord:BotToken"]))
        {
            discord.Add(config.GetValue<bool>("Discord:Gateway") ? "posting, Gateway" : "posting");
        }

        (discord.Count == 0 ? missing : connected).Add(discord.Count == 0 ? "Discord" : $"Discord ({string.Join(", ", discord)})");
        var github = new List<string>();
        if (!string.IsNullOrWhiteSpace(config["GitHub:Token"]))
        {
            github.Add("issues and polling");
        }

        if (!string.IsNullOrWhiteSpace(config["GitHub:WebhookSecret"]))
        {
            github.Add("webhooks");
        }

        (github.Count == 0 ? missing : connected).Add(github.Count == 0 ? "GitHub" : $"GitHub ({string.Join(", ", github)})");
        LogPlatforms(app.Logger, string.Join(", ", connected), missing.Count == 0 ? "none" : string.Join(", ", missing));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Seeded {Groups} groups and {People} people from {Files} file(s) in seeds/")]
    private static partial void LogSeeded(ILogger logger, int groups, int people, int files);

    [LoggerMessage(Level = LogLevel.Information, Message = "Platforms connected: {Connected}; not configured: {Missing}")]
    private static partial void LogPlatforms(ILogger logger, string connected, string missing);
}

/// <summary>The <c>Console</c> settings section: the local web console.</summary>
public sealed class ConsoleOptions
{
    public const string Section = "Console";

    public bool Enabled { get; set; }
}
