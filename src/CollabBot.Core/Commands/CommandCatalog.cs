using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace CollabBot.Core.Commands;

/// <summary>
/// The command language, loaded once from the YAML files in the repository's <c>commands/</c>
/// folder (embedded into this assembly). Everything else — parser, help, manifests — reads it from here.
/// </summary>
public sealed partial class CommandCatalog
{
    private static readonly Lazy<CommandCatalog> Embedded = new(LoadEmbedded);

    private static readonly string[] TopLevelOrder = ["wg", "meeting", "topic", "credit", "dataset", "challenge", "resource", "profile", "collab"];

    public CommandCatalog(IEnumerable<CommandNode> commands)
    {
        Commands = [.. commands.OrderBy(c => Array.IndexOf(TopLevelOrder, c.Name) is var i && i < 0 ? int.MaxValue : i).ThenBy(c => c.Name, StringComparer.Ordinal)];
        foreach (var command in Commands)
        {
            Link(command, null);
        }
    }

    public static CommandCatalog Default => Embedded.Value;

    public IReadOnlyList<CommandNode> Commands { get; }

    public IEnumerable<CommandNode> Leaves => Commands.SelectMany(c => c.Leaves());

    public CommandNode? Top(string name) =>
        Commands.FirstOrDefault(c => string.Equals(c.Name, name.TrimStart('/'), StringComparison.OrdinalIgnoreCase));

    /// <summary>Finds a node by its words, <c>"wg convener add"</c>; null if there is none.</summary>
    public CommandNode? Find(string key)
    {
        var words = key.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0)
        {
            return null;
        }

        var node = Top(words[0]);
        foreach (var word in words.Skip(1))
        {
            node = node?.Child(word);
        }

        return node;
    }

    private static void Link(CommandNode node, CommandNode? parent)
    {
        node.Parent = parent;
        foreach (var child in node.Children)
        {
            Link(child, node);
        }
    }

    private static CommandCatalog LoadEmbedded()
    {
        var assembly = typeof(CommandCatalog).Assembly;
        var names = assembly.GetManifestResourceNames().Where(n => n.StartsWith("commands/", StringComparison.Ordinal) && n.EndsWith(".yaml", StringComparison.Ordinal));
        var commands = new List<CommandNode>();
        foreach (var name in names)
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var reader = new StreamReader(stream);
            commands.Add(Parse(reader.ReadToEnd(), name));
        }

        return new CommandCatalog(commands);
    }

    /// <summary>Parses one command file; a malformed file is a build-time mistake and throws with its location.</summary>
    public static CommandNode Parse(string yaml, string source)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        var root = (YamlMappingNode)stream.Documents[0].RootNode;
        return ParseNode(root, source, isTop: true);
    }

    private static CommandNode ParseNode(YamlMappingNode map, string source, bool isTop)
    {
        var name = Scalar(map, "name") ?? throw new InvalidDataException($"{source}: a command without a name");
        var where = $"{source}: {name}";
        var description = Scalar(map, "description") ?? throw new InvalidDataException($"{where}: no description");
        var children = Sequence(map, "subcommands").Select(n => ParseNode((YamlMappingNode)n, source, isTop: false)).ToList();
        if (children.Count > 0 || isTop)
        {
            if (map.Children.ContainsKey("args") || map.Children.ContainsKey("options"))
            {
                throw new InvalidDataException($"{where}: a group has subcommands, not args or options");
            }

            return new CommandNode { Name = name, Description = description, Children = children };
        }

        var who = ParseEnum<Who>((Scalar(map, "who") ?? throw new InvalidDataException($"{where}: no 'who'")).Replace("-", "", StringComparison.Ordinal), where);
        var kind = ParseEnum<CommandKind>(Scalar(map, "kind") ?? throw new InvalidDataException($"{where}: no 'kind'"), where);
        var args = Sequence(map, "args").Select(n => ParseOption((YamlMappingNode)n, where, positional: true)).ToList();
        var options = Sequence(map, "options").Select(n => ParseOption((YamlMappingNode)n, where, positional: false)).ToList();
        if (kind == CommandKind.Read && options.All(o => o.Name != "public"))
        {
            // Read replies go to the caller only; --public is how a reader shares one (commands.md, "Replies").
            options.Add(new OptionDefinition("public", OptionType.Flag, "Show the answer to the whole channel", false, false, false, []));
        }

        return new CommandNode { Name = name, Description = description, Who = who, Kind = kind, Args = args, Options = options };
    }

    private static OptionDefinition ParseOption(YamlMappingNode map, string where, bool positional)
    {
        var name = Scalar(map, "name") ?? throw new InvalidDataException($"{where}: an option without a name");
        var typeText = Scalar(map, "type") ?? throw new InvalidDataException($"{where} {name}: no type");
        var type = ParseEnum<OptionType>(typeText.Replace("-", "", StringComparison.Ordinal), $"{where} {name}");
        var description = Scalar(map, "description") ?? throw new InvalidDataException($"{where} {name}: no description");
        var requiredText = Scalar(map, "required");
        var required = requiredText is null ? positional : bool.Parse(requiredText);
        var repeatable = Scalar(map, "repeatable") is { } r && bool.Parse(r);
        var choices = Sequence(map, "choices").Select(c => ((YamlScalarNode)c).Value!).ToList();
        if (!NameRegex().IsMatch(name))
        {
            throw new InvalidDataException($"{where}: option name '{name}' must be lower-case a-z, 0-9 and hyphens");
        }

        if (type == OptionType.Attachment && (positional || required || repeatable))
        {
            throw new InvalidDataException($"{where} {name}: an attachment is a named option, optional and single (the console and scripts cannot attach; they give --url)");
        }

        return new OptionDefinition(name, type, description, required, positional, repeatable, choices);
    }

    private static T ParseEnum<T>(string text, string where)
        where T : struct, Enum =>
        Enum.TryParse<T>(text, ignoreCase: true, out var value)
            ? value
            : throw new InvalidDataException($"{where}: '{text}' is not one of {string.Join(", ", Enum.GetNames<T>()).ToLowerInvariant()}");

    private static string? Scalar(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var node) ? ((YamlScalarNode)node).Value : null;

    private static IEnumerable<YamlNode> Sequence(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var node) ? (YamlSequenceNode)node : [];

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,31}$")]
    private static partial Regex NameRegex();
}
