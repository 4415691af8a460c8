namespace CollabBot.Core.Commands;

/// <summary>
/// Who may run a command, as commands.md and product.md name it. The dispatcher applies it, once, to the groups the
/// command's references resolve to (<see cref="Permissions"/>); admins pass every rule but <see cref="Self"/>'s, which
/// needs none.
/// </summary>
public enum Who
{
    /// <summary>Anyone at all.</summary>
    Anyone,

    /// <summary>Members (and conveners) of the group the command names, and admins.</summary>
    Member,

    /// <summary>Conveners of the group the command names, and admins; with no group named, conveners of any group.</summary>
    Convener,

    /// <summary>Admins only.</summary>
    Admin,

    /// <summary>Anyone, acting on their own profile only (the command names nobody else).</summary>
    Self,

    /// <summary>Whoever the named thing belongs to (a talk: the person who added it, or its speaker), conveners of its group, and admins.</summary>
    Owner,

    /// <summary>Conveners of the group the command names, its members with the <c>dataset-team</c> role, and admins (challenges are theirs to run).</summary>
    Manager,
    /// <summary>Members of every group the command names, and admins; a command that names no group, anyone (adding a resource of no group).</summary>
    Contributor,

    /// <summary>
    /// Conveners of the group and admins, and whoever holds the series' <c>minutes</c> duty at the occurrence the command
    /// names (its <c>--date</c>, else the last one held): the minute-taker writes the minutes.
    /// </summary>
    MinuteTaker,

    /// <summary>Only the person the named thing asks (a duty swap: whoever is asked to take the turn); not conveners, not admins.</summary>
    Addressee,
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

    /// <summary>A talk on an agenda, by its number.</summary>
    Talk,

    /// <summary>A recorded contribution, by its number.</summary>
    Contribution,

    /// <summary>A challenge, by its slug (unique across datasets).</summary>
    Challenge,
    /// <summary>A library resource, by its number (<c>#42</c>).</summary>
    Resource,
    /// <summary>A topic idea for a future meeting, by its number (<c>#7</c>).</summary>
    Topic,

    /// <summary>A proposed swap of a duty's turn, by its number (<c>#3</c>).</summary>
    Swap,

    /// <summary>
    /// A file that comes with the command (an <see cref="Downloads.IncomingFile"/>): a Discord attachment option, a file
    /// shared in Slack with the command as its message. It cannot be typed; the console and scripts give <c>--url</c> or
    /// use the API. Only as a named, optional, single option.
    /// </summary>
    Attachment,
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
    /// <summary>Group, meeting, project, dataset and challenge references are completed from the database on Discord.</summary>
    public bool IsReference => Type is OptionType.Wg or OptionType.Meeting or OptionType.Project or OptionType.Dataset or OptionType.Challenge;

    /// <summary>Written as a whole number (<c>12</c> or <c>#12</c>): integers, and things referred to by their number.</summary>
    public bool IsWholeNumber => Type is OptionType.Integer or OptionType.Talk or OptionType.Contribution or OptionType.Resource or OptionType.Topic or OptionType.Swap;

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
        OptionType.Integer or OptionType.Number or OptionType.Talk or OptionType.Contribution or OptionType.Resource or OptionType.Topic or OptionType.Swap => "N",
        OptionType.Url => "URL",
        OptionType.Attachment => "(attach a file)",
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
