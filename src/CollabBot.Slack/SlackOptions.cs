using System.ComponentModel.DataAnnotations;
using CollabBot.Core.Settings;
using Microsoft.Extensions.Options;

namespace CollabBot.Slack;

/// <summary>
/// The <c>Slack</c> settings section. Each secret enables one part; absent means "not connected". What is connected
/// is decided here only (<see cref="HttpEnabled"/>, <see cref="PostingEnabled"/>, <see cref="SocketModeEnabled"/>).
/// </summary>
public sealed class SlackOptions : IValidatableObject
{
    public const string Section = "Slack";

    /// <summary>Enables the HTTP endpoints (<c>/slack/*</c>): every request is verified with it.</summary>
    public string? SigningSecret { get; set; }

    /// <summary><c>xoxb-…</c>: enables posting (reminders, announcements, names via users.info).</summary>
    public string? BotToken { get; set; }

    /// <summary><c>xapp-…</c>: enables Socket Mode (no public URL needed).</summary>
    public string? AppToken { get; set; }

    [Required(ErrorMessage = "Slack:ApiBaseUrl is required (https://slack.com/api/).")]
    [AbsoluteHttpUrl(ErrorMessage = "Slack:ApiBaseUrl must be an absolute http(s) address, e.g. https://slack.com/api/.")]
    public string ApiBaseUrl { get; set; } = "https://slack.com/api/";

    /// <summary>
    /// Slack's file host: a file shared with a command is fetched with the bot token only when its address starts here
    /// (same scheme, host and port); files anywhere else are refused. Tests point it at a local fake.
    /// </summary>
    [Required(ErrorMessage = "Slack:FilesBaseUrl is required (https://files.slack.com/).")]
    [AbsoluteHttpUrl(ErrorMessage = "Slack:FilesBaseUrl must be an absolute http(s) address, e.g. https://files.slack.com/.")]
    public string FilesBaseUrl { get; set; } = "https://files.slack.com/";

    /// <summary>How long a slash command may run before it is acknowledged and finished through response_url.</summary>
    [Between("00:00:00", "00:00:02.500", ErrorMessage = "Slack:InlineReplyBudget must be between 00:00:00 and 00:00:02.500: Slack wants an answer within 3 seconds.")]
    public TimeSpan InlineReplyBudget { get; set; } = TimeSpan.FromMilliseconds(1500);

    /// <summary>Socket Mode connections to keep open (Slack allows up to 10 per app).</summary>
    [Between(1, 10, ErrorMessage = "Slack:SocketConnections must be between 1 and 10 (Slack allows up to 10 per app).")]
    public int SocketConnections { get; set; } = 1;

    /// <summary>The <c>/slack/*</c> endpoints answer (and verify every request).</summary>
    public bool HttpEnabled => !string.IsNullOrWhiteSpace(SigningSecret);

    /// <summary>Posting (the outbox, response follow-ups) and name look-ups work.</summary>
    public bool PostingEnabled => !string.IsNullOrWhiteSpace(BotToken);

    /// <summary>Commands, buttons and events arrive over Socket Mode connections.</summary>
    public bool SocketModeEnabled => !string.IsNullOrWhiteSpace(AppToken);

    public bool IsConfigured => HttpEnabled || PostingEnabled || SocketModeEnabled;

    /// <summary>What is connected, for the start-up log: e.g. <c>HTTP endpoints, posting</c>.</summary>
    public IReadOnlyList<string> Connected() =>
        [.. new[] { (HttpEnabled, "HTTP endpoints"), (PostingEnabled, "posting"), (SocketModeEnabled, "Socket Mode") }.Where(p => p.Item1).Select(p => p.Item2)];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        // Tokens are checked by their documented prefixes only, and never echoed: a swapped pair is the usual mistake.
        if (PostingEnabled && !BotToken!.Trim().StartsWith("xox", StringComparison.Ordinal))
        {
            yield return new ValidationResult("Slack:BotToken must be the Bot User OAuth Token (it starts with xoxb-); the app-level token (xapp-) goes in Slack:AppToken.", [nameof(BotToken)]);
        }

        if (SocketModeEnabled && !AppToken!.Trim().StartsWith("xapp-", StringComparison.Ordinal))
        {
            yield return new ValidationResult("Slack:AppToken must be an app-level token with the connections:write scope (it starts with xapp-).", [nameof(AppToken)]);
        }
    }
}

[OptionsValidator]
public sealed partial class SlackOptionsValidator : IValidateOptions<SlackOptions>;
