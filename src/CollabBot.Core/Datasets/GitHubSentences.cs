using System.Globalization;
using CollabBot.Core.Ports;

namespace CollabBot.Core.Datasets;

/// <summary>GitHub failures as the one or two sentences a user reads.</summary>
public static class GitHubSentences
{
    public static string For(GitHubFailure failure, RepoRef repo) => failure.Kind switch
    {
        GitHubFailureKind.NotConfigured =>
            "GitHub is not connected on this deployment (the GitHub:Token setting is empty), so I cannot reach the issues. An admin can set it.",
        GitHubFailureKind.NotFound =>
            $"GitHub says the repository {repo} was not found: check the spelling, or give the bot's token access to it if it is private.",
        GitHubFailureKind.Unauthorized =>
            $"GitHub refused the bot's token (it is missing, wrong or expired), so I could not reach {repo}. An admin needs to renew GitHub:Token.",
        GitHubFailureKind.Forbidden =>
            $"The bot's GitHub token lacks permission for this on {repo} (it needs access to the repository's issues). An admin can grant it.",
        GitHubFailureKind.RateLimited =>
            "GitHub's rate limit for the bot is used up" + (failure.RetryAt is { } at ? $"; try again after {at.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC." : "; try again in a few minutes."),
        GitHubFailureKind.Unreachable =>
            $"GitHub could not be reached ({failure.Detail}). Please try again in a moment.",
        _ => $"GitHub did not accept the request: {failure.Detail}.",
    };
}
