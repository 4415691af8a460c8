using CollabBot.Core.Outbox;
using Microsoft.Extensions.Configuration;
using CollabBot.Core.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace CollabBot.Slack;

public static class SlackServices
{
    public static IServiceCollection AddSlack(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(SlackOptions.Section);
        services.Configure<SlackOptions>(section);
        // One client for the process: it holds the per-channel pacing and per-method 429 state.
        services.AddSingleton(sp => ActivatorUtilities.CreateInstance<SlackApiClient>(sp, SharedHttp.Create()));
        services.AddSingleton<SlackUserDirectory>();
        services.AddSingleton<SlackCommandProcessor>();
        if (!string.IsNullOrWhiteSpace(section["BotToken"]))
        {
            services.AddSingleton<IChatPoster, SlackPoster>();
        }

        if (!string.IsNullOrWhiteSpace(section["AppToken"]))
        {
            services.TryAddSingleton<ITextSocketFactory, ClientWebSocketFactory>();
            services.AddSingleton<SocketModeClient>();
            services.AddHostedService(sp => sp.GetRequiredService<SocketModeClient>());
        }

        return services;
    }
}
