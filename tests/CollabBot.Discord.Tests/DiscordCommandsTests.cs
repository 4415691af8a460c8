using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CollabBot.Core.Commands;

namespace CollabBot.Discord.Tests;

/// <summary>The registration payload against Discord's application-command limits (platform-protocols.md §2.4).</summary>
public sealed partial class DiscordCommandsTests
{
    private static readonly CommandCatalog Catalog = CommandCatalog.Default;
    private static readonly JsonArray Payload = DiscordCommands.Build(Catalog);

    public static TheoryData<string> CommandNames => [.. Catalog.Commands.Select(c => c.Name)];

    private static JsonObject Command(string name) => Payload.Select(c => c!.AsObject()).Single(c => (string?)c["name"] == name);

    private static IEnumerable<JsonObject> Options(JsonObject node) =>
        node["options"] is JsonArray options ? options.Select(o => o!.AsObject()) : [];

    private static int TypeOf(JsonObject node) => (int)node["type"]!;

    /// <summary>Every named thing below a command with its path: the command, groups, subcommands and their options.</summary>
    private static IEnumerable<(string Path, JsonObject Node)> Walk(JsonObject node, string path)
    {
        yield return (path, node);
        foreach (var child in Options(node))
        {
            foreach (var item in Walk(child, path + " " + (string)child["name"]!))
            {
                yield return item;
            }
        }
    }

    /// <summary>Subcommands with their catalog node, and each of their options with its definition.</summary>
    private static IEnumerable<(CommandNode Leaf, JsonObject Subcommand)> Subcommands(string name)
    {
        var top = Catalog.Top(name)!;
        foreach (var child in Options(Command(name)))
        {
            if (TypeOf(child) == DiscordCommands.SubCommand)
            {
                yield return (top.Child((string)child["name"]!)!, child);
                continue;
            }

            var group = top.Child((string)child["name"]!)!;
            foreach (var sub in Options(child))
            {
                yield return (group.Child((string)sub["name"]!)!, sub);
            }
        }
    }

    [GeneratedRegex(@"^[-_'\p{L}\p{N}]{1,32}$")]
    private static partial Regex NameRegex();

    [Fact]
    public void Payload_Commands_AreTheTopLevelCommandsWithinLimit()
    {
        Assert.InRange(Payload.Count, 1, 100);
        Assert.Equal(["wg", "meeting", "topic", "credit", "dataset", "challenge", "resource", "profile", "collab"], Payload.Select(c => (string?)c!["name"]));
        Assert.All(Payload, c => Assert.Equal(1, (int)c!["type"]!));
    }

    [Theory]
    [MemberData(nameof(CommandNames))]
    public void Command_EveryName_IsValidLowerCase(string name) =>
        Assert.All(Walk(Command(name), name), item =>
        {
            var value = (string?)item.Node["name"];
            Assert.NotNull(value);
            Assert.True(NameRegex().IsMatch(value), $"{item.Path}: '{value}' is not a valid Discord name");
            Assert.Equal(value.ToLowerInvariant(), value);
        });

    [Theory]
    [MemberData(nameof(CommandNames))]
    public void Command_EveryDescription_IsOneTo100Characters(string name) =>
        Assert.All(Walk(Command(name), name), item =>
        {
            var description = (string?)item.Node["description"] ?? "";
            Assert.True(description.Trim().Length is >= 1 and <= 100, $"{item.Path}: description has {description.Length} characters");
        });

    [Theory]
    [MemberData(nameof(CommandNames))]
    public void Command_EachLevel_HasAtMost25OptionsOrSubcommands(string name) =>
        Assert.All(Walk(Command(name), name), item => Assert.True(Options(item.Node).Count() <= 25, $"{item.Path} has {Options(item.Node).Count()} options"));

    [Theory]
    [MemberData(nameof(CommandNames))]
    public void Command_Nesting_IsGroupsOfSubcommandsOfParameters(string name)
    {
        var command = Command(name);

        // A command holds subcommands or groups; a group holds only subcommands; a subcommand only parameters.
        Assert.All(Options(command), o => Assert.Contains(TypeOf(o), new[] { DiscordCommands.SubCommand, DiscordCommands.SubCommandGroup }));
        foreach (var group in Options(command).Where(o => TypeOf(o) == DiscordCommands.SubCommandGroup))
        {
            Assert.NotEmpty(Options(group));
            Assert.All(Options(group), o => Assert.Equal(DiscordCommands.SubCommand, TypeOf(o)));
        }

        Assert.All(Subcommands(name), s => Assert.All(Options(s.Subcommand), o => Assert.DoesNotContain(TypeOf(o), new[] { DiscordCommands.SubCommand, DiscordCommands.SubCommandGroup })));
    }

    [Theory]
    [MemberData(nameof(CommandNames))]
    public void Command_Choices_AreAtMost25WithNamesAndValuesOfAtMost100(string name) =>
        Assert.All(Walk(Command(name), name), item =>
        {
            if (item.Node["choices"] is not JsonArray choices)
            {
                return;
            }

            Assert.InRange(choices.Count, 1, 25);
            Assert.All(choices, c =>
            {
                Assert.InRange(((string?)c!["name"] ?? "").Length, 1, 100);
                Assert.InRange(c["value"]!.ToString().Length, 1, 100);
            });
        });

