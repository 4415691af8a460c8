using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using CollabBot.Core.Replies;
using static CollabBot.Core.Values.Clipping;

namespace CollabBot.Slack;

/// <summary>
/// Renders a platform-neutral reply as Slack Block Kit with a plain-text fallback. All user text is escaped
/// (<c>&amp; &lt; &gt;</c>), so it can never form <c>&lt;!channel&gt;</c>, <c>&lt;!here&gt;</c>, <c>&lt;!everyone&gt;</c> or a
/// user-group mention; the only mentions emitted are the <see cref="Mention"/>s a handler put in, and only
/// for Slack identities of the same workspace.
/// </summary>
public static class SlackRenderer
{
    /// <summary>Every CollabBot button's action id starts so; one that keeps its message (a vote, an RSVP) with <see cref="KeepActionPrefix"/>.</summary>
    public const string ActionPrefix = "collab_";

    public const string KeepActionPrefix = "collab_keep_";

    /// <summary>Slack's limit on a section's text is 3000 characters; split long sections.</summary>
    private const int MaxSectionText = 2900;

    public sealed record Rendered(string Text, JsonArray Blocks);

    public static Rendered Render(Reply reply, string team)
    {
        var blocks = new JsonArray();
        var fallback = new StringBuilder();
        if (reply.Title is not null)
        {
            blocks.Add(new JsonObject
            {
                ["type"] = "header",
                ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = Fit(reply.Title, 150), ["emoji"] = false },
            });
            fallback.Append(Escape(reply.Title)).Append('\n');
        }

        foreach (var section in reply.Sections)
        {
            var sb = new StringBuilder();
            if (section.Heading is not null)
            {
                sb.Append('*').Append(Escape(section.Heading)).Append("*\n");
            }

            foreach (var field in section.Fields)
            {
                sb.Append('*').Append(Escape(field.Label)).Append(":* ").Append(Line(field.Value, team)).Append('\n');
            }

            foreach (var line in section.Lines)
            {
                sb.Append(Line(line, team)).Append('\n');
            }

            var text = sb.ToString().TrimEnd('\n');
            if (text.Length == 0)
            {
                continue;
            }

            foreach (var chunk in Chunks(text))
            {
                blocks.Add(Section(chunk));
            }

            fallback.Append(text).Append('\n');
        }

