namespace CollabBot.Core.Commands;

/// <summary>Where a command came from. Handlers never look at it; renderers and identities do.</summary>
public enum Platform
{
    Console,
    Slack,
    Discord,
}

/// <summary>
/// A person on a platform: <c>slack:T0001:U0001</c>, <c>discord:80351110224678912</c>, <c>console:alice</c>.
/// <paramref name="Label"/> is what the platform showed (a handle or display name), if anything.
/// </summary>
public sealed record UserRef(string Identity, string? Label = null)
{
    public override string ToString() => Label is null ? Identity : $"{Label} ({Identity})";
}

/// <summary>A channel on the caller's platform, e.g. Slack <c>C024BE7LR</c> or a Discord channel id.</summary>
public sealed record ChannelRef(string Id, string? Label = null);

/// <summary>
/// The caller as the platform identified them. The names and time zone are hints used the first time the
/// person is seen (Slack's users.info gives real names, so author lists get names, not handles).
/// </summary>
public sealed record Caller(string Identity, string? DisplayName = null, string? GivenName = null, string? FamilyName = null, string? TimeZone = null);

/// <summary>
/// One command as every platform hands it to the core: platform, tenant (Slack team, Discord guild,
/// "local" for the console), channel, caller, the command node and its typed arguments.
/// </summary>
public sealed record Invocation(
    Platform Platform,
    string Tenant,
    string? ChannelId,
    Caller Caller,
    CommandNode Command,
    ArgumentBag Arguments,
    string? CommandText = null);

/// <summary>
/// Typed values by option name. Values are <see cref="string"/>, <see cref="long"/>, <see cref="double"/>,
/// <see cref="bool"/>, <see cref="UserRef"/>, <see cref="ChannelRef"/>, <see cref="Downloads.IncomingFile"/> (an attachment option),
/// or a list of those for repeatable options.
/// </summary>
public sealed class ArgumentBag
{
    private readonly Dictionary<string, object> values = new(StringComparer.OrdinalIgnoreCase);

    public static ArgumentBag Empty => new();

    public IReadOnlyDictionary<string, object> Values => values;

    public bool Has(string name) => values.ContainsKey(name);

    public object? this[string name] => values.GetValueOrDefault(name);

    public ArgumentBag Set(string name, object value)
    {
        values[name] = value;
        return this;
    }

    /// <summary>Adds to a repeatable option's list.</summary>
    public ArgumentBag Add(string name, object value)
    {
        if (values.TryGetValue(name, out var existing) && existing is List<object> list)
        {
            list.Add(value);
        }
        else
        {
            values[name] = new List<object> { value };
        }

        return this;
    }
}

/// <summary>What the typed-text parser makes of a line.</summary>
public abstract record ParseResult
{
    private ParseResult()
    {
    }

    /// <summary>A leaf command with its arguments, ready to dispatch.</summary>
    public sealed record Parsed(CommandNode Command, ArgumentBag Arguments) : ParseResult;

    /// <summary><c>help</c> or <c>--help</c>: show the usage of this node (a top-level command, a group or a leaf).</summary>
    public sealed record Help(CommandNode Command) : ParseResult;

    /// <summary>The line could not be understood; <paramref name="Message"/> is a sentence for the user.</summary>
    public sealed record Error(string Message, CommandNode? Command) : ParseResult;
}

/// <summary>What the parser needs to know about the caller to resolve <c>me</c> and mentions.</summary>
public sealed record ParseContext(Platform Platform, string Tenant, string CallerIdentity);
