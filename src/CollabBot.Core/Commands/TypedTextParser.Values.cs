using System.Globalization;
using System.Text.RegularExpressions;
using CollabBot.Core.Values;
using static CollabBot.Core.Values.Clipping;

namespace CollabBot.Core.Commands;

public static partial class TypedTextParser
{
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

    /// <summary>A word quoted back in an error: at most 40 characters, and nothing <see cref="InputRules"/> refuses (those are checked where values are bound, for every platform).</summary>
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