        if (reply.Actions is { Count: > 0 } actions)
        {
            blocks.Add(new JsonObject
            {
                ["type"] = "actions",
                ["elements"] = new JsonArray([.. actions.Take(25).Select((a, i) => (JsonNode)new JsonObject
                {
                    ["type"] = "button",
                    ["action_id"] = (a.KeepsMessage ? KeepActionPrefix : ActionPrefix) + i.ToString(CultureInfo.InvariantCulture),
                    ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = Fit(a.Label, 75), ["emoji"] = false },
                    ["value"] = Fit(a.CommandLine, 2000),
                    ["style"] = a.Primary ? "primary" : "danger",
                })]),
            });
        }

        var all = fallback.ToString().TrimEnd('\n');
        return new Rendered(blocks.Count > 0 ? Fallback(all) : Fit(all, MaxText), blocks);
    }

    /// <summary>Slack cuts a message's text at 40,000 characters.</summary>
    private const int MaxText = 39_000;

    /// <summary>
    /// How much of a message with blocks its top-level text repeats. Slack shows the blocks; the text is what
    /// notifications (mobile ones show only it) and clients that cannot show blocks use, so it need not be a second copy
    /// of a long reply: a 100-group <c>/wg list</c> repeated whole was half of a 20 KB answer.
    /// </summary>
    public const int MaxFallback = 3_000;

    /// <summary>The text up to <see cref="MaxFallback"/> characters, cut at the end of a line (then "…" on a line of its own) so that no markup is cut in half.</summary>
    private static string Fallback(string text)
    {
        if (text.Length <= MaxFallback)
        {
            return text;
        }

        var cut = text.LastIndexOf('\n', MaxFallback - 2);
        return cut > 0 ? text[..cut] + "\n…" : Fit(text, MaxText);
    }

    /// <summary>The command response body (slash commands, response_url, Socket Mode ack payloads).</summary>
    public static JsonObject CommandResponse(Reply reply, string team, bool? replaceOriginal = null)
    {
        var rendered = Render(reply, team);
        var json = new JsonObject
        {
            ["response_type"] = reply.Public ? "in_channel" : "ephemeral",
            ["text"] = rendered.Text,
            ["blocks"] = rendered.Blocks,
        };
        if (replaceOriginal is { } replace)
        {
            json["replace_original"] = replace;
        }

        return json;
    }

    /// <summary>Only <c>&amp;</c>, <c>&lt;</c> and <c>&gt;</c> are escaped in Slack text, and that is enough to stop every special mention.</summary>
    public static string Escape(string text) =>
        text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);

    public static string Line(Line line, string team)
    {
        var sb = new StringBuilder();
        foreach (var part in line.Parts)
        {
            sb.Append(part switch
            {
                Text t => Escape(t.Value),
                Strong s => Wrap('*', s.Value),
                Code c => "`" + Escape(c.Value).Replace("`", "'", StringComparison.Ordinal) + "`",
                Link l => LinkMarkup(l),
                Mention m => MentionMarkup(m, team),
                ChannelMention c => c.Platform == "slack" && IsSlackId(c.ChannelId) ? $"<#{c.ChannelId}>" : "#" + Escape(c.Fallback),
                Timestamp ts => DateMarkup(ts),
                _ => "",
            });
        }

        return sb.ToString();
    }

    /// <summary><c>&lt;!date^unix^{date_short_pretty} {time}|fallback&gt;</c>: each reader sees their own time; the fallback names the group's zone.</summary>
    public static string DateMarkup(Timestamp ts) =>
        string.Create(CultureInfo.InvariantCulture, $"<!date^{ts.At.ToUnixTimeSeconds()}^{{date_short_pretty}} {{time}}|{Escape(TimeFormat.Plain(ts))}>");

    private static string MentionMarkup(Mention m, string team)
    {
        var prefix = $"slack:{team}:";
        if (m.Identity.StartsWith(prefix, StringComparison.Ordinal) && IsSlackId(m.Identity[prefix.Length..]))
        {
            return $"<@{m.Identity[prefix.Length..]}>";
        }

        return "@" + Escape(m.Fallback);
    }

    private static string LinkMarkup(Link l)
    {
        if (!Uri.TryCreate(l.Url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            return Escape(l.Label);
        }

        // The URL part may not contain | or >; the label is escaped like any text.
        var url = uri.AbsoluteUri.Replace("|", "%7C", StringComparison.Ordinal).Replace(">", "%3E", StringComparison.Ordinal).Replace("<", "%3C", StringComparison.Ordinal);
        return l.Label == l.Url ? $"<{url}>" : $"<{url}|{Escape(l.Label).Replace("|", "¦", StringComparison.Ordinal)}>";
    }

    private static string Wrap(char marker, string value)
    {
        var escaped = Escape(value).Replace(marker.ToString(), "", StringComparison.Ordinal).Trim();
        return escaped.Length == 0 ? "" : $"{marker}{escaped}{marker}";
    }

    private static bool IsSlackId(string id) => id.Length is > 1 and <= 24 && id.All(c => c is (>= 'A' and <= 'Z') or (>= '0' and <= '9'));

    private static JsonObject Section(string text) => new()
    {
        ["type"] = "section",
        ["text"] = new JsonObject { ["type"] = "mrkdwn", ["text"] = text, ["verbatim"] = true },
    };

    private static IEnumerable<string> Chunks(string text)
    {
        while (text.Length > MaxSectionText)
        {
            var cut = text.LastIndexOf('\n', MaxSectionText);
            if (cut <= 0)
            {
                cut = MaxSectionText;
            }

            yield return text[..cut];
            text = text[cut..].TrimStart('\n');
        }

        yield return text;
    }
}
