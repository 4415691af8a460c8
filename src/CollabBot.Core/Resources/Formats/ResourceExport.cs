using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using CollabBot.Core.Formats;
using Bib = CollabBot.Core.Formats.BibTeX;
using CollabBot.Core.Domain;

namespace CollabBot.Core.Resources.Formats;

/// <summary>
/// The library written out: BibTeX, CSV, JSON and a Markdown reading list — pure functions of the resources given
/// (load them with their groups). Each format escapes user text its own way; what is written reads back whole.
/// </summary>
public static class ResourceExport
{
    public static readonly IReadOnlyList<string> CsvColumns =
        ["id", "title", "url", "kind", "level", "audience", "topics", "authors", "year", "arxiv", "doi", "inspire", "licence", "description", "groups", "added", "retired"];

    public static string BibTeX(IEnumerable<Resource> resources)
    {
        var sb = new StringBuilder();
        foreach (var r in resources)
        {
            var type = r.Kind switch
            {
                ResourceKind.Book => "book",
                ResourceKind.Paper or ResourceKind.Review when r.Doi is not null => "article",
                _ => "misc",
            };

            // Every value goes through Formats.BibTeX, the one BibTeX escaper (dataset citations use it too).
            // Double braces keep the title's capitals as written; a whole name is braced so BibTeX keeps it as one.
            (string, string?)[] fields =
            [
                ("title", "{" + Bib.Text(r.Title) + "}"),
                ("author", r.Authors.Count == 0 ? null : string.Join(" and ", r.Authors.Select(a => a == "et al." ? "others" : "{" + Bib.Text(a) + "}"))),
                ("year", r.Year?.ToString(CultureInfo.InvariantCulture)),
                ("eprint", r.ArxivId is null ? null : Bib.Text(r.ArxivId)),
                ("archivePrefix", r.ArxivId is null ? null : "arXiv"),
                ("doi", r.Doi is null ? null : Bib.Verbatim(r.Doi)),
                ("url", Bib.Verbatim(r.Url)),
                ("keywords", r.Topics.Count == 0 ? null : Bib.Text(string.Join(", ", r.Topics))),
                ("abstract", r.Description is null ? null : Bib.Text(r.Description)),
                ("kind", ResourceTerms.Name(r.Kind)),
                ("level", r.Level is { } level ? ResourceTerms.Name(level) : null),
                ("audience", r.Audience is { } audience ? ResourceTerms.Name(audience) : null),
                ("licence", r.Licence is null ? null : Bib.Text(r.Licence)),
                ("inspire", r.InspireId is null ? null : Bib.Text(r.InspireId)),
            ];
            sb.Append(Bib.Entry(type, Key(r), fields)).Append("\n\n");
        }

        return sb.ToString();
    }

    /// <summary>A citation key of safe characters that names the resource: <c>Qu2019r42</c>.</summary>
    public static string Key(Resource r)
    {
        var family = r.Authors.FirstOrDefault(a => a != "et al.")?.Split(' ', StringSplitOptions.RemoveEmptyEntries).LastOrDefault() ?? "resource";
        var ascii = new string(family.Normalize(NormalizationForm.FormD).Where(char.IsAsciiLetter).ToArray());
        return (ascii.Length == 0 ? "resource" : ascii) + (r.Year?.ToString(CultureInfo.InvariantCulture) ?? "") + "r" + r.Id.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>RFC 4180 CSV through <see cref="SafeCsv"/> (a header row; formula-like cells neutralised); lists joined by "; ".</summary>
    public static string Csv(IEnumerable<Resource> resources) =>
        SafeCsv.Write(CsvColumns, resources.Select(r => (IReadOnlyList<string?>)
        [
            r.Id.ToString(CultureInfo.InvariantCulture),
            r.Title,
            r.Url,
            ResourceTerms.Name(r.Kind),
            r.Level is { } level ? ResourceTerms.Name(level) : null,
            r.Audience is { } audience ? ResourceTerms.Name(audience) : null,
            string.Join("; ", r.Topics),
            string.Join("; ", r.Authors),
            r.Year?.ToString(CultureInfo.InvariantCulture),
            r.ArxivId,
            r.Doi,
            r.InspireId,
            r.Licence,
            r.Description,
            string.Join("; ", r.Groups.Select(g => g.Group.Slug).Order(StringComparer.Ordinal)),
            r.AddedAt.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            r.RetiredAt?.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ]));

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    };

