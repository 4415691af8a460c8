using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using CollabBot.Core.Values;
using static CollabBot.Core.Values.Clipping;

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

    private readonly record struct Token(string Value, bool Quoted);

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

            var body = token.Value[2..];
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
                return new ParseResult.Error($"/{node.Key} has no option --{Echo(body, context)}{Suggest.DidYouMean(body, names)}. {valid}", node);
            }

            object value;
            if (option.Type == OptionType.Flag)
            {
                if (inlineValue is null)
                {
                    value = true;
                }
                else if (ParseBool(inlineValue) is { } b)
                {
                    value = b;
                }
                else
                {
                    return new ParseResult.Error($"--{option.Name} is a flag: give it alone, or as --{option.Name}=true or --{option.Name}=false.", node);
                }
            }
            else
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
                    return new ParseResult.Error($"--{option.Name} needs a value: {option.Description}.", node);
                }

                var converted = ConvertValue(option, raw, context);
                if (converted.Error is not null)
                {
                    return new ParseResult.Error(converted.Error, node);
                }

                value = converted.Value!;
            }

            if (option.Repeatable)
            {
                bag.Add(option.Name, value);
            }
            else if (bag.Has(option.Name))
            {
                return new ParseResult.Error($"--{option.Name} is given twice; give it once.", node);
            }
            else
            {
                bag.Set(option.Name, value);
            }
        }

        var argIndex = 0;
        foreach (var token in positional)
        {
            if (argIndex >= node.Args.Count)
            {
                var hint = node.Args.Count > 0 ? " Put text with spaces in quotes, e.g. \"Jet Tagging\"." : "";
                return new ParseResult.Error($"Unexpected '{Echo(token.Value, context)}' after /{node.Key}.{hint}", node);
            }

            var arg = node.Args[argIndex];
            var converted = ConvertValue(arg, token.Value, context);
            if (converted.Error is not null)
            {
                return new ParseResult.Error(converted.Error, node);
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

        return new ParseResult.Parsed(node, bag);
    }

    private static bool? ParseBool(string text) => text.ToLowerInvariant() switch
    {
        "true" or "yes" or "on" or "1" => true,
        "false" or "no" or "off" or "0" => false,
        _ => null,
    };

    private readonly record struct Converted(object? Value, string? Error);

    private static Converted ConvertValue(OptionDefinition option, string raw, ParseContext context)
    {
        var label = option.Positional ? $"<{option.Name}>" : $"--{option.Name}";
        if (option.IsWholeNumber)
        {
            return long.TryParse(raw.TrimStart('#'), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l)
                ? new(l, null)
                : new(null, $"{label} must be a whole number, not '{Echo(raw, context)}'.");
        }

        switch (option.Type)
        {
            case OptionType.User:
                return ParseUser(raw, context) is { } user
                    ? new(user, null)
                    : new(null, UserHint(label, raw, context));
            case OptionType.Speaker:
                return new(ParseUser(raw, context) is { } speaker ? speaker : Unescape(raw, context), null);
            case OptionType.Channel:
                return ParseChannel(raw, context) is { } channel
                    ? new(channel, null)
                    : new(null, $"{label} must be a channel mention such as #general, not '{Echo(raw, context)}'.");
            case OptionType.Number:
                return double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d)
                    ? new(d, null)
                    : new(null, $"{label} must be a number, not '{Echo(raw, context)}'.");
            case OptionType.Url:
                // Slack escapes & inside link targets too (<https://x/?a=1&amp;b=2>), so the target needs unescaping like any text.
                return new(SlackLinkRegex().Match(raw) is { Success: true } m ? Unescape(m.Groups["url"].Value, context) : Unescape(raw, context), null);
            default:
                return new(Unescape(raw, context), null);
        }
    }

    private static string UserHint(string label, string raw, ParseContext context) => context.Platform switch
    {
        Platform.Slack when raw.StartsWith('@') =>
            $"{label}: mention the person so Slack links them (type @ and pick them from the list), or write me.",
        Platform.Console => $"{label} must be a person: @name (a console user), @slack:T…:U… (any identity) or me; not '{Quoted(raw)}'.",
        _ => $"{label} must be a person: a mention such as @alice, or me; not '{Echo(raw, context)}'.",
    };

    private static UserRef? ParseUser(string raw, ParseContext context)
    {
        if (raw.Equals("me", StringComparison.OrdinalIgnoreCase))
        {
            return new UserRef(context.CallerIdentity, "me");
        }

        var slack = SlackUserRegex().Match(raw);
        if (slack.Success)
        {
            var label = slack.Groups["label"].Success ? slack.Groups["label"].Value : null;
            return context.Platform switch
            {
                Platform.Slack => new UserRef($"slack:{context.Tenant}:{slack.Groups["id"].Value}", label),
                Platform.Discord => new UserRef($"discord:{slack.Groups["id"].Value}", label),
                _ => null,
            };
        }

        var discord = DiscordUserRegex().Match(raw);
        if (discord.Success && context.Platform == Platform.Discord)
        {
            return new UserRef($"discord:{discord.Groups["id"].Value}");
        }

        if (context.Platform == Platform.Console && raw.StartsWith('@') && raw.Length > 1)
        {
            var name = raw[1..];
            if (name.Contains(':', StringComparison.Ordinal))
            {
                return IdentityKey.IsValid(name) ? new UserRef(name) : null;
            }

            return ConsoleNameRegex().IsMatch(name) ? new UserRef($"console:{name.ToLowerInvariant()}", name) : null;
        }

        return null;
    }

    private static ChannelRef? ParseChannel(string raw, ParseContext context)
    {
        var slack = SlackChannelRegex().Match(raw);
        if (slack.Success)
        {
            return new ChannelRef(slack.Groups["id"].Value, slack.Groups["label"].Success ? slack.Groups["label"].Value : null);
        }

        if (context.Platform == Platform.Console && raw.StartsWith('#') && raw.Length > 1 && ConsoleNameRegex().IsMatch(raw[1..]))
        {
            return new ChannelRef(raw[1..].ToLowerInvariant(), raw[1..]);
        }

        return null;
    }

    /// <summary>
    /// Slack escapes <c>&amp; &lt; &gt;</c> in command text and wraps links and special mentions in angle
    /// brackets; plain values get the text the user typed back, with <c>&lt;!here&gt;</c> and friends as harmless words.
    /// </summary>
    private static string Unescape(string raw, ParseContext context)
    {
        if (context.Platform != Platform.Slack)
        {
            return raw;
        }

        var text = SlackAngleRegex().Replace(raw, m =>
        {
            var inner = m.Groups[1].Value;
            var bar = inner.IndexOf('|', StringComparison.Ordinal);
            var target = bar >= 0 ? inner[..bar] : inner;
            var label = bar >= 0 ? inner[(bar + 1)..] : null;
            return target switch
            {
                _ when target.StartsWith("!subteam^", StringComparison.Ordinal) => label ?? "@group",
                _ when target.StartsWith('!') => "@" + target[1..].Split('^')[0],
                _ when target.StartsWith('@') => "@" + (label ?? target[1..]),
                _ when target.StartsWith('#') => "#" + (label ?? target[1..]),
                _ when target.StartsWith("mailto:", StringComparison.Ordinal) => label ?? target["mailto:".Length..],
                _ => target,
            };
        });
        return text.Replace("&lt;", "<", StringComparison.Ordinal).Replace("&gt;", ">", StringComparison.Ordinal).Replace("&amp;", "&", StringComparison.Ordinal);
    }

    private static List<Token> Tokenize(string text, out string? error)
    {
        error = null;
        var tokens = new List<Token>();
        var current = new StringBuilder();
        var inToken = false;
        var quoted = false;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (IsSpace(c))
            {
                if (inToken)
                {
                    tokens.Add(new Token(current.ToString(), quoted));
                    current.Clear();
                    inToken = false;
                    quoted = false;
                }

                i++;
                continue;
            }

            // A quote opens at the start of a word, or right after "=" in --opt="value"; elsewhere (O'Brien) it is a letter.
            var opensHere = !inToken || (current.Length > 2 && current[^1] == '=' && current[0] == '-' && current[1] == '-');
            if (opensHere && CloserFor(c) is { } closer)
            {
                var atStart = !inToken;
                var start = i;
                i++;
                var closed = false;
                while (i < text.Length)
                {
                    var q = text[i];
                    if (q == '\\' && i + 1 < text.Length && (text[i + 1] == closer || text[i + 1] == '\\' || text[i + 1] == c))
                    {
                        current.Append(text[i + 1]);
                        i += 2;
                        continue;
                    }

                    if (q == closer || (closer == '”' && q == '“') || (closer == '“' && q == '”'))
                    {
                        closed = true;
                        i++;
                        break;
                    }

                    current.Append(q);
                    i++;
                }

                if (!closed)
                {
                    var context = text.Substring(start, Math.Min(20, text.Length - start));
                    error = $"A quote is not closed: {context}{(text.Length - start > 20 ? "…" : "")} — end it with {closer}.";
                    return tokens;
                }

                inToken = true;
                quoted = quoted || atStart;
                continue;
            }

            current.Append(c);
            inToken = true;
            i++;
        }

        if (inToken)
        {
            tokens.Add(new Token(current.ToString(), quoted));
        }

        return tokens;
    }

    private static bool IsSpace(char c) => char.IsWhiteSpace(c);

    private static char? CloserFor(char c) => c switch
    {
        '"' => '"',
        '\'' => '\'',
        '“' => '”',
        '”' => '”',
        '„' => '“',
        '‘' => '’',
        '«' => '»',
        _ => null,
    };

    /// <summary>A word quoted back in an error: at most 40 characters, and nothing <see cref="InputRules"/> refuses (those are checked where values are bound, for every platform).</summary>
    /// <summary>Input quoted back in an error: clipped, and with invisible characters shown.</summary>
    private static string Quoted(string text) => InputRules.Visible(Clip(text, 40));

    /// <summary>
    /// A word of the user's input quoted back in an error, as they typed it. Slack sends <c>&amp; &lt; &gt;</c> escaped and the
    /// renderer escapes what it shows, so the raw word would be shown escaped twice (a typed &amp; read as <c>&amp;amp;</c>).
    /// </summary>
    private static string Echo(string raw, ParseContext context) => Quoted(Unescape(raw, context));

    [GeneratedRegex(@"^<@(?<id>[UW][A-Z0-9]{1,20})(?:\|(?<label>[^>]{0,80}))?>$")]
    private static partial Regex SlackUserRegex();

    [GeneratedRegex(@"^<@!?(?<id>[0-9]{5,22})>\z")]
    private static partial Regex DiscordUserRegex();

    [GeneratedRegex(@"^<#(?<id>[CGD][A-Z0-9]{1,20})(?:\|(?<label>[^>]{0,80}))?>$")]
    private static partial Regex SlackChannelRegex();

    [GeneratedRegex(@"^<(?<url>https?://[^|>\s]{1,2000})(?:\|[^>]*)?>$")]
    private static partial Regex SlackLinkRegex();

    [GeneratedRegex(@"<([^<>]{1,2000})>")]
    private static partial Regex SlackAngleRegex();

    // \z, not $: $ also matches before a final newline, and "@bob\n" (quoted) would become the identity "console:bob\n".
    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._-]{0,39}\z")]
    private static partial Regex ConsoleNameRegex();
}
