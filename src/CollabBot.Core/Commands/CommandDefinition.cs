namespace CollabBot.Core.Commands;

/// <summary>Who may run a command, as commands.md and product.md name it.</summary>
public enum Who
{
    Anyone,
    Member,
    Convener,
    Admin,
    Self,
}

/// <summary>Read commands answer only the caller unless --public; change commands alter data.</summary>
public enum CommandKind
{
    Read,
    Change,
}

public enum OptionType
{
    String,
    Integer,
    Number,
    Flag,
    User,
    Channel,
    Wg,
    Meeting,
    Project,
    Dataset,
    Date,
    DateTime,
    TimeZone,
    Durations,
    Url,
    Orcid,
    Role,
    CreditRole,
    Speaker,
    Slug,
}

/// <summary>A positional argument or a named option of a subcommand.</summary>
public sealed record OptionDefinition(
    string Name,
    OptionType Type,
    string Description,
    bool Required,
    bool Positional,
    bool Repeatable,
    IReadOnlyList<string> Choices)
{
    /// <summary>Group, meeting, project and dataset references are completed from the database on Discord.</summary>
    public bool IsReference => Type is OptionType.Wg or OptionType.Meeting or OptionType.Project or OptionType.Dataset;

    public string UsageToken
    {
        get
        {
            if (Positional)
            {
                var token = (Type == OptionType.User ? "@" + Name : $"<{Name}>") + (Repeatable ? "…" : "");
                return Required ? token : $"[{token}]";
            }

            var option = Type == OptionType.Flag ? $"--{Name}" : $"--{Name} {Placeholder}";
            return Required ? option : $"[{option}]";
        }
    }

    private string Placeholder => Choices.Count > 0 && Choices.Count <= 4 ? string.Join('|', Choices) : Type switch
    {
        OptionType.User => "@user",
        OptionType.Date => "YYYY-MM-DD",
        OptionType.DateTime => "\"YYYY-MM-DD HH:MM\"",
        OptionType.TimeZone => "TZ",
        OptionType.Durations => "1d,15m",
        OptionType.Integer or OptionType.Number => "N",
        OptionType.Url => "URL",
        _ => Name.ToUpperInvariant(),
    };
}

/// <summary>
/// A node of the command tree: the top-level command (<c>wg</c>), a group (<c>wg convener</c>)
/// or a leaf subcommand (<c>wg convener add</c>) that a handler serves.
/// </summary>
public sealed class CommandNode
{
    public required string Name { get; init; }
    public required string Description { get; init; }
    public CommandNode? Parent { get; internal set; }
    public IReadOnlyList<CommandNode> Children { get; init; } = [];
    public Who Who { get; init; }
    public CommandKind Kind { get; init; }
    public IReadOnlyList<OptionDefinition> Args { get; init; } = [];
    public IReadOnlyList<OptionDefinition> Options { get; init; } = [];

    public bool IsLeaf => Children.Count == 0;

    /// <summary>The words after the slash: <c>["wg", "convener", "add"]</c>.</summary>
    public IReadOnlyList<string> Path => Parent is null ? [Name] : [.. Parent.Path, Name];

    /// <summary><c>wg convener add</c>: the key handlers are registered under.</summary>
    public string Key => string.Join(' ', Path);

    public IEnumerable<OptionDefinition> AllOptions => Args.Concat(Options);

    public CommandNode? Child(string name) =>
        Children.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase));

    public OptionDefinition? Option(string name) =>
        Options.FirstOrDefault(o => string.Equals(o.Name, name, StringComparison.OrdinalIgnoreCase));

    public string Usage
    {
        get
        {
            if (!IsLeaf)
            {
                return $"/{Key} {string.Join('|', Children.Select(c => c.Name))} …";
            }

            var parts = new List<string> { "/" + Key };
            parts.AddRange(Args.Select(a => a.UsageToken));
            parts.AddRange(Options.Select(o => o.UsageToken));
            return string.Join(' ', parts);
        }
    }

    public IEnumerable<CommandNode> Leaves() => IsLeaf ? [this] : Children.SelectMany(c => c.Leaves());
}
