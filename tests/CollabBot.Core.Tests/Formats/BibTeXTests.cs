using System.Text;
using CollabBot.Core.Datasets;
using CollabBot.Core.Formats;
using CollabBot.Tests.Shared;

namespace CollabBot.Core.Tests.Formats;

/// <summary>
/// Citations with hostile titles and names, read back as BibTeX reads them: by a brace counter that runs
/// everywhere (BibTeX counts <c>\{</c> as a brace too), and by the real <c>bibtex</c> program where it is installed.
/// </summary>
public sealed class BibTeXTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly CitationAuthor Plain = new("Ann Abel", "Ann", "Abel", null, null, null);

    /// <summary>Each with a DOI and a version, so a cut-short entry shows as a missing year, DOI or URL.</summary>
    private static readonly (string Title, CitationAuthor[] Authors)[] Cases =
    [
        ("Lone { brace", [Plain]),
        ("Lone } brace", [Plain]),
        ("}{ reversed", [Plain]),
        (@"Escaped \} and \{ braces", [Plain]),
        ("}}}} closing", [Plain]),
        ("{{{{ opening", [Plain]),
        ("@misc{evil, year = {1999}, title = {x}}", [Plain]),
        (@"50% of $jets$ & #1 _x_ ~^ \textbf{bold} ""quoted""", [Plain]),
        ("Line\nbreak\tand tab", [Plain]),
        ("Authors with separators", [new("x", "Ann, Marie", "Smith and Jones", null, null, null), new("y", "AND", "Lee", null, null, null), Plain]),
        ("Authors with braces", [new("x", "Zo{e", "O'Neil }", "van {der", null, null), new("Sami } and {Co", null, null, null, null, null)]),
        ("No authors", []),
    ];

    public static TheoryData<string, CitationAuthor[]> Hostile => new(Cases);

    [Theory]
    [MemberData(nameof(Hostile))]
    public void BibTeX_HostileEntry_EveryFieldReadWholeWithBracesCountedAsBibTeXDoes(string title, CitationAuthor[] authors)
    {
        var input = Input(title, authors);

        var fields = ReadAsBibTeX(Citations.BibTeX(input));

        Assert.Equal(["author", "title", "year", "version", "doi", "url", "note"], fields.Keys);
        Assert.Equal("2026", fields["year"]);
        Assert.Equal("Dataset, licence CC-BY-4.0", fields["note"]);
        Assert.Equal(Collapse(title), Decode(fields["title"]));
        Assert.Equal(Math.Max(1, authors.Length), SplitNames(fields["author"]).Count);
    }

    [Fact]
    public void Text_EveryValue_KeepsBracesBalancedAsBibTeXCountsThem()
    {
        foreach (var text in new[] { "{", "}", "\\{", "\\}", "}{", "\\", "a{b}c}", "{{{", "~^\\" })
        {
            Assert.True(Balanced(BibTeX.Text(text)), text);
            Assert.True(Balanced(BibTeX.NamePart(text)), text);
            Assert.True(Balanced(BibTeX.Verbatim(text)), text);
        }
    }

    [Fact]
    public void Entry_UnbalancedValue_IsRefused()
    {
        Assert.Throws<ArgumentException>(() => BibTeX.Entry("misc", "k", [("title", "{oops")]));
    }

    [Fact]
    public async Task Bibtex_HostileEntries_BblHasEveryAuthorYearDoiAndUrl()
    {
        var bibtex = ExternalTool.Find("bibtex");
        Assert.SkipWhen(bibtex is null, "bibtex is not installed; apt-get install texlive-binaries texlive-base to run the BibTeX program on our citations.");

        var entries = Cases.Select((c, i) => (c.Title, c.Authors, Input: Input(c.Title, c.Authors, $"e{i}"))).ToList();
        var dir = Directory.CreateTempSubdirectory("collabbot-bibtex-");
        try
        {
            await File.WriteAllTextAsync(Path.Combine(dir.FullName, "cite.bib"), string.Join("\n\n", entries.Select(e => Citations.BibTeX(e.Input))) + "\n", Ct);
            await File.WriteAllTextAsync(Path.Combine(dir.FullName, "fields.bst"), FieldsStyle, Ct);
            await File.WriteAllTextAsync(Path.Combine(dir.FullName, "cite.aux"), "\\citation{*}\n\\bibstyle{fields}\n\\bibdata{cite}\n", Ct);

            var run = await ExternalTool.RunAsync(bibtex!, ["cite"], dir.FullName, cancellationToken: Ct);

            // bibtex exits 1 for a warning and 2 for an error; a cut-short entry gives one or the other.
            Assert.True(run.ExitCode == 0, run.Output);
            var bbl = await File.ReadAllTextAsync(Path.Combine(dir.FullName, "cite.bbl"), Ct);
            var read = ReadBbl(bbl);
            Assert.Equal(entries.Count, read.Count);
            foreach (var (title, authors, input) in entries)
            {
                var entry = read[Citations.Key(input)];
                Assert.Equal("2026", entry["year"].Single());
                Assert.Equal("10.5281/zenodo.42%7Bx%7D", entry["doi"].Single());
                Assert.Equal("https://doi.org/10.5281/zenodo.42%7Bx%7D", entry["url"].Single());
                Assert.Equal(Collapse(title), Decode(entry["title"].Single()));
                Assert.Equal(Math.Max(1, authors.Length), entry["name"].Count);
                Assert.Equal(entry["names"].Single(), entry["name"].Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    private static CitationInput Input(string title, IReadOnlyList<CitationAuthor> authors, string slug = "hostile") =>
        new(slug, title, "Jet {Tagging} & Friends", authors, "1.0_{x}", "10.5281/zenodo.42{x}", null, "2026-01-15", 2026, "CC-BY-4.0", null);

    /// <summary>
    /// Reads one entry as BibTeX does: a field value runs from its opening brace to the brace that brings the
    /// count back to zero, counting every brace, a backslashed one too; then a comma or the entry's end must follow.
    /// </summary>
    private static Dictionary<string, string> ReadAsBibTeX(string entry)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        var i = entry.IndexOf(',', StringComparison.Ordinal) + 1;
        Assert.StartsWith("@misc{", entry, StringComparison.Ordinal);
        while (true)
        {
            while (char.IsWhiteSpace(entry[i]))
            {
                i++;
            }

            if (entry[i] == '}')
            {
                Assert.True(entry[(i + 1)..].Trim().Length == 0, "text after the entry's end: " + entry[(i + 1)..]);
                return fields;
            }

            var equals = entry.IndexOf('=', i);
            var name = entry[i..equals].Trim();
            i = equals + 1;
            while (char.IsWhiteSpace(entry[i]))
            {
                i++;
            }

            Assert.True(entry[i] == '{', $"{name}: expected an opening brace at {entry[i..]}");
            var start = i + 1;
            var depth = 0;
            do
            {
                depth += entry[i] == '{' ? 1 : entry[i] == '}' ? -1 : 0;
                i++;
                Assert.True(i < entry.Length || depth == 0, $"{name}: the value never closes");
            }
            while (depth > 0);

            Assert.True(fields.TryAdd(name, entry[start..(i - 1)]), "field twice: " + name);
            while (char.IsWhiteSpace(entry[i]))
            {
                i++;
            }

            Assert.True(entry[i] is ',' or '}', $"after {name}: expected a comma or the entry's end at {entry[i..]}");
            if (entry[i] == ',')
            {
                i++;
            }
        }
    }

    private static bool Balanced(string value)
    {
        var depth = 0;
        foreach (var ch in value)
        {
            depth += ch == '{' ? 1 : ch == '}' ? -1 : 0;
            if (depth < 0)
            {
                return false;
            }
        }

        return depth == 0;
    }

    /// <summary>BibTeX's split of an author field: " and " outside braces.</summary>
    private static List<string> SplitNames(string author)
    {
        var names = new List<string>();
        var depth = 0;
        var start = 0;
        for (var i = 0; i < author.Length; i++)
        {
            depth += author[i] == '{' ? 1 : author[i] == '}' ? -1 : 0;
            if (depth == 0 && i + 5 <= author.Length && author.Substring(i, 5).Equals(" and ", StringComparison.OrdinalIgnoreCase))
            {
                names.Add(author[start..i]);
                start = i + 5;
            }
        }

        names.Add(author[start..]);
        return names;
    }

    /// <summary>The title as a reader of the typeset page sees it: our escapes undone, the protecting braces dropped.</summary>
    private static string Decode(string title)
    {
        Assert.True(title.StartsWith('{') && title.EndsWith('}'), "the title keeps its protecting braces: " + title);
        return title[1..^1]
            .Replace(@"{\textbraceleft}", "{", StringComparison.Ordinal)
            .Replace(@"{\textbraceright}", "}", StringComparison.Ordinal)
            .Replace(@"{\textbackslash}", "\\", StringComparison.Ordinal)
            .Replace(@"{\textasciitilde}", "~", StringComparison.Ordinal)
            .Replace(@"{\textasciicircum}", "^", StringComparison.Ordinal)
            .Replace(@"\&", "&", StringComparison.Ordinal)
            .Replace(@"\%", "%", StringComparison.Ordinal)
            .Replace(@"\$", "$", StringComparison.Ordinal)
            .Replace(@"\#", "#", StringComparison.Ordinal)
            .Replace(@"\_", "_", StringComparison.Ordinal);
    }

    /// <summary>Control characters become spaces, and BibTeX collapses runs of white space.</summary>
    private static string Collapse(string text) =>
        string.Join(' ', new string([.. text.Select(c => char.IsControl(c) ? ' ' : c)]).Split(' ', StringSplitOptions.RemoveEmptyEntries));

    /// <summary>A style that writes every field of every entry, and each author as BibTeX's name parser splits them.</summary>
    private const string FieldsStyle = """
        ENTRY { author title year doi url version note } {} {}
        INTEGERS { n i }
        FUNCTION {out}
        { duplicate$ missing$ { pop$ pop$ } { * write$ newline$ } if$ }
        FUNCTION {misc}
        { "\entry{" cite$ * "}" * write$ newline$
          author num.names$ 'n :=
          "names=" n int.to.str$ * write$ newline$
          #1 'i :=
          { i n > #0 = }
          { "name=" author i "{vv~}{ll}{, jj}{, ff}" format.name$ * write$ newline$ i #1 + 'i := }
          while$
          "title=" title out
          "year=" year out
          "doi=" doi out
          "url=" url out
          "version=" version out
          "note=" note out
          "\end" write$ newline$ }
        FUNCTION {default.type} { misc }
        READ
        ITERATE {call.type$}
        """;

    /// <summary>The .bbl our style writes: per entry key, each field's values (bibtex wraps long lines with two spaces).</summary>
    private static Dictionary<string, Dictionary<string, List<string>>> ReadBbl(string bbl)
    {
        var result = new Dictionary<string, Dictionary<string, List<string>>>(StringComparer.Ordinal);
        Dictionary<string, List<string>>? current = null;
        foreach (var line in bbl.Replace("\n  ", " ", StringComparison.Ordinal).Split('\n'))
        {
            if (line.StartsWith(@"\entry{", StringComparison.Ordinal))
            {
                current = new Dictionary<string, List<string>>(StringComparer.Ordinal)
                {
                    ["title"] = [], ["year"] = [], ["doi"] = [], ["url"] = [], ["name"] = [], ["names"] = [],
                };
                result[line[7..^1]] = current;
            }
            else if (current is not null && line.IndexOf('=', StringComparison.Ordinal) is > 0 and var eq)
            {
                if (!current.TryGetValue(line[..eq], out var values))
                {
                    current[line[..eq]] = values = [];
                }

                values.Add(line[(eq + 1)..]);
            }
        }

        return result;
    }
}
