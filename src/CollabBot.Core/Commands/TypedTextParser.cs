using CollabBot.Core.Values;

namespace CollabBot.Core.Commands;

/// <summary>
/// Typed text, as commands.md defines it for Slack and the console: words, quoted strings (<c>"…"</c>,
/// <c>'…'</c>, <c>“…”</c>, <c>‘…’</c>) with backslash escapes, <c>--opt value</c>, <c>--opt=value</c>, flags,
/// Slack user and channel mentions, console <c>@name</c>, <c>me</c>, and <c>help</c>/<c>--help</c>.
/// Any input yields a <see cref="ParseResult"/>; this class never throws on user text. What characters a value
/// may hold is not decided here but in <see cref="InputRules"/>, which the binder applies to every platform's values.
/// </summary>
public static partial class TypedTextParser
{
    /// <summary>Longer lines are refused before any work: no command needs more (Slack caps text far below this).</summary>
    public const int MaxLength = 8000;

    /// <summary>A whole line as typed on the console: <c>/wg join calorimetry</c>.</summary>
    public static ParseResult ParseLine(CommandCatalog catalog, string? line, ParseContext context)
    {
        line ??= "";
        if (line.Length > MaxLength)
        {
            return new ParseResult.Error($"That command is too long ({line.Length:N0} characters; at most {MaxLength:N0}).", null);
        }

        var tokens = Tokenize(line, out var error);
        if (error is not null)
        {
            return new ParseResult.Error(error, null);
        }

        if (tokens.Count == 0)
        {
            return new ParseResult.Error($"Type a command, such as /wg list. Commands: {TopList(catalog)}.", null);
        }

        var first = tokens[0];
        var top = first.Quoted ? null : catalog.Top(first.Value);
        if (top is null)
        {
            var name = first.Value.TrimStart('/');
            return new ParseResult.Error(
                $"'/{Quoted(name)}' is not a CollabBot command{Suggest.DidYouMean(name, catalog.Commands.Select(c => c.Name))}. Commands: {TopList(catalog)}.", null);
        }

        return ParseTokens(top, tokens.Skip(1).ToList(), context);
    }

    /// <summary>A Slack slash command: the command (<c>/wg</c>) and its text (<c>join calorimetry</c>).</summary>
    public static ParseResult Parse(CommandCatalog catalog, string command, string? text, ParseContext context)
    {
        var top = catalog.Top(command ?? "");
        if (top is null)
        {
            return new ParseResult.Error($"'{Quoted(command ?? "")}' is not a CollabBot command. Commands: {TopList(catalog)}.", null);
        }

        text ??= "";
        if (text.Length > MaxLength)
        {
            return new ParseResult.Error($"That command is too long ({text.Length:N0} characters; at most {MaxLength:N0}).", top);
        }

        var tokens = Tokenize(text, out var error);
        return error is not null ? new ParseResult.Error(error, top) : ParseTokens(top, tokens, context);
    }

    private static string TopList(CommandCatalog catalog) => string.Join(", ", catalog.Commands.Select(c => "/" + c.Name));

    private static ParseResult ParseTokens(CommandNode node, List<Token> tokens, ParseContext context)
    {
        if (tokens.Any(t => !t.Quoted && t.Value.Equals("--help", StringComparison.OrdinalIgnoreCase)))
        {
            // --help anywhere: the usage of the deepest node the words before it name.
            var helpNode = node;
            foreach (var t in tokens.TakeWhile(t => !t.Value.Equals("--help", StringComparison.OrdinalIgnoreCase)))
            {
                if (helpNode.IsLeaf || t.Quoted || helpNode.Child(t.Value) is not { } child)
                {
                    break;
                }

                helpNode = child;
            }

            return new ParseResult.Help(helpNode);
        }

        var index = 0;
        while (!node.IsLeaf)
        {
            if (index >= tokens.Count)
            {
                return new ParseResult.Help(node);
            }

            var word = tokens[index];
            if (!word.Quoted && word.Value.Equals("help", StringComparison.OrdinalIgnoreCase) && node.Child("help") is null)
            {
                return new ParseResult.Help(node);
            }

            var child = word.Quoted ? null : node.Child(word.Value);
            if (child is null)
            {
                var names = node.Children.Select(c => c.Name).ToList();
                return new ParseResult.Error(
                    $"'{Echo(word.Value, context)}' is not a subcommand of /{node.Key}{Suggest.DidYouMean(word.Value, names)}. Use one of: {string.Join(", ", names)}.", node);
            }

            node = child;
            index++;
        }

        if (index < tokens.Count && !tokens[index].Quoted && tokens[index].Value.Equals("help", StringComparison.OrdinalIgnoreCase) && node.Args.Count == 0)
        {
            return new ParseResult.Help(node);
        }

        return ParseLeaf(node, tokens.Skip(index).ToList(), context);
    }

