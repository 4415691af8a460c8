using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CollabBot.Core.Commands;
using CollabBot.Core.Downloads;
using static CollabBot.Core.Values.Clipping;

namespace CollabBot.Discord;

/// <summary>
/// Maps an application-command interaction (structured subcommands, groups and typed options, with
/// <c>resolved</c> users and channels) onto the same invocation Slack's typed text produces.
/// </summary>
public static partial class InteractionMapper
{
    public sealed record Who(string Identity, string? Name, string Tenant, string? ChannelId);

    /// <summary>The caller: <c>member.user</c> in a guild, <c>user</c> in a DM; tenant is the guild, or "dm".</summary>
    public static Who? Caller(JsonObject interaction)
    {
        var user = interaction["member"]?["user"] as JsonObject ?? interaction["user"] as JsonObject;
        var id = Str(user?["id"]);
        if (id is null)
        {
            return null;
        }

        var name = Str(interaction["member"]?["nick"]) ?? Str(user!["global_name"]) ?? Str(user["username"]);
        return new Who($"discord:{id}", name, Str(interaction["guild_id"]) ?? "dm", Str(interaction["channel_id"]) ?? Str(interaction["channel"]?["id"]));
    }

    /// <summary>
    /// Walks <c>data.options</c> down to the leaf subcommand and converts its options. An attachment option becomes an
    /// <see cref="IncomingFile"/> fetched from the address in <c>data.resolved.attachments</c> (Discord's CDN) with
    /// <paramref name="downloader"/>, without the bot token: the CDN's addresses are signed and need none.
    /// </summary>
    public static ParseResult Map(CommandCatalog catalog, JsonObject interaction, string callerIdentity, SafeDownloader? downloader = null)
    {
        var data = interaction["data"] as JsonObject;
        var node = catalog.Top(Str(data?["name"]) ?? "");
        if (node is null)
        {
            return new ParseResult.Error($"'/{Quoted(Str(data?["name"]) ?? "")}' is not a CollabBot command; the registered commands may be out of date (run the register discord verb).", null);
        }

        var options = data!["options"] as JsonArray ?? [];
        while (!node.IsLeaf)
        {
            var sub = options.OfType<JsonObject>().FirstOrDefault(o => Int(o["type"]) is DiscordCommands.SubCommand or DiscordCommands.SubCommandGroup);
            var child = sub is null ? null : node.Child(Str(sub["name"]) ?? "");
            if (child is null)
            {
                return new ParseResult.Help(node);
            }

            node = child;
            options = sub!["options"] as JsonArray ?? [];
        }

        var resolved = data["resolved"] as JsonObject;
        var bag = new ArgumentBag();
        foreach (var option in options.OfType<JsonObject>())
        {
            var name = Str(option["name"]) ?? "";
            var definition = node.AllOptions.FirstOrDefault(o => o.Name == name);
            if (definition is null)
            {
                return new ParseResult.Error($"/{node.Key} has no option '{Quoted(name)}'; the registered commands may be out of date.", node);
            }

            var error = Add(bag, definition, option["value"], resolved, callerIdentity, downloader);
            if (error is not null)
            {
                return new ParseResult.Error(error, node);
            }
        }

        return new ParseResult.Parsed(node, bag);
    }

    /// <summary>The option being typed in an autocomplete interaction, and its definition.</summary>
    public static (OptionDefinition Option, string Value)? Focused(CommandCatalog catalog, JsonObject interaction)
    {
        var data = interaction["data"] as JsonObject;
        var node = catalog.Top(Str(data?["name"]) ?? "");
        var options = data?["options"] as JsonArray ?? [];
        while (node is { IsLeaf: false })
        {
            var sub = options.OfType<JsonObject>().FirstOrDefault(o => Int(o["type"]) is DiscordCommands.SubCommand or DiscordCommands.SubCommandGroup);
            node = sub is null ? null : node.Child(Str(sub["name"]) ?? "");
            options = sub?["options"] as JsonArray ?? [];
        }

        var focused = options.OfType<JsonObject>().FirstOrDefault(o => o["focused"]?.GetValue<bool>() == true);
        var definition = node?.AllOptions.FirstOrDefault(o => o.Name == Str(focused?["name"]));
        return definition is null ? null : (definition, focused!["value"]?.ToString() ?? "");
    }

