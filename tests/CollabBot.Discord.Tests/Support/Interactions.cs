using System.Globalization;
using System.Text.Json.Nodes;

namespace CollabBot.Discord.Tests.Support;

/// <summary>
/// Interaction payloads shaped as Discord documents them (receiving-and-responding.mdx): id, application_id,
/// type, token, version 1, guild_id, channel_id, member.user, and data with nested subcommand options and
/// <c>resolved</c> users.
/// </summary>
public static class Interactions
{
    public const int PingType = 1;
    public const int ApplicationCommand = 2;
    public const int MessageComponent = 3;
    public const int AutocompleteType = 4;

    private static long nextId = 1_250_000_000_000_000_000;

    public static JsonObject Ping() => new()
    {
        ["id"] = NextId(),
        ["application_id"] = DiscordService.ApplicationId,
        ["type"] = PingType,
        ["token"] = NextToken(),
        ["version"] = 1,
    };

    /// <summary>A slash command in the demo guild, e.g. <c>Command("wg list", user, Bool("public", true))</c>.</summary>
    public static JsonObject Command(string path, DiscordUser caller, params JsonObject[] options) =>
        Command(path, caller, options, resolved: null);

    /// <summary>
    /// <paramref name="path"/> is the command words (<c>wg convener add</c>): the first names the command, the last
    /// the subcommand, any between are subcommand groups. <paramref name="resolved"/> fills <c>data.resolved.users</c>.
    /// </summary>
    public static JsonObject Command(string path, DiscordUser caller, IEnumerable<JsonObject> options, IEnumerable<DiscordUser>? resolved, int type = ApplicationCommand, bool inGuild = true)
    {
        var words = path.Split(' ');
        var leaf = new JsonArray([.. options]);
        for (var i = words.Length - 1; i >= 1; i--)
        {
            var option = new JsonObject
            {
                ["type"] = i == words.Length - 1 ? DiscordCommands.SubCommand : DiscordCommands.SubCommandGroup,
                ["name"] = words[i],
                ["options"] = leaf,
            };
            leaf = [option];
        }

        var data = new JsonObject
        {
            ["id"] = "1100000000000000001",
            ["name"] = words[0],
            ["type"] = 1,
            ["options"] = leaf,
        };
        if (resolved is not null)
        {
            var users = new JsonObject();
            var members = new JsonObject();
            foreach (var user in resolved)
            {
                users[user.Id] = user.ToJson();
                members[user.Id] = new JsonObject { ["nick"] = null, ["roles"] = new JsonArray(), ["permissions"] = "0" };
            }

            data["resolved"] = new JsonObject { ["users"] = users, ["members"] = members };
        }

        var interaction = new JsonObject
        {
            ["id"] = NextId(),
            ["application_id"] = DiscordService.ApplicationId,
            ["type"] = type,
            ["token"] = NextToken(),
            ["version"] = 1,
            ["data"] = data,
            ["app_permissions"] = "2248473465835073",
            ["locale"] = "en-GB",
            ["entitlements"] = new JsonArray(),
            ["authorizing_integration_owners"] = new JsonObject { ["0"] = DiscordService.GuildId },
            ["attachment_size_limit"] = 10_485_760,
        };
        if (inGuild)
        {
            interaction["guild_id"] = DiscordService.GuildId;
            interaction["guild_locale"] = "en-US";
            interaction["channel_id"] = DiscordService.ChannelId;
            interaction["context"] = 0;
            interaction["member"] = new JsonObject
            {
                ["user"] = caller.ToJson(),
                ["roles"] = new JsonArray(),
                ["permissions"] = "2248473465835073",
                ["nick"] = null,
                ["joined_at"] = "2026-01-05T10:00:00.000000+00:00",
            };
        }
        else
        {
            interaction["channel_id"] = "1000000000000000777";
            interaction["context"] = 1;
            interaction["user"] = caller.ToJson();
        }

        return interaction;
    }

    /// <summary>An autocomplete interaction (type 4): the option being typed carries <c>focused: true</c>.</summary>
    public static JsonObject Autocomplete(string path, DiscordUser caller, params JsonObject[] options) =>
        Command(path, caller, options, resolved: null, type: AutocompleteType);

    /// <summary>A button press (type 3) on a message the bot sent to <paramref name="channelId"/>; in a DM the presser is <c>user</c>.</summary>
    public static JsonObject Button(string customId, DiscordUser presser, string channelId, string messageId)
    {
        var interaction = Command("unused", presser, [], resolved: null, type: MessageComponent, inGuild: false);
        interaction["channel_id"] = channelId;
        interaction["data"] = new JsonObject { ["custom_id"] = customId, ["component_type"] = 2 };
        interaction["message"] = new JsonObject { ["id"] = messageId, ["channel_id"] = channelId, ["type"] = 0 };
        return interaction;
    }

    public static JsonObject String(string name, string value, bool focused = false)
    {
        var option = new JsonObject { ["type"] = DiscordCommands.StringType, ["name"] = name, ["value"] = value };
        if (focused)
        {
            option["focused"] = true;
        }

        return option;
    }

    public static JsonObject Bool(string name, bool value) =>
        new() { ["type"] = DiscordCommands.BooleanType, ["name"] = name, ["value"] = value };

    public static JsonObject User(string name, DiscordUser user) =>
        new() { ["type"] = DiscordCommands.UserType, ["name"] = name, ["value"] = user.Id };

    private static string NextId() => Interlocked.Increment(ref nextId).ToString(CultureInfo.InvariantCulture);

    private static string NextToken() => "aW50ZXJhY3Rpb246" + NextId() + ":fake-token";
}
