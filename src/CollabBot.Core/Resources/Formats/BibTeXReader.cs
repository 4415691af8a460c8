using System.Globalization;
using System.Text;

namespace CollabBot.Core.Resources.Formats;

/// <summary>An entry as read: its type and key, its fields as written (names lower-cased), and the line it starts on.</summary>
public sealed record BibEntry(string Type, string Key, IReadOnlyDictionary<string, string> Fields, int Line)
{
    /// <summary>A field as plain text (LaTeX decoded), or null when absent or empty.</summary>
    public string? this[string name] => Fields.TryGetValue(name, out var value) && Latex.Decode(value) is { Length: > 0 } text ? text : null;

    public IReadOnlyList<string> Authors => BibTeXReader.Authors(Fields.GetValueOrDefault("author"));
}

/// <summary>A part of a file that could not be read, by the line it starts on.</summary>
public sealed record ImportProblem(int Line, string Message);

/// <summary>
/// A small, tolerant BibTeX reader: <c>@type{key, field = {…} | "…" | 1999 | macro # …}</c>, nested braces,
/// <c>@string</c> macros (and the month abbreviations), <c>@comment</c> and <c>@preamble</c> skipped, text outside
/// entries ignored. A malformed entry is reported with its line and skipped up to the next line that starts with
/// <c>@</c>; the rest of the file is still read. Written by hand because no BibTeX parser is served from the
/// package feed this project may use; it reads what INSPIRE and the HEP-ML living review write.
/// </summary>
public static class BibTeXReader
{
    public const int MaxValueLength = 100_000;

    public static (IReadOnlyList<BibEntry> Entries, IReadOnlyList<ImportProblem> Problems) Read(string text)
    {
        var entries = new List<BibEntry>();
        var problems = new List<ImportProblem>();
        var macros = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["jan"] = "January", ["feb"] = "February", ["mar"] = "March", ["apr"] = "April", ["may"] = "May", ["jun"] = "June",
            ["jul"] = "July", ["aug"] = "August", ["sep"] = "September", ["oct"] = "October", ["nov"] = "November", ["dec"] = "December",
        };
        var p = new Parser(text);
        while (p.SeekEntry())
        {
            var line = p.Line;
            try
            {
                if (ReadEntry(p, macros, line) is { } entry)
                {
                    entries.Add(entry);
                }
            }
            catch (FormatException ex)
            {
                problems.Add(new ImportProblem(line, ex.Message));
                p.SkipToNextEntryLine();
            }
        }

