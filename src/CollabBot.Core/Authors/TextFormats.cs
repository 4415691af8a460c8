using System.Globalization;
using System.Text;

namespace CollabBot.Core.Authors;

/// <summary>The plain formats: text (readable in chat), markdown (renders on GitHub) and the CRediT contribution statement.</summary>
public static class TextFormats
{
    private const string Superscripts = "⁰¹²³⁴⁵⁶⁷⁸⁹";

    /// <summary>
    /// <c>A. Okafor¹,², J. van der Berg³</c>, a blank line, then <c>¹ CERN</c> per affiliation. Numbers are
    /// separated by commas so that affiliations 1 and 2 never read as 12.
    /// </summary>
    public static string Text(AuthorList list)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < list.Authors.Count; i++)
        {
            var author = list.Authors[i];
            if (i > 0)
            {
                sb.Append(", ");
            }

            sb.Append(author.InitialsName);
            sb.Append(string.Join(',', author.Affiliations.Select(Superscript)));
        }

        sb.Append('\n');
        if (list.Affiliations.Count > 0)
        {
            sb.Append('\n');
            for (var i = 0; i < list.Affiliations.Count; i++)
            {
                sb.Append(Superscript(i + 1)).Append(' ').Append(list.Affiliations[i]).Append('\n');
            }
        }

        return sb.ToString();
    }

    /// <summary>The text format for GitHub: names link to their ORCID, numbers in &lt;sup&gt;, affiliations as a numbered list.</summary>
    public static string Markdown(AuthorList list)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < list.Authors.Count; i++)
        {
            var author = list.Authors[i];
            if (i > 0)
            {
                sb.Append(", ");
            }

            var name = EscapeMarkdown(author.InitialsName);
            sb.Append(author.OrcidUrl is { } url ? $"[{name}]({url})" : name);
            if (author.Affiliations.Count > 0)
            {
                sb.Append("<sup>").Append(string.Join(',', author.Affiliations.Select(n => n.ToString(CultureInfo.InvariantCulture)))).Append("</sup>");
            }
        }

        sb.Append('\n');
        if (list.Affiliations.Count > 0)
        {
            sb.Append('\n');
            for (var i = 0; i < list.Affiliations.Count; i++)
            {
                sb.Append((i + 1).ToString(CultureInfo.InvariantCulture)).Append(". ").Append(EscapeMarkdown(list.Affiliations[i])).Append('\n');
            }
        }

        return sb.ToString();
    }

    /// <summary>"Given Family: Conceptualization (lead), Software (supporting)." — one line per person, in list order.</summary>
    public static string Credit(AuthorList list)
    {
        var sb = new StringBuilder();
        foreach (var author in list.Authors)
        {
            sb.Append(author.FullName).Append(": ").Append(AuthorFormats.RolesText(author.Roles)).Append(".\n");
        }

        return sb.ToString();
    }

    public static string Superscript(int number) =>
        string.Concat(number.ToString(CultureInfo.InvariantCulture).Select(d => Superscripts[d - '0']));

    /// <summary>
    /// Backslash-escapes what CommonMark and GitHub would otherwise read as markup (emphasis, links, HTML,
    /// entities, tables, strike-through), and a leading character that would start a list, heading or quote.
    /// </summary>
    public static string EscapeMarkdown(string text)
    {
        var sb = new StringBuilder(text.Length + 8);
        var leadingDigits = text.TakeWhile(char.IsAsciiDigit).Count();
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var atStart = (i == 0 && c is '-' or '+' or '=' or '>') || (i == leadingDigits && i > 0 && c is '.' or ')');
            if (atStart || c is '\\' or '`' or '*' or '_' or '{' or '}' or '[' or ']' or '(' or ')' or '<' or '>' or '#' or '|' or '~' or '&' or '!' or '$')
            {
                sb.Append('\\');
            }

            sb.Append(c);
        }

        return sb.ToString();
    }
}
