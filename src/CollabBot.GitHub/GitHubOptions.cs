using System.ComponentModel.DataAnnotations;
using CollabBot.Core.Settings;
using Microsoft.Extensions.Options;

namespace CollabBot.GitHub;

/// <summary>
/// The <c>GitHub</c> settings section. Each secret enables one part; absent means "not connected". What is connected
/// is decided here only (<see cref="IssuesEnabled"/>, <see cref="WebhooksEnabled"/>, <see cref="PollingEnabled"/>).
/// </summary>
public sealed class GitHubOptions
{
    public const string Section = "GitHub";

    /// <summary>Enables issue creation, listing and polling.</summary>
    public string? Token { get; set; }

    /// <summary>Enables <c>POST /github/webhooks</c>; without it every delivery is refused (fail closed).</summary>
    public string? WebhookSecret { get; set; }

    /// <summary>How often tracked datasets without webhooks are polled; zero turns polling off.</summary>
    [Between("00:00:00", "7.00:00:00", ErrorMessage = "GitHub:PollInterval must be between 00:00:00 (polling off) and 7.00:00:00 (a week), e.g. 00:05:00.")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMinutes(5);

    [Required(ErrorMessage = "GitHub:ApiBaseUrl is required (https://api.github.com/).")]
    [AbsoluteHttpUrl(ErrorMessage = "GitHub:ApiBaseUrl must be an absolute http(s) address, e.g. https://api.github.com/.")]
    public string ApiBaseUrl { get; set; } = "https://api.github.com/";

    public bool IssuesEnabled => !string.IsNullOrWhiteSpace(Token);

    public bool WebhooksEnabled => !string.IsNullOrWhiteSpace(WebhookSecret);

    /// <summary>Tracked datasets are polled (a token, and an interval above zero).</summary>
    public bool PollingEnabled => IssuesEnabled && PollInterval > TimeSpan.Zero;

    public bool IsConfigured => IssuesEnabled || WebhooksEnabled;

    /// <summary>What is connected, for the start-up log: e.g. <c>issues and polling, webhooks</c>.</summary>
    public IReadOnlyList<string> Connected() =>
        [.. new[] { (IssuesEnabled, PollingEnabled ? "issues and polling" : "issues"), (WebhooksEnabled, "webhooks") }.Where(p => p.Item1).Select(p => p.Item2)];
}

[OptionsValidator]
public sealed partial class GitHubOptionsValidator : IValidateOptions<GitHubOptions>;
