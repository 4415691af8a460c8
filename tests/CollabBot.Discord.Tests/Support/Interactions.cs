using System.Globalization;
using System.Text.Json.Nodes;
using CollabBot.Tests.Shared;

namespace CollabBot.Discord.Tests.Support;

/// <summary>
/// Interactions as Discord sends them: the examples in Discord's own documentation (<c>Fixtures/discord/</c>,
/// sources in <c>Fixtures/README.md</c>) with only what a test is about changed — a fresh id and token, the
/// caller, the demo guild and channel, the command's name and options, the <c>resolved</c> users.
/// </summary>
public static class Interactions
{
    public const int PingType = 1;
    public const int ApplicationCommand = 2;
    public const int MessageComponent = 3;
    public const int AutocompleteType = 4;

    private static long nextId = 1_250_000_000_000_000_000;

    /// <summary>
    /// A PING. The docs describe it ("a <c>PING</c> payload with a <c>type: 1</c>", interactions/overview.mdx) but give
    /// no example, so it is the fields every interaction carries (receiving-and-responding.mdx, Interaction Structure).
    /// </summary>
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
    /// The docs' slash-command interaction (<c>discord/interactions/slash-command.json</c>) for this command:
    /// <paramref name="path"/> is the command words (<c>wg convener add</c>): the first names the command, the last
    /// the subcommand, any between are subcommand groups. <paramref name="resolved"/> fills <c>data.resolved</c>
    /// with each user and a member entry shaped as in the docs' user-command example. Outside a guild (a DM) the
    /// caller is <c>user</c>, and there is no <c>member</c> or <c>guild_id</c>.
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

        var interaction = Fixture.Json("discord/interactions/slash-command.json")
            .Set("id", NextId())
            .Set("token", NextToken())
            .Set("type", type)
            .Set("channel_id", DiscordService.ChannelId)
            .Set("data.name", words[0])
            .Set("data.options", leaf);
        if (resolved is not null)
        {
            var example = Fixture.Json("discord/interactions/user-command.json").At("data.resolved.members").AsObject().Single().Value!;
            var users = new JsonObject();
            var members = new JsonObject();
            foreach (var user in resolved)
            {
                users[user.Id] = User(user);
                members[user.Id] = example.DeepClone();
            }

            interaction.Set("data.resolved", new JsonObject { ["users"] = users, ["members"] = members });
        }

        if (inGuild)
        {
            interaction.Set("guild_id", DiscordService.GuildId).Set("member.user", User(caller));
        }
        else
        {
            interaction.Without("member").Without("guild_id").Without("guild_locale").Set("user", User(caller)).Set("channel_id", "1000000000000000777");
        }

        return interaction;
    }

    /// <summary>An autocomplete interaction (type 4): the option being typed carries <c>focused: true</c>.</summary>
    public static JsonObject Autocomplete(string path, DiscordUser caller, params JsonObject[] options) =>
        Command(path, caller, options, resolved: null, type: AutocompleteType);

    /// <summary>
    /// A button press (type 3) on a message the bot sent to <paramref name="channelId"/>; in a DM the presser is
    /// <c>user</c>. <c>data</c> is the button data of components/reference.mdx ("Message Interaction Response Example").
    /// </summary>
    public static JsonObject Button(string customId, DiscordUser presser, string channelId, string messageId) =>
        Command("unused", presser, [], resolved: null, type: MessageComponent, inGuild: false)
            .Set("channel_id", channelId)
            .Set("data", new JsonObject { ["component_type"] = 2, ["id"] = 2, ["custom_id"] = customId })
            .Set("message", new JsonObject { ["id"] = messageId, ["channel_id"] = channelId, ["type"] = 0 });

    /// <summary>The docs' example user (<c>member.user</c>) as this user: id, username and global name replaced.</summary>
    public static JsonObject User(DiscordUser user) =>
        Fixture.Json("discord/interactions/slash-command.json").At("member.user").DeepClone().AsObject()
            .Set("id", user.Id)
            .Set("username", user.Username)
            .Set("global_name", user.GlobalName);

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
