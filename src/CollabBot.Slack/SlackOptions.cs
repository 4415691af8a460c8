namespace CollabBot.Slack;

/// <summary>The <c>Slack</c> settings section. Each secret enables one part; absent means "not connected".</summary>
public sealed class SlackOptions
{
    public const string Section = "Slack";

    /// <summary>Enables the HTTP endpoints (<c>/slack/*</c>): every request is verified with it.</summary>
    public string? SigningSecret { get; set; }

    /// <summary><c>xoxb-…</c>: enables posting (reminders, announcements, names via users.info).</summary>
    public string? BotToken { get; set; }

    /// <summary><c>xapp-…</c>: enables Socket Mode (no public URL needed).</summary>
    public string? AppToken { get; set; }

    public string ApiBaseUrl { get; set; } = "https://slack.com/api/";

    /// <summary>How long a slash command may run before it is acknowledged and finished through response_url.</summary>
    public TimeSpan InlineReplyBudget { get; set; } = TimeSpan.FromMilliseconds(1500);

    /// <summary>Socket Mode connections to keep open (Slack allows up to 10 per app).</summary>
    public int SocketConnections { get; set; } = 1;

    public bool HttpEnabled => !string.IsNullOrWhiteSpace(SigningSecret);

    public bool PostingEnabled => !string.IsNullOrWhiteSpace(BotToken);

    public bool SocketModeEnabled => !string.IsNullOrWhiteSpace(AppToken);
}
