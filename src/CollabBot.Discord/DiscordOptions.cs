using System.ComponentModel.DataAnnotations;
using System.Globalization;
using CollabBot.Core.Settings;
using Microsoft.Extensions.Options;

namespace CollabBot.Discord;

/// <summary>
/// The <c>Discord</c> settings section. Each value enables one part; absent means "not connected". What is connected
/// is decided here only (<see cref="InteractionsEnabled"/>, <see cref="PostingEnabled"/>, <see cref="GatewayEnabled"/>,
/// <see cref="CanRegister"/>).
/// </summary>
public sealed class DiscordOptions : IValidatableObject
{
    public const string Section = "Discord";

    /// <summary>Hex Ed25519 public key from the Developer Portal: enables <c>POST /discord/interactions</c>.</summary>
    public string? PublicKey { get; set; }

    public string? ApplicationId { get; set; }

    /// <summary>Enables posting (reminders, announcements), command registration and the Gateway.</summary>
    public string? BotToken { get; set; }

    /// <summary>Receive interactions over the Gateway (no public URL needed).</summary>
    public bool Gateway { get; set; }

    [Required(ErrorMessage = "Discord:ApiBaseUrl is required (https://discord.com/api/v10/).")]
    [AbsoluteHttpUrl(ErrorMessage = "Discord:ApiBaseUrl must be an absolute http(s) address, e.g. https://discord.com/api/v10/.")]
    public string ApiBaseUrl { get; set; } = "https://discord.com/api/v10/";

    /// <summary>How long an interaction may run before it is deferred (type 5) and finished by editing the original response.</summary>
    [Between("00:00:00", "00:00:02.500", ErrorMessage = "Discord:InlineReplyBudget must be between 00:00:00 and 00:00:02.500: Discord wants an answer within 3 seconds.")]
    public TimeSpan InlineReplyBudget { get; set; } = TimeSpan.FromMilliseconds(1500);

    /// <summary><c>POST /discord/interactions</c> answers (and verifies every request).</summary>
    public bool InteractionsEnabled => !string.IsNullOrWhiteSpace(PublicKey);

    /// <summary>Posting (the outbox) works.</summary>
    public bool PostingEnabled => !string.IsNullOrWhiteSpace(BotToken);

    /// <summary>Interactions arrive over the Gateway (it needs the bot token).</summary>
    public bool GatewayEnabled => Gateway && PostingEnabled;

    /// <summary><c>register discord</c> can send the commands.</summary>
    public bool CanRegister => PostingEnabled && !string.IsNullOrWhiteSpace(ApplicationId);

    public bool IsConfigured => InteractionsEnabled || PostingEnabled;

    /// <summary>What is connected, for the start-up log: e.g. <c>interactions endpoint, posting, Gateway</c>.</summary>
    public IReadOnlyList<string> Connected() =>
        [.. new[] { (InteractionsEnabled, "interactions endpoint"), (PostingEnabled, "posting"), (GatewayEnabled, "Gateway") }.Where(p => p.Item1).Select(p => p.Item2)];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (InteractionsEnabled && (PublicKey!.Trim().Length != 64 || !PublicKey.Trim().All(char.IsAsciiHexDigit)))
        {
            yield return new ValidationResult("Discord:PublicKey must be the application's 64-character hex Ed25519 public key (General Information in the Developer Portal).", [nameof(PublicKey)]);
        }

        if (!string.IsNullOrWhiteSpace(ApplicationId) && !ulong.TryParse(ApplicationId.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out _))
        {
            yield return new ValidationResult("Discord:ApplicationId must be the application's numeric id (a snowflake such as 900000000000000001).", [nameof(ApplicationId)]);
        }

        if (Gateway && !PostingEnabled)
        {
            yield return new ValidationResult("Discord:Gateway needs Discord:BotToken: the Gateway connection identifies with the bot token.", [nameof(Gateway)]);
        }
    }
}

[OptionsValidator]
public sealed partial class DiscordOptionsValidator : IValidateOptions<DiscordOptions>;
