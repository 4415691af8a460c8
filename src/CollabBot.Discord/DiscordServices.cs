using CollabBot.Core.Outbox;
using CollabBot.Core.Settings;
using CollabBot.Core.Sockets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CollabBot.Discord;

public static class DiscordServices
{
    public static IServiceCollection AddDiscord(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSettings<DiscordOptions, DiscordOptionsValidator>(DiscordOptions.Section);
        var discord = SettingsRegistration.Read<DiscordOptions>(configuration, DiscordOptions.Section);
        services.AddSingleton(sp => new DiscordSignature(sp.GetRequiredService<IOptions<DiscordOptions>>().Value.PublicKey));

        // One client for the process: it holds the rate-limit buckets.
        services.AddSingleton(sp => ActivatorUtilities.CreateInstance<DiscordRestClient>(sp, new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }) { Timeout = TimeSpan.FromSeconds(15) }));
        services.AddSingleton<InteractionProcessor>();
        if (discord.PostingEnabled)
        {
            services.AddSingleton<IChatPoster, DiscordPoster>();
        }

        if (discord.GatewayEnabled)
        {
            services.TryAddSingleton<ITextSocketFactory, ClientWebSocketFactory>();
            services.AddSingleton<GatewayClient>();
            services.AddHostedService(sp => sp.GetRequiredService<GatewayClient>());
        }

        return services;
    }
}