    private static string? Add(ArgumentBag bag, OptionDefinition definition, JsonNode? value, JsonObject? resolved, string callerIdentity, SafeDownloader? downloader)
    {
        if (value is null)
        {
            return null;
        }

        switch (definition.Type)
        {
            case OptionType.Attachment:
                return Attachment(bag, definition, Str(value), resolved, downloader);
            case OptionType.User when Str(value) is { } id && Snowflake().IsMatch(id):
                var name = Str(resolved?["members"]?[id]?["nick"]) ?? Str(resolved?["users"]?[id]?["global_name"]) ?? Str(resolved?["users"]?[id]?["username"]);
                bag.Set(definition.Name, new UserRef($"discord:{id}", name));
                return null;
            case OptionType.User:
                return $"<{definition.Name}> must be a Discord user.";
            case OptionType.Channel when Str(value) is { } channel:
                bag.Set(definition.Name, new ChannelRef(channel, Str(resolved?["channels"]?[channel]?["name"])));
                return null;
            case OptionType.Flag:
                bag.Set(definition.Name, value.GetValueKind() == System.Text.Json.JsonValueKind.True);
                return null;
            case var _ when definition.IsWholeNumber && !definition.Repeatable && value is JsonValue v && v.TryGetValue<long>(out var l):
                bag.Set(definition.Name, l);
                return null;
            case OptionType.Number when value is JsonValue n && n.TryGetValue<double>(out var d):
                bag.Set(definition.Name, d);
                return null;
            case OptionType.Speaker when Str(value) is { } speaker:
                var mention = MentionRegex().Match(speaker.Trim());
                bag.Set(definition.Name, speaker.Trim().Equals("me", StringComparison.OrdinalIgnoreCase)
                    ? new UserRef(callerIdentity, "me")
                    : mention.Success ? new UserRef($"discord:{mention.Groups[1].Value}") : speaker);
                return null;
        }

        var text = value.ToString();
        if (definition.Repeatable)
        {
            // Discord has no repeated options: several values arrive in one string, separated by ; (or spaces for numbers).
            var separators = definition.IsWholeNumber ? new[] { ' ', ',', ';' } : [';'];
            foreach (var part in text.Split(separators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (definition.IsWholeNumber)
                {
                    if (!long.TryParse(part.TrimStart('#'), NumberStyles.Integer, CultureInfo.InvariantCulture, out var each))
                    {
                        return $"<{definition.Name}> must be numbers separated by spaces, not '{Quoted(part)}'.";
                    }

                    bag.Add(definition.Name, each);
                }
                else
                {
                    bag.Add(definition.Name, part);
                }
            }

            return null;
        }

        bag.Set(definition.Name, text);
        return null;
    }

    /// <summary><c>resolved.attachments[id]</c>: <c>{id, filename, size, url, proxy_url, content_type}</c>.</summary>
    private static string? Attachment(ArgumentBag bag, OptionDefinition definition, string? id, JsonObject? resolved, SafeDownloader? downloader)
    {
        var attachment = id is null ? null : resolved?["attachments"]?[id] as JsonObject;
        if (attachment is null || !Uri.TryCreate(Str(attachment["url"]), UriKind.Absolute, out var url))
        {
            return $"--{definition.Name}: Discord did not say where the attached file is; attach it again.";
        }

        if (downloader is null)
        {
            return $"--{definition.Name}: files cannot be received here.";
        }

        var size = attachment["size"] is JsonValue s && s.TryGetValue<long>(out var bytes) ? bytes : (long?)null;
        bag.Set(definition.Name, new RemoteFile(Str(attachment["filename"]) ?? IncomingFile.NameFrom(url), size, url, credential: null, downloader, "the Discord attachment", "discord-attachment"));
        return null;
    }

    private static string? Str(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static int? Int(JsonNode? node) => node is JsonValue v && v.TryGetValue<int>(out var i) ? i : null;

    /// <summary>A name quoted back in an error; the values themselves meet Core's <see cref="CollabBot.Core.Values.InputRules"/> when they are bound, as every platform's do.</summary>
    /// <summary>Input quoted back in an error: clipped, and with invisible characters shown.</summary>
    private static string Quoted(string text) => CollabBot.Core.Values.InputRules.Visible(Clip(text, 40));

    [GeneratedRegex(@"^\d{5,22}$")]
    private static partial Regex Snowflake();

    [GeneratedRegex(@"^<@!?(\d{5,22})>$")]
    private static partial Regex MentionRegex();
}