    /// <summary>
    /// <c>{"schema":"collabbot.resources/1","resources":[…]}</c>: stable keys, absent values as null. The encoder keeps
    /// letters as they are but escapes &lt;, &gt;, &amp; and quotes, so the JSON is also safe inside HTML.
    /// </summary>
    public static string ToJson(IEnumerable<Resource> resources) => JsonSerializer.Serialize(new
    {
        schema = "collabbot.resources/1",
        resources = resources.Select(r => new
        {
            id = r.Id,
            @ref = r.Ref,
            kind = ResourceTerms.Name(r.Kind),
            title = r.Title,
            url = r.Url,
            authors = r.Authors,
            year = r.Year,
            level = r.Level is { } level ? ResourceTerms.Name(level) : null,
            audience = r.Audience is { } audience ? ResourceTerms.Name(audience) : null,
            topics = r.Topics,
            groups = r.Groups.Select(g => g.Group.Slug).Order(StringComparer.Ordinal),
            arxiv = r.ArxivId,
            doi = r.Doi,
            inspire = r.InspireId,
            licence = r.Licence,
            description = r.Description,
            addedAt = r.AddedAt,
            retiredAt = r.RetiredAt,
            link = r.Link is null ? null : new { checkedAt = r.Link.CheckedAt, lastOkAt = r.Link.LastOkAt, brokenSince = r.Link.BrokenSince, lastStatus = r.Link.LastStatus },
        }),
    }, Json);

    /// <summary>
    /// A reading list: a heading, then one numbered item per resource — its linked title, authors and year, kind and
    /// level, and its description. User text is escaped for CommonMark, so it cannot become a link, an image, HTML or a heading.
    /// </summary>
    public static string Markdown(string heading, IEnumerable<Resource> resources)
    {
        var sb = new StringBuilder();
        sb.Append("# ").Append(MarkdownEscape(heading)).Append("\n\n");
        var n = 0;
        foreach (var r in resources)
        {
            n++;
            sb.Append(n.ToString(CultureInfo.InvariantCulture)).Append(". [").Append(MarkdownEscape(r.Title)).Append("](<").Append(MarkdownUrl(r.Url)).Append(">)");
            var about = new List<string>();
            if (r.Authors.Count > 0)
            {
                about.Add(r.Authors.Count > 3 ? r.Authors[0] + " et al." : string.Join(", ", r.Authors));
            }

            if (r.Year is { } year)
            {
                about.Add(year.ToString(CultureInfo.InvariantCulture));
            }

            about.Add(ResourceTerms.Name(r.Kind) + (r.Level is { } level ? ", " + ResourceTerms.Name(level) : ""));
            sb.Append(" — ").Append(MarkdownEscape(string.Join(" · ", about))).Append(" (").Append(r.Ref).Append(")\n");
            if (r.Description is not null)
            {
                foreach (var paragraph in r.Description.Split("\n\n"))
                {
                    sb.Append("\n   ").Append(MarkdownEscape(paragraph)).Append('\n');
                }
            }

            sb.Append('\n');
        }

        if (n == 0)
        {
            sb.Append("Nothing here yet.\n");
        }

        return sb.ToString();
    }

    /// <summary>Backslash before every ASCII punctuation character CommonMark may treat as syntax (all of them may be escaped).</summary>
    public static string MarkdownEscape(string text)
    {
        var sb = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            if (char.IsAsciiLetterOrDigit(c) || c == ' ' || !char.IsAscii(c))
            {
                sb.Append(char.IsControl(c) ? ' ' : c);
            }
            else if (char.IsPunctuation(c) || char.IsSymbol(c))
            {
                sb.Append('\\').Append(c);
            }
            else
            {
                sb.Append(char.IsControl(c) || char.IsWhiteSpace(c) ? ' ' : c);
            }
        }

        return sb.ToString();
    }

    /// <summary>Inside <c>&lt;…&gt;</c> a link destination may not hold &lt;, &gt; or a line break.</summary>
    private static string MarkdownUrl(string url) => url.Replace("<", "%3C", StringComparison.Ordinal).Replace(">", "%3E", StringComparison.Ordinal)
        .Replace("\n", "", StringComparison.Ordinal).Replace("\r", "", StringComparison.Ordinal).Replace(" ", "%20", StringComparison.Ordinal);
}