        return (entries, problems);
    }

    private static BibEntry? ReadEntry(Parser p, Dictionary<string, string> macros, int line)
    {
        p.Expect('@');
        var type = p.Identifier().ToLowerInvariant();
        if (type.Length == 0)
        {
            throw p.Error("an entry type such as @article must follow '@'");
        }

        p.SkipSpace();
        var open = p.Next();
        if (open is not ('{' or '('))
        {
            throw p.Error($"'{{' must follow @{type}");
        }

        var close = open == '{' ? '}' : ')';
        if (type is "comment" or "preamble")
        {
            p.SkipBalanced(open, close);
            return null;
        }

        if (type == "string")
        {
            p.SkipSpace();
            var name = p.Identifier();
            p.SkipSpace();
            p.Expect('=');
            macros[name] = p.Value(macros);
            p.SkipSpace();
            p.Expect(close);
            return null;
        }

        p.SkipSpace();
        var key = p.Key();
        if (key.Length == 0)
        {
            throw p.Error($"@{type} has no citation key");
        }

        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        while (true)
        {
            p.SkipSpace();
            var c = p.Peek();
            if (c == close)
            {
                p.Next();
                break;
            }

            if (c == ',')
            {
                p.Next();
                continue;
            }

            if (c == '\0')
            {
                throw p.Error($"@{type}{{{key}, …: the entry is not closed with '{close}'");
            }

            var name = p.Identifier().ToLowerInvariant();
            if (name.Length == 0)
            {
                throw p.Error($"@{type}{{{key}, …: expected a field name, found '{c}'");
            }

            p.SkipSpace();
            if (p.Peek() != '=')
            {
                throw p.Error($"@{type}{{{key}, …: field '{name}' has no '='");
            }

            p.Next();
            var value = p.Value(macros);
            fields.TryAdd(name, value);
            p.SkipSpace();
            var after = p.Peek();
            if (after != ',' && after != close)
            {
                throw p.Error($"@{type}{{{key}, …: after field '{name}' expected ',' or '{close}', found '{(after == '\0' ? "the end of the file" : after.ToString())}'");
            }
        }

        return new BibEntry(type, key, fields, line);
    }

    /// <summary>"Last, First and Other, A." → ["First Last", "A. Other"]; "others" → "et al."; braced names stay whole.</summary>
    public static IReadOnlyList<string> Authors(string? field)
    {
        if (string.IsNullOrWhiteSpace(field))
        {
            return [];
        }

        var names = new List<string>();
        foreach (var raw in SplitTopLevel(field, " and "))
        {
            var name = raw.Trim();
            if (name.Length == 0)
            {
                continue;
            }

            if (name.Equals("others", StringComparison.OrdinalIgnoreCase))
            {
                names.Add("et al.");
                continue;
            }

            var parts = SplitTopLevel(name, ",").Select(x => x.Trim()).ToList();
            var display = parts.Count switch
            {
                2 => $"{parts[1]} {parts[0]}",
                3 => $"{parts[2]} {parts[0]} {parts[1]}",
                _ => name,
            };
            names.Add(Latex.Decode(display));
        }

        return names;
    }

    private static IEnumerable<string> SplitTopLevel(string text, string separator)
    {
        var depth = 0;
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            depth += text[i] switch { '{' => 1, '}' => -1, _ => 0 };
            if (depth == 0 && string.Compare(text, i, separator, 0, separator.Length, StringComparison.OrdinalIgnoreCase) == 0)
            {
                yield return text[start..i];
                i += separator.Length - 1;
                start = i + 1;
            }
        }

        yield return text[start..];
    }

    private sealed class Parser(string text)
    {
        private int position;

        public int Line { get; private set; } = 1;

        public char Peek() => position < text.Length ? text[position] : '\0';

        public char Next()
        {
            if (position >= text.Length)
            {
                return '\0';
            }

            var c = text[position++];
            if (c == '\n')
            {
                Line++;
            }

            return c;
        }

        public FormatException Error(string message) => new($"{message} (line {Line.ToString(CultureInfo.InvariantCulture)}).");

        public void Expect(char c)
        {
            if (Peek() != c)
            {
                throw Error($"expected '{c}', found '{(Peek() == '\0' ? "the end of the file" : Peek().ToString())}'");
            }

            Next();
        }

        public void SkipSpace()
        {
            while (char.IsWhiteSpace(Peek()))
            {
                Next();
            }
        }

        /// <summary>Moves to the next '@' (text between entries is a comment in BibTeX); false at the end.</summary>
        public bool SeekEntry()
        {
            while (position < text.Length && text[position] != '@')
            {
                Next();
            }

            return position < text.Length;
        }

        /// <summary>After a malformed entry: on to the next line that starts (after spaces) with '@'.</summary>
        public void SkipToNextEntryLine()
        {
            while (position < text.Length)
            {
                if (Next() != '\n')
                {
                    continue;
                }

                var i = position;
                while (i < text.Length && text[i] is ' ' or '\t')
                {
                    i++;
                }

                if (i < text.Length && text[i] == '@')
                {
                    while (position < i)
                    {
                        Next();
                    }

                    return;
                }
            }
        }

        public string Identifier()
        {
            var start = position;
            while (Peek() is var c && (char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or ':' or '.' or '+'))
            {
                Next();
            }

            return text[start..position];
        }

        public string Key()
        {
            var start = position;
            while (Peek() is var c && c != ',' && c != '}' && c != ')' && c != '\0' && !char.IsWhiteSpace(c))
            {
                Next();
            }

            var key = text[start..position];
            SkipSpace();
            if (Peek() == ',')
            {
                Next();
            }

            return key;
        }

        /// <summary>A value: braced, quoted, a number or a macro name, joined by '#'.</summary>
        public string Value(Dictionary<string, string> macros)
        {
            var sb = new StringBuilder();
            while (true)
            {
                SkipSpace();
                var c = Peek();
                if (c == '{')
                {
                    Next();
                    sb.Append(Until('}', allowQuote: true));
                }
                else if (c == '"')
                {
                    Next();
                    sb.Append(Until('"', allowQuote: false));
                }
                else if (char.IsAsciiDigit(c))
                {
                    while (char.IsAsciiDigit(Peek()))
                    {
                        sb.Append(Next());
                    }
                }
                else if (char.IsAsciiLetter(c))
                {
                    var name = Identifier();
                    if (!macros.TryGetValue(name, out var expansion))
                    {
                        throw Error($"'{name}' is neither a quoted value nor a defined @string");
                    }

                    sb.Append(expansion);
                }
                else
                {
                    throw Error($"expected a value in braces or quotes, found '{(c == '\0' ? "the end of the file" : c.ToString())}'");
                }

                if (sb.Length > MaxValueLength)
                {
                    throw Error($"a value is longer than {MaxValueLength:N0} characters");
                }

                SkipSpace();
                if (Peek() != '#')
                {
                    return sb.ToString();
                }

                Next();
            }
        }

        /// <summary>Text up to the closing delimiter at brace depth zero; inner braces are kept for the LaTeX decoder.</summary>
        private string Until(char end, bool allowQuote)
        {
            var start = position;
            var startLine = Line;
            var depth = 0;
            while (true)
            {
                var c = Peek();
                if (c == '\0')
                {
                    throw new FormatException($"a value opened on line {startLine.ToString(CultureInfo.InvariantCulture)} is never closed.");
                }

                if (c == '\\' && position + 1 < text.Length)
                {
                    Next();
                    Next();
                    continue;
                }

                if (depth == 0 && c == end && (allowQuote || c == '"'))
                {
                    var value = text[start..position];
                    Next();
                    return value;
                }

                depth += c switch { '{' => 1, '}' => -1, _ => 0 };
                if (depth < 0)
                {
                    throw Error("a '}' closes more braces than were opened");
                }

                // An entry that was never closed runs into the next one: stop at a line starting with '@'.
                if (c == '\n' && NextLineStartsEntry())
                {
                    throw new FormatException($"a value opened on line {startLine.ToString(CultureInfo.InvariantCulture)} is not closed before the next entry.");
                }

                Next();
            }
        }

        private bool NextLineStartsEntry()
        {
            var i = position + 1;
            while (i < text.Length && text[i] is ' ' or '\t')
            {
                i++;
            }

            return i < text.Length && text[i] == '@' && i + 1 < text.Length && char.IsAsciiLetter(text[i + 1]);
        }

        public void SkipBalanced(char open, char close)
        {
            var depth = 1;
            while (depth > 0 && Peek() != '\0')
            {
                var c = Next();
                depth += c == open ? 1 : c == close ? -1 : 0;
            }
        }
    }
}

