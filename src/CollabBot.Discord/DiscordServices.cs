using CollabBot.Core.Outbox;
using CollabBot.Core.Sockets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace CollabBot.Discord;

public static class DiscordServices
{
    public static IServiceCollection AddDiscord(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(DiscordOptions.Section);
        services.Configure<DiscordOptions>(section);
        services.AddSingleton(new DiscordSignature(section["PublicKey"]));

        // One client for the process: it holds the rate-limit buckets.
        services.AddSingleton(sp => ActivatorUtilities.CreateInstance<DiscordRestClient>(sp, new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }) { Timeout = TimeSpan.FromSeconds(15) }));
        services.AddSingleton<InteractionProcessor>();
        var posting = !string.IsNullOrWhiteSpace(section["BotToken"]);
        if (posting)
        {
            services.AddSingleton<IChatPoster, DiscordPoster>();
        }

        if (posting && section.GetValue<bool>("Gateway"))
        {
            services.TryAddSingleton<ITextSocketFactory, ClientWebSocketFactory>();
            services.AddSingleton<GatewayClient>();
            services.AddHostedService(sp => sp.GetRequiredService<GatewayClient>());
        }

        return services;
    }
}
