using System.Globalization;
using System.Text;

namespace CollabBot.Core.Formats;

/// <summary>
/// BibTeX as the <c>bibtex</c> program reads it; every entry the service writes (dataset citations, and the
/// library's import and export after them) is built here. BibTeX ends a field at its first unmatched brace and
/// counts every <c>{</c> and <c>}</c>, a backslashed one included, so <c>\{</c> cannot escape a lone brace: a title
/// with one would cut the entry short and lose its year, DOI and URL. Braces, backslash, tilde and caret are
/// therefore written as braced LaTeX commands (<c>{\textbraceleft}</c>), which keep every field balanced and which
/// BibTeX treats as one "special character" when it sorts, abbreviates or changes case.
/// </summary>
public static class BibTeX
{
    /// <summary>Text for a field BibTeX passes on to LaTeX (title, note, version, name parts): LaTeX's specials escaped, braces balanced.</summary>
    public static string Text(string text)
    {
        var sb = new StringBuilder(text.Length + 16);
        foreach (var ch in text)
        {
            sb.Append(ch switch
            {
                '{' => @"{\textbraceleft}",
                '}' => @"{\textbraceright}",
                '\\' => @"{\textbackslash}",
                '~' => @"{\textasciitilde}",
                '^' => @"{\textasciicircum}",
                '&' => @"\&",
                '%' => @"\%",
                '$' => @"\$",
                '#' => @"\#",
                '_' => @"\_",
                _ when char.IsControl(ch) => " ",
                _ => ch.ToString(),
            });
        }

        return sb.ToString();
    }

    /// <summary>
    /// One part of a person's name (given names, particle, family name) as <see cref="Text"/>, braced as a whole
    /// when it holds a comma or the word "and", which BibTeX would otherwise take for the end of a name part or
    /// the start of the next author.
    /// </summary>
    public static string NamePart(string part)
    {
        var text = Text(part);
        var separator = part.Contains(',', StringComparison.Ordinal)
            || part.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Any(w => w.Equals("and", StringComparison.OrdinalIgnoreCase));
        return separator ? "{" + text + "}" : text;
    }

    /// <summary>
    /// A person as BibTeX's "von Last, First"; a person with a single name (or a group) is braced whole so
    /// BibTeX keeps it as one family name.
    /// </summary>
    public static string Name(string? given, string? particle, string? family, string wholeName) =>
        family is null
            ? "{" + Text(wholeName) + "}"
            : (particle is null ? "" : NamePart(particle) + " ") + NamePart(family) + (given is null ? "" : ", " + NamePart(given));

    /// <summary>
    /// A value that styles read verbatim (<c>url</c>, <c>doi</c>): no LaTeX escaping, which would end up in the
    /// link, but braces, backslashes, quotes, spaces and control characters percent-encoded, as a URL has them.
    /// </summary>
    public static string Verbatim(string value)
    {
        var sb = new StringBuilder(value.Length);
        foreach (var ch in value)
        {
            if (ch is '{' or '}' or '\\' or '"' || char.IsWhiteSpace(ch) || char.IsControl(ch))
            {
                foreach (var b in Encoding.UTF8.GetBytes(ch.ToString()))
                {
                    sb.Append(CultureInfo.InvariantCulture, $"%{b:X2}");
                }
            }
            else
            {
                sb.Append(ch);
            }
        }

        return sb.ToString();
    }

    /// <summary>A citation key: letters, digits and <c>-_.:</c> only (as BibTeX and biber allow); anything else becomes <c>_</c>.</summary>
    public static string Key(string raw)
    {
        var key = new string([.. raw.Select(ch => char.IsAsciiLetterOrDigit(ch) || ch is '-' or '_' or '.' or ':' ? ch : '_')]);
        return key.Length == 0 ? "entry" : key;
    }

    /// <summary>
    /// <c>@type{key,</c> then one <c>name = {value},</c> line per field with a value. Values are written as given:
    /// build them with <see cref="Text"/>, <see cref="Name"/> or <see cref="Verbatim"/>.
    /// </summary>
    /// <exception cref="ArgumentException">A value whose braces BibTeX would not find balanced: a bug in its caller.</exception>
    public static string Entry(string type, string key, IEnumerable<(string Name, string? Value)> fields)
    {
        var sb = new StringBuilder();
        sb.Append('@').Append(type).Append('{').Append(Key(key)).Append(',');
        foreach (var (name, value) in fields)
        {
            if (string.IsNullOrEmpty(value))
            {
                continue;
            }

            if (!IsBalanced(value))
            {
                throw new ArgumentException($"The {name} value has unbalanced braces; build it with BibTeX.Text.", nameof(fields));
            }

            sb.Append("\n  ").Append(name.PadRight(9)).Append(" = {").Append(value).Append("},");
        }

        sb.Length--;
        return sb.Append("\n}").ToString();
    }

    /// <summary>Whether BibTeX finds the braces of a field value balanced: it counts every brace, backslashed or not.</summary>
    public static bool IsBalanced(string value)
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
}
