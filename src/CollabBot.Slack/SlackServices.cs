using CollabBot.Core.Http;
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
        // One API client for the process (it holds the per-channel pacing) on the factory's "slack" client, whose handler
        // chain lives as long as the process too, so SlackRateLimits' per-method waits are shared by every call.
        services.AddTransient<SlackRateLimits>();
        services.AddPlatformHttpClient(SlackApiClient.HttpClientName, "Slack").AddHttpMessageHandler<SlackRateLimits>();
        services.AddSingleton(sp => ActivatorUtilities.CreateInstance<SlackApiClient>(sp, sp.GetRequiredService<IHttpClientFactory>().CreateClient(SlackApiClient.HttpClientName)));
        services.AddSingleton<SlackUserDirectory>();
        services.AddSingleton<SlackCommandProcessor>();
        services.AddSingleton<SlackFileCommands>();
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
