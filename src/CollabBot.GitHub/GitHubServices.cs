using CollabBot.Core.Http;
using CollabBot.Core.Ports;
using CollabBot.Core.Settings;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Octokit.Webhooks;

namespace CollabBot.GitHub;

public static class GitHubServices
{
    /// <summary>Octokit behind <see cref="IGitHubIssues"/> (answers "not configured" without a token) and the webhook processor.</summary>
    public static IServiceCollection AddGitHub(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSettings<GitHubOptions, GitHubOptionsValidator>(GitHubOptions.Section);
        services.AddGitHubHttp();
        services.AddSingleton<OctokitGitHubIssues>();
        services.Replace(ServiceDescriptor.Singleton<IGitHubIssues>(sp => sp.GetRequiredService<OctokitGitHubIssues>()));
        services.AddSingleton<WebhookEventProcessor, GitHubWebhookProcessor>();
        return services;
    }

    /// <summary>
    /// The handler chain Octokit sends through (<see cref="OctokitGitHubIssues.HttpClientName"/>): the platform pipeline
    /// with GitHub's rules - a rate limit is not waited out here (GitHub's last minutes: the result says when to come
    /// back, and polling stops its round), each attempt may take 30 s - then the ETag of a conditional request.
    /// </summary>
    public static IHttpClientBuilder AddGitHubHttp(this IServiceCollection services)
    {
        services.Configure<PlatformHttpOptions>(OctokitGitHubIssues.HttpClientName, o =>
        {
            o.RateLimitRetries = 0;
            o.AttemptTimeout = TimeSpan.FromSeconds(30);
        });
        return services.AddPlatformHttpClient(OctokitGitHubIssues.HttpClientName, "GitHub").AddHttpMessageHandler(() => new ConditionalRequestHandler());
    }
}
