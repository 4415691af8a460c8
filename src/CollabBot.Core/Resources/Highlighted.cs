using CollabBot.Core.Replies;

namespace CollabBot.Core.Resources;

/// <summary>A piece of text and whether it matched the search.</summary>
public sealed record HighlightSpan(string Text, bool Match);

/// <summary>
/// Text with its matches marked, as data rather than markup: a reply turns matches into <see cref="Strong"/> parts,
/// which each platform renders (and escapes) its own way; a page may use <c>&lt;mark&gt;</c>.
/// </summary>
public sealed record Highlighted(IReadOnlyList<HighlightSpan> Spans)
{
    /// <summary>Private-use characters the databases put around matches; they are read back here and never shown.</summary>
    internal const char Open = '\uE000';
    internal const char Close = '\uE001';

    public string Plain => string.Concat(Spans.Select(s => s.Text));

    public bool HasMatch => Spans.Any(s => s.Match);

    public static Highlighted None(string text) => new([new HighlightSpan(text, false)]);

    /// <summary>Matches as <see cref="Strong"/>, the rest as <see cref="Text"/>.</summary>
    public IEnumerable<Inline> ToInlines() => Spans.Select(s => s.Match ? (Inline)new Strong(s.Text) : new Text(s.Text));

    /// <summary>
    /// Reads text the database marked with <see cref="Open"/> and <see cref="Close"/>. When the stored text itself
    /// contained a marker character, or the markers do not pair up, the marks cannot be trusted: the text comes back unmarked.
    /// </summary>
    /// <param name="marked">The database's marked text: the whole of <paramref name="original"/>, or a fragment of it.</param>
    /// <param name="whole">Whether <paramref name="marked"/> is the whole text, which is then returned as stored when the marks cannot be trusted.</param>
    internal static Highlighted Parse(string marked, string? original, bool whole)
    {
        if (original is not null && (original.Contains(Open, StringComparison.Ordinal) || original.Contains(Close, StringComparison.Ordinal)))
        {
            return None(whole ? original : Strip(marked));
        }

        var spans = new List<HighlightSpan>();
        var inside = false;
        var start = 0;
        for (var i = 0; i < marked.Length; i++)
        {
            var c = marked[i];
            if (c != Open && c != Close)
            {
                continue;
            }

            if ((c == Open) == inside)
            {
                return None(Strip(marked));
            }

            if (i > start)
            {
                spans.Add(new HighlightSpan(marked[start..i], inside));
            }

            inside = c == Open;
            start = i + 1;
        }

        if (start < marked.Length)
        {
            spans.Add(new HighlightSpan(marked[start..], inside));
        }

        var result = new Highlighted(spans);
        if (inside)
        {
            return None(Strip(marked));
        }

        return result;
    }

    private static string Strip(string marked) => marked.Replace(Open.ToString(), "", StringComparison.Ordinal).Replace(Close.ToString(), "", StringComparison.Ordinal);
}
