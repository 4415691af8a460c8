using System.Globalization;
using System.Net;
using System.Text;
using CollabBot.Core.Replies;
using CollabBot.Core.Values;

namespace CollabBot.Web;

/// <summary>Small helpers for server-rendered pages: encoding, the page frame, and replies as HTML.</summary>
public static class Html
{
    public static string E(string? text) => WebUtility.HtmlEncode(text ?? "");

    public static IResult Page(string title, string body, int status = 200) =>
        Results.Content(Frame(title, body), "text/html; charset=utf-8", Encoding.UTF8, status);

    public static string Frame(string title, string body) => $"""
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{E(title)} · CollabBot</title>
        <link rel="stylesheet" href="/site.css">
        <link rel="icon" href="/favicon.svg" type="image/svg+xml">
        </head>
        <body>
        <header class="site"><a class="brand" href="/">CollabBot</a>
        <nav aria-label="Main"><a href="/">Working groups</a> <a href="/meetings">Meetings</a> <a href="/datasets">Datasets</a> <a href="/console">Console</a></nav></header>
        <main>
        {body}
        </main>
        <footer class="site"><p>CollabBot · working groups, meetings, author lists and datasets for research collaborations</p>
        <p><a href="/calendar.ics">Subscribe to every group's meetings</a> (iCalendar) · <a href="/api/v1/openapi.json">JSON API</a> (OpenAPI)</p></footer>
        </body>
        </html>
        """;

    /// <summary>
    /// A reply rendered as HTML, every piece of user text encoded. Its title is an h2 and its section headings h3,
    /// because it stands right under the console's h1: a screen reader's outline must not jump from h1 to h3.
    /// </summary>
    public static string Reply(Reply reply)
    {
        var sb = new StringBuilder();
        var cls = reply.IsError ? "reply error" : "reply";
        sb.Append(CultureInfo.InvariantCulture, $"<div class=\"{cls}\" role=\"status\">");
        if (reply.Title is not null)
        {
            sb.Append("<h2>").Append(E(reply.Title)).Append("</h2>");
        }

        foreach (var section in reply.Sections)
        {
            if (section.Heading is not null)
            {
                sb.Append("<h3>").Append(E(section.Heading)).Append("</h3>");
            }

            if (section.Fields.Count > 0)
            {
                sb.Append("<dl>");
                foreach (var field in section.Fields)
                {
                    sb.Append("<dt>").Append(E(field.Label)).Append("</dt><dd>").Append(Line(field.Value)).Append("</dd>");
                }

                sb.Append("</dl>");
            }

            foreach (var line in section.Lines)
            {
                sb.Append("<p>").Append(Line(line)).Append("</p>");
            }
        }

        foreach (var action in reply.Actions ?? [])
        {
            sb.Append("<p class=\"action\"><code>").Append(E(action.CommandLine)).Append("</code> — ").Append(E(action.Label)).Append("</p>");
        }

        return sb.Append("</div>").ToString();
    }

    public static string Line(Line line)
    {
        var sb = new StringBuilder();
        foreach (var part in line.Parts)
        {
            sb.Append(part switch
            {
                Text t => E(t.Value),
                Strong s => $"<strong>{E(s.Value)}</strong>",
                Code c => $"<code>{E(c.Value)}</code>",
                Link l => SafeUrl(l.Url) is { } url ? $"<a href=\"{E(url)}\">{E(l.Label)}</a>" : E(l.Label),
                Mention m => $"<span class=\"mention\">@{E(m.Fallback)}</span>",
                ChannelMention c => $"<span class=\"channel\">#{E(c.Fallback)}</span>",
                Timestamp ts => $"<time datetime=\"{Datetime(ts.At)}\">{E(TimeFormat.Plain(ts))}</time>",
                _ => "",
            });
        }

        return sb.ToString();
    }

    /// <summary>
    /// A <c>&lt;time datetime&gt;</c> value: ISO 8601 in UTC. Invariant, because under the server's culture ':' in a
    /// custom format is that culture's time separator (fi-FI writes 14.00.00) and the year its calendar's (ar-SA: 1448).
    /// </summary>
    public static string Datetime(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>Only http(s) links and site-relative paths become anchors; anything else (javascript:) stays text.</summary>
    public static string? SafeUrl(string url) =>
        url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) ? url
        : Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? uri.ToString()
        : null;

    public static string ZoneName(string zoneId) => Zones.Canonical(zoneId) ?? zoneId;
}
