using CollabBot.Core.Commands;
using CollabBot.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CollabBot.Core;

public static class CoreServices
{
    /// <summary>The command core: catalog, handlers, dispatcher and the database.</summary>
    public static IServiceCollection AddCollabBotCore(this IServiceCollection services, Action<DbContextOptionsBuilder> database) =>
        services.AddCollabBotCore((_, builder) => database(builder));

    /// <summary>As above, with the database configured from services (the host's <see cref="DatabaseOptions"/>).</summary>
    public static IServiceCollection AddCollabBotCore(this IServiceCollection services, Action<IServiceProvider, DbContextOptionsBuilder> database)
    {
        // The options are built once, not for every command's scope: the provider and connection string never change
        // while the process runs, and building them (and finding EF's service provider for them) was paid per command.
        services.AddDbContext<CollabBotDbContext>(database, optionsLifetime: ServiceLifetime.Singleton);

        // Built when first asked for, not while services are registered: a one-shot `say` loads them while its
        // database is checked (ConsoleVerbs.SayAsync).
        services.AddSingleton(_ => CommandCatalog.Default);
        services.AddSingleton(_ => new HandlerRegistry([typeof(CoreServices).Assembly]));
        services.AddSingleton(_ => new ReferenceResolvers([typeof(CoreServices).Assembly]));
        services.AddSingleton<ReadModel.DataVersions>();
        services.AddSingleton<Commands.ReplyCache>();
        services.AddSingleton<Dispatcher>();
        services.AddSingleton<WriteGate>();
        services.AddSingleton<Autocomplete>();
        services.AddSingleton<AcknowledgeThenFinish>();
        services.AddSingleton<Outbox.OutboxDelivery>();
        services.AddSingleton<Outbox.OutboxSignal>();
        services.AddSingleton<Meetings.MeetingSignal>();
        services.AddOptions<Meetings.ReminderOptions>();
        services.AddSingleton<Reminders.ReminderService>();
        services.AddSingleton<Reminders.PersonalReminderService>();
        services.TryAddSingleton<Ports.IGitHubIssues, Ports.GitHubNotConfigured>();
        services.AddSingleton<Datasets.IssueNotifications>();
        services.AddSingleton<Datasets.IssuePolling>();
        services.AddOptions<BotOptions>();
        services.AddOptions<Downloads.ChallengesOptions>();
        services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<Downloads.ChallengesOptions>, Downloads.ChallengesOptionsValidator>();
        services.AddSingleton<Downloads.SafeDownloader>();
        services.AddSingleton<Resources.LinkChecker>();
        services.AddSingleton<Features.Challenges.ChallengeScoringSignal>();
        services.AddSingleton<Features.Challenges.ChallengeSubmissions>();
        services.AddSingleton<Features.Challenges.ChallengeTruthCache>();
        services.AddSingleton<Features.Challenges.ChallengeTruths>();
        services.AddSingleton<Features.Challenges.ChallengeScoring>();
        services.AddSingleton<Resources.LinkCare>();
        Reports.ActivityReports.AddReports(services);
        services.AddSingleton<Digests.DigestService>();
        services.AddLogging();
        services.AddSingleton(TimeProvider.System);
        return services;
    }
}
