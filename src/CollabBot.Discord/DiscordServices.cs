using CollabBot.Core.Http;
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

        // The factory's "discord" client: its handler chain lives as long as the process, so DiscordRateLimits' buckets are
        // shared by every call; a 429 is waited out for the body's retry_after (fractional seconds), not the rounded header.
        services.AddTransient<DiscordRateLimits>();
        services.AddPlatformHttpClient(DiscordRestClient.HttpClientName, "Discord").AddHttpMessageHandler<DiscordRateLimits>();
        services.Configure<PlatformHttpOptions>(DiscordRestClient.HttpClientName, o => o.RetryAfter = DiscordRateLimits.RetryAfterAsync);
        services.AddSingleton(sp => ActivatorUtilities.CreateInstance<DiscordRestClient>(sp, sp.GetRequiredService<IHttpClientFactory>().CreateClient(DiscordRestClient.HttpClientName)));
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