    private static ParseResult ParseLeaf(CommandNode node, List<Token> tokens, ParseContext context)
    {
        var bag = new ArgumentBag();
        var positional = new List<Token>();
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (token.Quoted || !token.Value.StartsWith("--", StringComparison.Ordinal) || token.Value == "--")
            {
                if (token.Value != "--" || token.Quoted)
                {
                    positional.Add(token);
                }

                continue;
            }

            if (ReadOption(node, tokens, ref i, bag, context) is { } error)
            {
                return new ParseResult.Error(error, node);
            }
        }

        return BindPositional(node, positional, bag, context) is { } problem
            ? new ParseResult.Error(problem, node)
            : new ParseResult.Parsed(node, bag);
    }

    /// <summary>
    /// The option at <c>tokens[i]</c> (<c>--name</c>, <c>--name=value</c>, or <c>--name value</c>, which moves
    /// <paramref name="i"/> past the value) into the bag; the error sentence when it cannot be, else null.
    /// </summary>
    private static string? ReadOption(CommandNode node, List<Token> tokens, ref int i, ArgumentBag bag, ParseContext context)
    {
        var body = tokens[i].Value[2..];
        string? inlineValue = null;
        var eq = body.IndexOf('=', StringComparison.Ordinal);
        if (eq >= 0)
        {
            inlineValue = body[(eq + 1)..];
            body = body[..eq];
        }

        var option = node.Option(body);
        if (option is null)
        {
            var names = node.Options.Select(o => o.Name).ToList();
            var valid = names.Count == 0 ? $"/{node.Key} takes no options." : $"Options: {string.Join(", ", names.Select(n => "--" + n))}.";
            return $"/{node.Key} has no option --{Echo(body, context)}{Suggest.DidYouMean(body, names)}. {valid}";
        }

        var (value, error) = option.Type == OptionType.Flag ? FlagValue(option, inlineValue) : OptionValue(option, tokens, ref i, inlineValue, context);
        if (error is not null)
        {
            return error;
        }

        if (option.Repeatable)
        {
            bag.Add(option.Name, value!);
        }
        else if (bag.Has(option.Name))
        {
            return $"--{option.Name} is given twice; give it once.";
        }
        else
        {
            bag.Set(option.Name, value!);
        }

        return null;
    }

    private static Converted FlagValue(OptionDefinition option, string? inlineValue) =>
        inlineValue is null ? new(true, null)
        : ParseBool(inlineValue) is { } b ? new(b, null)
        : new(null, $"--{option.Name} is a flag: give it alone, or as --{option.Name}=true or --{option.Name}=false.");

    /// <summary>The value of <c>--name=value</c>, or of <c>--name value</c> (the next token, unless it is another option).</summary>
    private static Converted OptionValue(OptionDefinition option, List<Token> tokens, ref int i, string? inlineValue, ParseContext context)
    {
        string raw;
        if (inlineValue is not null)
        {
            raw = inlineValue;
        }
        else if (i + 1 < tokens.Count && (tokens[i + 1].Quoted || !tokens[i + 1].Value.StartsWith("--", StringComparison.Ordinal)))
        {
            raw = tokens[++i].Value;
        }
        else
        {
            return new(null, $"--{option.Name} needs a value: {option.Description}.");
        }

        return ConvertValue(option, raw, context);
    }

    /// <summary>The words that are not options, in order, as the node's arguments (a repeatable one takes all the rest).</summary>
    private static string? BindPositional(CommandNode node, List<Token> positional, ArgumentBag bag, ParseContext context)
    {
        var argIndex = 0;
        foreach (var token in positional)
        {
            if (argIndex >= node.Args.Count)
            {
                var hint = node.Args.Count > 0 ? " Put text with spaces in quotes, e.g. \"Jet Tagging\"." : "";
                return $"Unexpected '{Echo(token.Value, context)}' after /{node.Key}.{hint}";
            }

            var arg = node.Args[argIndex];
            var converted = ConvertValue(arg, token.Value, context);
            if (converted.Error is not null)
            {
                return converted.Error;
            }

            if (arg.Repeatable)
            {
                bag.Add(arg.Name, converted.Value!);
            }
            else
            {
                bag.Set(arg.Name, converted.Value!);
                argIndex++;
            }
        }

        return null;
    }

    private static bool? ParseBool(string text) => text.ToLowerInvariant() switch
    {
        "true" or "yes" or "on" or "1" => true,
        "false" or "no" or "off" or "0" => false,
        _ => null,
    };
}
