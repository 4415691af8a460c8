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
        services.AddSingleton<OctokitGitHubIssues>(sp => ActivatorUtilities.CreateInstance<OctokitGitHubIssues>(sp));
        services.Replace(ServiceDescriptor.Singleton<IGitHubIssues>(sp => sp.GetRequiredService<OctokitGitHubIssues>()));
        services.AddSingleton<WebhookEventProcessor, GitHubWebhookProcessor>();
        return services;
    }
}
