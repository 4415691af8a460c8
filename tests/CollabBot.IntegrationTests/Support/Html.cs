using System.Net;
using System.Text.RegularExpressions;

namespace CollabBot.IntegrationTests.Support;

/// <summary>
/// Just enough reading of our own server-rendered pages to assert on them: elements by tag, links, attributes,
/// visible text. Our pages are generated, well-formed and never nest the elements we look for here.
/// </summary>
public static partial class Html
{
    /// <summary>The inner HTML of every <c>&lt;tag …&gt;…&lt;/tag&gt;</c>, with its attributes.</summary>
    public static IReadOnlyList<Element> Elements(string html, string tag) =>
        [.. Regex.Matches(html, $@"<{tag}\b(?<attrs>[^>]*)>(?<inner>.*?)</{tag}>", RegexOptions.Singleline | RegexOptions.IgnoreCase)
            .Select(m => new Element(m.Groups["attrs"].Value, m.Groups["inner"].Value))];

    /// <summary>Start tags of a void or any element (<c>&lt;meta …&gt;</c>, <c>&lt;input …&gt;</c>), as attribute strings.</summary>
    public static IReadOnlyList<string> StartTags(string html, string tag) =>
        [.. Regex.Matches(html, $@"<{tag}\b(?<attrs>[^>]*)>", RegexOptions.IgnoreCase).Select(m => m.Groups["attrs"].Value)];

    public static IReadOnlyList<(string Href, string Text)> Links(string html) =>
        [.. Elements(html, "a").Select(a => (Attr(a.Attributes, "href") ?? "", Text(a.Inner)))];

    /// <summary>An attribute's decoded value, or null when absent.</summary>
    public static string? Attr(string attributes, string name)
    {
        var m = Regex.Match(attributes, $@"(?:^|\s){name}\s*=\s*""(?<v>[^""]*)""", RegexOptions.IgnoreCase);
        return m.Success ? WebUtility.HtmlDecode(m.Groups["v"].Value) : null;
    }

    /// <summary>What a reader sees: tags removed (block ones as a space), entities decoded, white space collapsed.</summary>
    public static string Text(string html) =>
        WhiteSpace().Replace(WebUtility.HtmlDecode(Tag().Replace(BlockTag().Replace(html, " "), "")), " ").Trim();

    /// <summary>The <c>&lt;section&gt;</c> whose heading (h2) reads <paramref name="heading"/>, as HTML.</summary>
    public static string Section(string html, string heading)
    {
        var sections = Elements(html, "section");
        var found = sections.Where(s => Elements(s.Inner, "h2").Any(h => Text(h.Inner).StartsWith(heading, StringComparison.Ordinal))).ToList();
        Assert.True(found.Count == 1, $"Expected one section headed '{heading}', found {found.Count}. Headings: {string.Join(" | ", sections.SelectMany(s => Elements(s.Inner, "h2")).Select(h => Text(h.Inner)))}");
        return found[0].Inner;
    }

    [GeneratedRegex(@"</?(?:p|li|ul|ol|h\d|table|tr|td|th|caption|div|br|section|header|footer|main|nav|form|label|dl|dt|dd)\b[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex BlockTag();

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tag();

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhiteSpace();
}

public sealed record Element(string Attributes, string Inner);
