using CollabBot.Core.Commands;
using YamlDotNet.RepresentationModel;

namespace CollabBot.Slack.Tests;

/// <summary>The generated manifest against Slack's manifest limits (platform-protocols.md §1.9).</summary>
public sealed class SlackManifestTests
{
    private const string PublicUrl = "https://bot.example.org/";
    private static readonly string[] TopLevel = ["/wg", "/meeting", "/credit", "/dataset", "/challenge", "/profile", "/collab"];

    private static YamlMappingNode Manifest(string url = PublicUrl)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(SlackManifest.Build(CommandCatalog.Default, url)));
        return (YamlMappingNode)stream.Documents.Single().RootNode;
    }

    private static YamlNode At(YamlNode node, params string[] path)
    {
        foreach (var key in path)
        {
            var map = Assert.IsType<YamlMappingNode>(node);
            Assert.True(map.Children.TryGetValue(new YamlScalarNode(key), out var child), $"manifest has no '{key}'");
            node = child;
        }

        return node;
    }

    private static string Scalar(YamlNode node, params string[] path) => Assert.IsType<YamlScalarNode>(At(node, path)).Value ?? "";

    private static List<YamlMappingNode> SlashCommands(YamlMappingNode manifest) =>
        [.. Assert.IsType<YamlSequenceNode>(At(manifest, "features", "slash_commands")).Children.Select(Assert.IsType<YamlMappingNode>)];

    public static TheoryData<string> Commands => [.. TopLevel];

    private static YamlMappingNode Command(string name) => SlashCommands(Manifest()).Single(c => Scalar(c, "command") == name);

    [Fact]
    public void Manifest_SlashCommands_AreTheTopLevelCommandsInOrder()
    {
        var commands = SlashCommands(Manifest()).Select(c => Scalar(c, "command"));

        Assert.Equal(TopLevel, commands);
    }

    [Fact]
    public void Manifest_SlashCommandCount_IsWithinSlackLimit() =>
        Assert.InRange(SlashCommands(Manifest()).Count, 1, SlackManifest.MaxSlashCommands);

    [Fact]
    public void ManifestLimits_MatchSlackDocumentation()
    {
        Assert.Equal(32, SlackManifest.MaxCommandLength);
        Assert.Equal(2000, SlackManifest.MaxDescriptionLength);
        Assert.Equal(1000, SlackManifest.MaxUsageHintLength);
        Assert.Equal(50, SlackManifest.MaxSlashCommands);
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public void SlashCommand_Name_IsShortLowerCaseWithSlash(string name)
    {
        var command = Scalar(Command(name), "command");

        Assert.StartsWith("/", command, StringComparison.Ordinal);
        Assert.InRange(command.Length, 2, 32);
        Assert.Equal(command.ToLowerInvariant(), command);
        Assert.Matches("^/[a-z0-9_-]+$", command);
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public void SlashCommand_Description_IsTheCatalogsAndWithinLimit(string name)
    {
        var description = Scalar(Command(name), "description");

        Assert.InRange(description.Trim().Length, 1, 2000);
        Assert.Equal(CommandCatalog.Default.Top(name)!.Description, description);
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public void SlashCommand_UsageHint_IsWithinLimitAndNamesEverySubcommand(string name)
    {
        var hint = Scalar(Command(name), "usage_hint");

        Assert.InRange(hint.Length, 1, 1000);
        Assert.All(CommandCatalog.Default.Top(name)!.Children, c => Assert.Contains(c.Name, hint, StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public void SlashCommand_ShouldEscape_IsTrue(string name) =>
        Assert.Equal("true", Scalar(Command(name), "should_escape"));

    [Theory]
    [MemberData(nameof(Commands))]
    public void SlashCommand_Url_IsTheCommandsEndpoint(string name) =>
        Assert.Equal("https://bot.example.org/slack/commands", Scalar(Command(name), "url"));

    [Theory]
    [InlineData("https://bot.example.org")]
    [InlineData("https://bot.example.org/")]
    [InlineData("https://bot.example.org//")]
    public void SlashCommandUrl_PublicUrlWithOrWithoutSlash_HasNoDoubleSlash(string url) =>
        Assert.All(SlashCommands(Manifest(url)), c => Assert.Equal("https://bot.example.org/slack/commands", Scalar(c, "url")));

    [Fact]
    public void Manifest_Interactivity_IsEnabledWithRequestUrl()
    {
        var manifest = Manifest();

        Assert.Equal("true", Scalar(manifest, "settings", "interactivity", "is_enabled"));
        var url = Scalar(manifest, "settings", "interactivity", "request_url");
        Assert.StartsWith("https://bot.example.org/slack/", url, StringComparison.Ordinal);
        // Slack's validator: interactivity needs a request URL unless Socket Mode is on, and not both.
        Assert.Equal("false", Scalar(manifest, "settings", "socket_mode_enabled"));
    }

    [Fact]
    public void Manifest_EventSubscriptions_HaveRequestUrlAndFewEvents()
    {
        var manifest = Manifest();

        Assert.StartsWith("https://bot.example.org/slack/", Scalar(manifest, "settings", "event_subscriptions", "request_url"), StringComparison.Ordinal);
        var events = Assert.IsType<YamlSequenceNode>(At(manifest, "settings", "event_subscriptions", "bot_events"));
        Assert.InRange(events.Children.Count, 1, 100);
    }

    [Fact]
    public void Manifest_MetadataAndNames_AreWithinLimits()
    {
        var manifest = Manifest();

        Assert.Contains(Scalar(manifest, "_metadata", "major_version"), new[] { "1", "2" });
        Assert.InRange(Scalar(manifest, "display_information", "name").Length, 1, 35);
        Assert.Matches("^[a-z0-9._-]{1,80}$", Scalar(manifest, "features", "bot_user", "display_name"));
    }

    [Fact]
    public void Manifest_BotScopes_IncludeCommands()
    {
        var scopes = Assert.IsType<YamlSequenceNode>(At(Manifest(), "oauth_config", "scopes", "bot")).Children.Select(s => ((YamlScalarNode)s).Value);

        Assert.Contains("commands", scopes);
        Assert.Contains("chat:write", scopes);
    }

    [Fact]
    public void UsageHint_TooLongForSlack_FallsBackWithinLimit()
    {
        var subcommands = string.Concat(Enumerable.Range(0, 25).Select(i =>
            $"""
              - name: sub{i:D2}-with-a-long-name
                description: A subcommand
                who: anyone
                kind: change
                args:
                  - {"{"} name: first-argument-with-a-long-name, type: string, description: x {"}"}
                  - {"{"} name: second-argument-with-a-long-name, type: string, description: x {"}"}

            """));
        var command = CommandCatalog.Parse("name: big\ndescription: Many subcommands\nsubcommands:\n" + subcommands, "big.yaml");
        var full = string.Join(" | ", command.Leaves().Select(l => string.Join(' ', l.Path.Skip(1).Concat(l.Args.Select(a => a.UsageToken)))));
        Assert.True(full.Length > 1000, "the test catalog should need the fallback");

        var hint = SlackManifest.UsageHint(command);

        Assert.InRange(hint.Length, 1, 1000);
        Assert.Contains("sub24-with-a-long-name", hint, StringComparison.Ordinal);
    }
}
