using CollabBot.Core.Commands;
using YamlDotNet.Serialization;

namespace CollabBot.Slack;

/// <summary>The Slack app manifest (YAML), built from <c>commands/</c>: one slash command per top-level command.</summary>
public static class SlackManifest
{
    /// <summary>Slack's limits on a manifest's slash command (api.slack.com/reference/manifests).</summary>
    public const int MaxCommandLength = 32;
    public const int MaxDescriptionLength = 2000;
    public const int MaxUsageHintLength = 1000;
    public const int MaxSlashCommands = 50;

    public sealed record SlashCommand(string Command, string Description, string UsageHint);

    public static IReadOnlyList<SlashCommand> Commands(CommandCatalog catalog) =>
        [.. catalog.Commands.Select(c => new SlashCommand("/" + c.Name, c.Description, UsageHint(c)))];

    /// <summary><c>list | info &lt;wg&gt; | join &lt;wg&gt; | …</c>: the subcommands with their positional arguments.</summary>
    public static string UsageHint(CommandNode command)
    {
        var parts = command.Leaves().Select(leaf =>
            string.Join(' ', leaf.Path.Skip(1).Concat(leaf.Args.Select(a => a.UsageToken)))).ToList();
        var hint = string.Join(" | ", parts);
        return hint.Length <= MaxUsageHintLength ? hint : string.Join(" | ", command.Children.Select(c => c.Name)) + " | help";
    }

    /// <summary>
    /// Whether a command takes a file (an <c>attachment</c> option): Slack then sends the bot the messages of the
    /// conversations it is in (<c>message.*</c> events with <c>files</c>) and lets it read files (<c>files:read</c>),
    /// since a file shared with <c>/challenge submit …</c> as its message is how a file reaches a command there.
    /// </summary>
    public static bool TakesFiles(CommandCatalog catalog) =>
        catalog.Leaves.Any(l => l.Options.Any(o => o.Type == OptionType.Attachment));

    public static string Build(CommandCatalog catalog, string publicUrl)
    {
        var baseUrl = publicUrl.TrimEnd('/');
        // The history scopes let a retried post find its earlier attempt by the outbox key in its metadata (OutboxDelivery).
        var scopes = new List<string> { "commands", "chat:write", "chat:write.public", "users:read", "channels:read", "groups:read", "channels:history", "groups:history", "im:history", "im:write" };
        var events = new List<string> { "app_mention", "member_joined_channel" };
        if (TakesFiles(catalog))
        {
            scopes.Add("files:read");
            events.AddRange(["message.channels", "message.groups", "message.im"]);
        }

        var manifest = new Dictionary<string, object>
        {
            ["_metadata"] = new Dictionary<string, object> { ["major_version"] = 1, ["minor_version"] = 1 },
            ["display_information"] = new Dictionary<string, object>
            {
                ["name"] = "CollabBot",
                ["description"] = "Working groups, meetings, author lists and datasets for research collaborations",
                ["background_color"] = "#1d3557",
            },
            ["features"] = new Dictionary<string, object>
            {
                ["bot_user"] = new Dictionary<string, object> { ["display_name"] = "collabbot", ["always_online"] = true },
                ["slash_commands"] = Commands(catalog).Select(c => new Dictionary<string, object>
                {
                    ["command"] = c.Command,
                    ["url"] = baseUrl + "/slack/commands",
                    ["description"] = c.Description,
                    ["usage_hint"] = c.UsageHint,
                    // Mentions then arrive as <@U…> and <#C…>, which the parser resolves to identities.
                    ["should_escape"] = true,
                }).ToList(),
            },
            ["oauth_config"] = new Dictionary<string, object>
            {
                ["scopes"] = new Dictionary<string, object>
                {
                    ["bot"] = scopes,
                },
            },
            ["settings"] = new Dictionary<string, object>
            {
                ["interactivity"] = new Dictionary<string, object> { ["is_enabled"] = true, ["request_url"] = baseUrl + "/slack/interactions" },
                ["event_subscriptions"] = new Dictionary<string, object>
                {
                    ["request_url"] = baseUrl + "/slack/events",
                    ["bot_events"] = events,
                },
                ["org_deploy_enabled"] = false,
                ["socket_mode_enabled"] = false,
                ["token_rotation_enabled"] = false,
            },
        };

        var serializer = new SerializerBuilder().Build();
        return "# Slack app manifest for CollabBot, generated from commands/ by `manifest slack`.\n" + serializer.Serialize(manifest);
    }
}