/// <summary>The LaTeX found in BibTeX fields, turned into plain Unicode text: accents, escaped specials, dashes, braces.</summary>
public static class Latex
{
    private static readonly Dictionary<char, char> Combining = new()
    {
        ['"'] = '\u0308', ['\''] = '\u0301', ['`'] = '\u0300', ['^'] = '\u0302', ['~'] = '\u0303', ['='] = '\u0304',
        ['.'] = '\u0307', ['u'] = '\u0306', ['v'] = '\u030C', ['H'] = '\u030B', ['c'] = '\u0327', ['k'] = '\u0328', ['r'] = '\u030A',
    };

    private static readonly Dictionary<string, string> Words = new(StringComparer.Ordinal)
    {
        ["ss"] = "ß", ["o"] = "ø", ["O"] = "Ø", ["aa"] = "å", ["AA"] = "Å", ["ae"] = "æ", ["AE"] = "Æ", ["oe"] = "œ", ["OE"] = "Œ",
        ["l"] = "ł", ["L"] = "Ł", ["i"] = "ı", ["textendash"] = "–", ["textemdash"] = "—", ["ldots"] = "…", ["dots"] = "…",
        ["textbackslash"] = "\\", ["textbraceleft"] = "{", ["textbraceright"] = "}", ["textasciitilde"] = "~", ["textasciicircum"] = "^", ["LaTeX"] = "LaTeX", ["TeX"] = "TeX",
    };

    public static string Decode(string value)
    {
        var sb = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c == '\\' && i + 1 < value.Length)
            {
                var n = value[i + 1];
                if ("&%$#_{}".Contains(n, StringComparison.Ordinal))
                {
                    sb.Append(n);
                    i++;
                    continue;
                }

                if (Combining.TryGetValue(n, out var mark) && (!char.IsAsciiLetter(n) || i + 2 >= value.Length || !char.IsAsciiLetter(value[i + 2]) || value[i + 2] == ' '))
                {
                    // \"o, \"{o}, \c{c}, \c c
                    var j = i + 2;
                    while (j < value.Length && value[j] == ' ' && char.IsAsciiLetter(n))
                    {
                        j++;
                    }

                    var braced = j < value.Length && value[j] == '{';
                    if (braced)
                    {
                        j++;
                    }

                    if (j < value.Length && value[j] == '\\' && j + 1 < value.Length && value[j + 1] is 'i' or 'j')
                    {
                        j++;
                    }

                    if (j < value.Length && char.IsLetter(value[j]))
                    {
                        sb.Append((value[j] + mark.ToString()).Normalize(NormalizationForm.FormC));
                        i = braced && j + 1 < value.Length && value[j + 1] == '}' ? j + 1 : j;
                        continue;
                    }
                }

                var k = i + 1;
                while (k < value.Length && char.IsAsciiLetter(value[k]))
                {
                    k++;
                }

                var word = value[(i + 1)..k];
                if (word.Length > 0)
                {
                    sb.Append(Words.TryGetValue(word, out var replacement) ? replacement : "");
                    i = k - 1;
                    if (k < value.Length && value[k] == ' ' && word.Length > 0)
                    {
                        i = k;
                    }

                    continue;
                }

                sb.Append(n);
                i++;
                continue;
            }

            // Braces only group (and protect case) in BibTeX; escaped ones were appended above.
            // ~ is LaTeX's non-breaking space; \textasciitilde, decoded above, is a real tilde.
            if (c is not ('{' or '}'))
            {
                sb.Append(c == '~' ? ' ' : c);
            }
        }

        var text = sb.ToString()
            .Replace("---", "—", StringComparison.Ordinal)
            .Replace("--", "–", StringComparison.Ordinal);
        return ResourceInput.OneLine(text);
    }

}