    [Theory]
    [MemberData(nameof(CommandNames))]
    public void Subcommand_RequiredOptions_PrecedeOptionalOnes(string name) =>
        Assert.All(Subcommands(name), s =>
        {
            var required = Options(s.Subcommand).Select(o => (bool?)o["required"] ?? false).ToList();
            var firstOptional = required.IndexOf(false);
            Assert.True(firstOptional < 0 || required.Skip(firstOptional).All(r => !r), $"/{s.Leaf.Key}: a required option follows an optional one");
        });

    [Theory]
    [MemberData(nameof(CommandNames))]
    public void Subcommand_Options_AreExactlyTheCatalogsArgumentsAndOptions(string name) =>
        Assert.All(Subcommands(name), s =>
        {
            Assert.NotNull(s.Leaf);
            Assert.True(s.Leaf.IsLeaf);
            Assert.Equal(s.Leaf.AllOptions.Select(o => o.Name).Order(StringComparer.Ordinal), Options(s.Subcommand).Select(o => (string?)o["name"]).Order(StringComparer.Ordinal));
        });

    [Fact]
    public void Payload_EveryCatalogLeaf_IsASubcommand()
    {
        var published = CommandNames.Select(r => (string)r.Data).SelectMany(Subcommands).Select(s => s.Leaf.Key);

        Assert.Equal(Catalog.Leaves.Select(l => l.Key).Order(StringComparer.Ordinal), published.Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(CommandNames))]
    public void Subcommand_Options_MatchRequiredness(string name) =>
        Assert.All(Subcommands(name), s => Assert.All(Options(s.Subcommand), o =>
        {
            var definition = s.Leaf.AllOptions.Single(d => d.Name == (string?)o["name"]);
            Assert.Equal(definition.Required, (bool?)o["required"] ?? false);
        }));

    [Theory]
    [MemberData(nameof(CommandNames))]
    public void ReferenceOption_HasAutocompleteAndNoChoices(string name) =>
        Assert.All(Subcommands(name), s => Assert.All(Options(s.Subcommand), o =>
        {
            var definition = s.Leaf.AllOptions.Single(d => d.Name == (string?)o["name"]);
            if (definition.IsReference)
            {
                Assert.True((bool?)o["autocomplete"] ?? false, $"/{s.Leaf.Key} {definition.Name}: reference without autocomplete");
                Assert.Null(o["choices"]);
                Assert.Equal(DiscordCommands.StringType, TypeOf(o));
            }
            else
            {
                // autocomplete and choices cannot be combined; other options are not completed from the database.
                Assert.False((bool?)o["autocomplete"] ?? false, $"/{s.Leaf.Key} {definition.Name}: autocomplete on a non-reference option");
            }
        }));

    [Theory]
    [MemberData(nameof(CommandNames))]
    public void Option_Type_FollowsTheMapping(string name) =>
        Assert.All(Subcommands(name), s => Assert.All(Options(s.Subcommand), o =>
        {
            var definition = s.Leaf.AllOptions.Single(d => d.Name == (string?)o["name"]);
            // Integers and things referred to by number (talks, contributions) are integers on Discord.
            var expected = definition.Repeatable ? 3 : definition.IsWholeNumber ? 4 : definition.Type switch
            {
                OptionType.Flag => 5,
                OptionType.User => 6,
                OptionType.Channel => 7,
                OptionType.Number => 10,
                OptionType.Attachment => 11,
                _ => 3,
            };
            Assert.True(expected == TypeOf(o), $"/{s.Leaf.Key} {definition.Name} ({definition.Type}): type {TypeOf(o)}, expected {expected}");
        }));

    [Fact]
    public void OptionTypeConstants_MatchDiscordDocumentation()
    {
        Assert.Equal(1, DiscordCommands.SubCommand);
        Assert.Equal(2, DiscordCommands.SubCommandGroup);
        Assert.Equal(3, DiscordCommands.StringType);
        Assert.Equal(4, DiscordCommands.IntegerType);
        Assert.Equal(5, DiscordCommands.BooleanType);
        Assert.Equal(6, DiscordCommands.UserType);
        Assert.Equal(7, DiscordCommands.ChannelType);
        Assert.Equal(10, DiscordCommands.NumberType);
        Assert.Equal(11, DiscordCommands.AttachmentType);
    }

    [Theory]
    [MemberData(nameof(CommandNames))]
    public void Option_Choices_AreTheCatalogs(string name) =>
        Assert.All(Subcommands(name), s => Assert.All(Options(s.Subcommand), o =>
        {
            var definition = s.Leaf.AllOptions.Single(d => d.Name == (string?)o["name"]);
            var choices = o["choices"] is JsonArray array ? array.Select(c => (string?)c!["value"] ?? "").ToList() : [];
            Assert.Equal(definition.Choices, choices);
        }));

    [Theory]
    [MemberData(nameof(CommandNames))]
    public void Command_NamesDescriptionsAndValues_AreAtMost8000Characters(string name)
    {
        var total = Walk(Command(name), name).Sum(item =>
            ((string?)item.Node["name"] ?? "").Length
            + ((string?)item.Node["description"] ?? "").Length
            + (item.Node["choices"] is JsonArray choices ? choices.Sum(c => ((string?)c!["name"] ?? "").Length + c["value"]!.ToString().Length) : 0));

        Assert.InRange(total, 1, 8000);
    }

    [Fact]
    public void BuildJson_ParsesBackToTheSamePayload()
    {
        var json = DiscordCommands.BuildJson(Catalog);

        Assert.True(JsonNode.DeepEquals(Payload, JsonNode.Parse(json)));
    }
}
