using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using CollabBot.Core.Replies;
using static CollabBot.Core.Values.Clipping;

namespace CollabBot.Discord;

/// <summary>
/// Renders a reply as a Discord message: an embed (title, description, fields) and buttons, with
/// <c>allowed_mentions</c> that allow exactly the users the reply means to mention — never @everyone,
/// @here or roles. User text is markdown-escaped and "@" is defused, so it renders as typed.
/// </summary>
public static class DiscordRenderer
{
    public const int Ephemeral = 64;

    /// <summary>Message data for a callback, an edit or a channel message.</summary>
    public static JsonObject Message(Reply reply, bool ephemeral)
    {
        var mentioned = new SortedSet<string>(StringComparer.Ordinal);
        var embed = new JsonObject();
        if (reply.Title is not null)
        {
            embed["title"] = Fit(EscapeText(reply.Title), 256);
        }

        var description = new StringBuilder();
        var fields = new JsonArray();
        foreach (var section in reply.Sections)
        {
            if (section.Heading is not null)
            {
                description.Append("**").Append(EscapeText(section.Heading)).Append("**\n");
            }

            foreach (var field in section.Fields)
            {
                if (fields.Count < 25)
                {
                    fields.Add(new JsonObject
                    {
                        ["name"] = Fit(EscapeText(field.Label), 256),
                        ["value"] = Fit(NonEmpty(Line(field.Value, mentioned)), 1024),
                        ["inline"] = false,
                    });
                }
                else
                {
                    description.Append("**").Append(EscapeText(field.Label)).Append(":** ").Append(Line(field.Value, mentioned)).Append('\n');
                }
            }

            foreach (var line in section.Lines)
            {
                description.Append(Line(line, mentioned)).Append('\n');
            }
        }

        if (description.Length > 0)
        {
            embed["description"] = Fit(description.ToString().TrimEnd('\n'), 4096);
        }

        if (fields.Count > 0)
        {
            embed["fields"] = fields;
        }

        embed["color"] = reply.IsError ? 0xB3261E : 0x1D4F91;
        var message = new JsonObject
        {
            ["embeds"] = new JsonArray(embed),
            ["allowed_mentions"] = AllowedMentions(mentioned),
        };

        // Mentions inside embeds never ping; a person the bot means to notify is named in the content too.
        if (mentioned.Count > 0)
        {
            message["content"] = string.Join(' ', mentioned.Select(id => $"<@{id}>"));
        }

        if (ephemeral)
        {
            message["flags"] = Ephemeral;
        }

        if (reply.Actions is { Count: > 0 } actions)
        {
            var buttons = actions.Take(5).Select(a => CustomId(a.CommandLine) is { } id
                ? (JsonNode)new JsonObject
                {
                    ["type"] = 2,
                    ["style"] = a.Primary ? 1 : 4,
                    ["label"] = Fit(a.Label, 80),
                    ["custom_id"] = id,
                }
                : null).Where(b => b is not null).ToList();
            if (buttons.Count > 0)
            {
                message["components"] = new JsonArray(new JsonObject { ["type"] = 1, ["components"] = new JsonArray([.. buttons]) });
            }
        }

        return message;
    }

    /// <summary>Only the listed users may be pinged; <c>parse</c> is empty, so @everyone, @here and roles never are.</summary>
    public static JsonObject AllowedMentions(IEnumerable<string> userIds) => new()
    {
        ["parse"] = new JsonArray(),
        ["users"] = new JsonArray([.. userIds.Take(100).Select(id => (JsonNode)id)]),
    };

    /// <summary>Buttons carry the command line they run; Discord allows 100 characters in a custom id.</summary>
    public static string? CustomId(string commandLine) =>
        ("collab:" + commandLine) is var id && id.Length <= 100 ? id : null;

    public static string Line(Line line, ISet<string> mentioned)
    {
        var sb = new StringBuilder();
        foreach (var part in line.Parts)
        {
            sb.Append(part switch
            {
                Text t => EscapeText(t.Value),
                Strong s => s.Value.Trim().Length == 0 ? "" : "**" + EscapeText(s.Value) + "**",
                Code c => "`" + c.Value.Replace("`", "ˋ", StringComparison.Ordinal) + "`",
                Link l => LinkMarkup(l),
                Mention m => MentionMarkup(m, mentioned),
                ChannelMention c => c.Platform == "discord" && IsSnowflake(c.ChannelId) ? $"<#{c.ChannelId}>" : "#" + EscapeText(c.Fallback),
                Timestamp ts => TimeMarkup(ts),
                _ => "",
            });
        }

        return sb.ToString();
    }

    /// <summary><c>&lt;t:unix:F&gt; (&lt;t:unix:R&gt;)</c>, each reader's own time, and the group's zone beside it.</summary>
    public static string TimeMarkup(Timestamp ts)
    {
        var unix = ts.At.ToUnixTimeSeconds();
        return string.Create(CultureInfo.InvariantCulture, $"<t:{unix}:F> (<t:{unix}:R>, {EscapeText(TimeFormat.Plain(ts))})");
    }

    /// <summary>
    /// Escapes Discord markdown and defuses mentions in user text: markdown characters get a backslash, and "@"
    /// and "&lt;" get a zero-width joiner so <c>@everyone</c>, <c>&lt;@&amp;role&gt;</c> and <c>&lt;@id&gt;</c> show as text.
    /// </summary>
    public static string EscapeText(string text)
    {
        var sb = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            switch (c)
            {
                case '\\' or '*' or '_' or '~' or '`' or '|' or '>' or '[' or ']' or '#':
                    sb.Append('\\').Append(c);
                    break;
                case '@':
                    sb.Append("@\u200b");
                    break;
                case '<':
                    sb.Append("<\u200b");
                    break;
                default:
                    sb.Append(c);
                    break;
            }
        }

        return sb.ToString();
    }

    private static string MentionMarkup(Mention m, ISet<string> mentioned)
    {
        const string prefix = "discord:";
        if (m.Identity.StartsWith(prefix, StringComparison.Ordinal) && IsSnowflake(m.Identity[prefix.Length..]))
        {
            var id = m.Identity[prefix.Length..];
            mentioned.Add(id);
            return $"<@{id}>";
        }

        return "@\u200b" + EscapeText(m.Fallback);
    }

    private static string LinkMarkup(Link l)
    {
        if (!Uri.TryCreate(l.Url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            return EscapeText(l.Label);
        }

        var url = uri.AbsoluteUri.Replace(")", "%29", StringComparison.Ordinal).Replace("(", "%28", StringComparison.Ordinal);
        return l.Label == l.Url ? url : $"[{EscapeText(l.Label)}]({url})";
    }

    private static bool IsSnowflake(string id) => id.Length is >= 5 and <= 22 && id.All(char.IsAsciiDigit);

    private static string NonEmpty(string text) => text.Length == 0 ? "—" : text;
}
