using System.Text.Json;
using System.Text.Json.Nodes;
using CollabBot.Core.Commands;
using static CollabBot.Core.Values.Clipping;

namespace CollabBot.Discord;

/// <summary>
/// The Discord application-command registration payload (bulk overwrite), built from <c>commands/</c>:
/// each top-level command with its subcommands, subcommand groups and typed options.
/// </summary>
public static class DiscordCommands
{
    /// <summary>Option types (discord-api-docs, application-commands).</summary>
    public const int SubCommand = 1;
    public const int SubCommandGroup = 2;
    public const int StringType = 3;
    public const int IntegerType = 4;
    public const int BooleanType = 5;
    public const int UserType = 6;
    public const int ChannelType = 7;
    public const int NumberType = 10;
    public const int AttachmentType = 11;

    public static int OptionTypeFor(OptionDefinition option) => option.Repeatable ? StringType : option.IsWholeNumber ? IntegerType : option.Type switch
    {
        OptionType.Number => NumberType,
        OptionType.Flag => BooleanType,
        OptionType.User => UserType,
        OptionType.Channel => ChannelType,
        OptionType.Attachment => AttachmentType,
        _ => StringType,
    };

    public static JsonArray Build(CommandCatalog catalog) =>
        [.. catalog.Commands.Select(c => (JsonNode)new JsonObject
        {
            ["name"] = c.Name,
            ["type"] = 1,
            ["description"] = c.Description,
            ["options"] = new JsonArray([.. c.Children.Select(Node)]),
            ["contexts"] = new JsonArray(0),
            ["integration_types"] = new JsonArray(0),
        })];

    public static string BuildJson(CommandCatalog catalog) =>
        Build(catalog).ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    private static JsonNode Node(CommandNode node) => node.IsLeaf
        ? new JsonObject
        {
            ["type"] = SubCommand,
            ["name"] = node.Name,
            ["description"] = node.Description,
            // Discord requires required options before optional ones.
            ["options"] = new JsonArray([.. node.AllOptions.OrderByDescending(o => o.Required).Select(Option)]),
        }
        : new JsonObject
        {
            ["type"] = SubCommandGroup,
            ["name"] = node.Name,
            ["description"] = node.Description,
            ["options"] = new JsonArray([.. node.Children.Select(Node)]),
        };

    private static JsonNode Option(OptionDefinition option)
    {
        var json = new JsonObject
        {
            ["type"] = OptionTypeFor(option),
            ["name"] = option.Name,
            ["description"] = option.Repeatable && !option.Positional ? Fit(option.Description + " (separate several with ;)", 100) : option.Description,
            ["required"] = option.Required,
        };
        if (option.Choices.Count > 0)
        {
            json["choices"] = new JsonArray([.. option.Choices.Select(c => (JsonNode)new JsonObject { ["name"] = c, ["value"] = c })]);
        }
        else if (option.IsReference)
        {
            json["autocomplete"] = true;
        }

        return json;
    }
}
