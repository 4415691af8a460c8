using CollabBot.Core.Outbox;
using CollabBot.Core.Settings;
using CollabBot.Core.Sockets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace CollabBot.Slack;

public static class SlackServices
{
    public static IServiceCollection AddSlack(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSettings<SlackOptions, SlackOptionsValidator>(SlackOptions.Section);
        var slack = SettingsRegistration.Read<SlackOptions>(configuration, SlackOptions.Section);
        // One client for the process: it holds the per-channel pacing and per-method 429 state.
        services.AddSingleton(sp => ActivatorUtilities.CreateInstance<SlackApiClient>(sp, SharedHttp.Create()));
        services.AddSingleton<SlackUserDirectory>();
        services.AddSingleton<SlackCommandProcessor>();
        if (slack.PostingEnabled)
        {
            services.AddSingleton<IChatPoster, SlackPoster>();
        }

        if (slack.SocketModeEnabled)
        {
            services.TryAddSingleton<ITextSocketFactory, ClientWebSocketFactory>();
            services.AddSingleton<SocketModeClient>();
            services.AddHostedService(sp => sp.GetRequiredService<SocketModeClient>());
        }

        return services;
    }
}
