namespace CollabBot.GitHub;

/// <summary>The <c>GitHub</c> settings section. Each secret enables one part; absent means "not connected".</summary>
public sealed class GitHubOptions
{
    public const string Section = "GitHub";

    /// <summary>Enables issue creation, listing and polling.</summary>
    public string? Token { get; set; }

    /// <summary>Enables <c>POST /github/webhooks</c>; without it every delivery is refused (fail closed).</summary>
    public string? WebhookSecret { get; set; }

    /// <summary>How often tracked datasets without webhooks are polled; zero or less turns polling off.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMinutes(5);

    public string ApiBaseUrl { get; set; } = "https://api.github.com/";

    public bool IssuesEnabled => !string.IsNullOrWhiteSpace(Token);

    public bool WebhooksEnabled => !string.IsNullOrWhiteSpace(WebhookSecret);
}
