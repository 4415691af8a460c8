namespace CollabBot.Discord;

/// <summary>The <c>Discord</c> settings section. Each value enables one part; absent means "not connected".</summary>
public sealed class DiscordOptions
{
    public const string Section = "Discord";

    /// <summary>Hex Ed25519 public key from the Developer Portal: enables <c>POST /discord/interactions</c>.</summary>
    public string? PublicKey { get; set; }

    public string? ApplicationId { get; set; }

    /// <summary>Enables posting (reminders, announcements), command registration and the Gateway.</summary>
    public string? BotToken { get; set; }

    /// <summary>Receive interactions over the Gateway (no public URL needed).</summary>
    public bool Gateway { get; set; }

    public string ApiBaseUrl { get; set; } = "https://discord.com/api/v10/";

    /// <summary>How long an interaction may run before it is deferred (type 5) and finished by editing the original response.</summary>
    public TimeSpan InlineReplyBudget { get; set; } = TimeSpan.FromMilliseconds(1500);

    public bool InteractionsEnabled => !string.IsNullOrWhiteSpace(PublicKey);

    public bool PostingEnabled => !string.IsNullOrWhiteSpace(BotToken);

    public bool GatewayEnabled => Gateway && PostingEnabled;
}
