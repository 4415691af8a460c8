using System.Globalization;
using System.Text;

namespace CollabBot.Core.Authors;

/// <summary>
/// LaTeX author lists: authblk (<c>\author[1,2]{…}</c>, <c>\affil[1]{…}</c>) and REVTeX 4.2 (<c>\author{…}</c>
/// followed by its <c>\affiliation{…}</c> lines). Every special character is escaped; Unicode stays as it is,
/// for UTF-8 input (the LaTeX default since 2018, and XeLaTeX/LuaLaTeX).
/// </summary>
public static class LatexFormats
{
    public static string Authblk(AuthorList list)
    {
        var sb = new StringBuilder();
        sb.Append("% Authors of ").Append(list.Project.Slug).Append(", from confirmed contributions (CollabBot).\n");
        sb.Append("% Needs \\usepackage{authblk} and UTF-8 input. ORCID iDs are in comments.\n");
        foreach (var author in list.Authors)
        {
            sb.Append("\\author");
            if (author.Affiliations.Count > 0)
            {
                sb.Append('[').Append(string.Join(',', author.Affiliations.Select(n => n.ToString(CultureInfo.InvariantCulture)))).Append(']');
            }

            sb.Append('{').Append(Escape(author.FullName)).Append('}');
            AppendOrcidComment(sb, author);
            sb.Append('\n');
        }

        for (var i = 0; i < list.Affiliations.Count; i++)
        {
            sb.Append("\\affil[").Append((i + 1).ToString(CultureInfo.InvariantCulture)).Append("]{").Append(Escape(list.Affiliations[i])).Append("}\n");
        }

        return sb.ToString();
    }

    /// <summary>REVTeX groups authors that share affiliations itself; an author without one gets <c>\noaffiliation</c>.</summary>
    public static string Revtex(AuthorList list)
    {
        var sb = new StringBuilder();
        sb.Append("% Authors of ").Append(list.Project.Slug).Append(", from confirmed contributions (CollabBot).\n");
        sb.Append("% For \\documentclass{revtex4-2}, after \\title. ORCID iDs are in comments.\n");
        foreach (var author in list.Authors)
        {
            sb.Append("\\author{").Append(Escape(author.FullName)).Append('}');
            AppendOrcidComment(sb, author);
            sb.Append('\n');
            if (author.Affiliations.Count == 0)
            {
                sb.Append("\\noaffiliation\n");
            }

            foreach (var number in author.Affiliations)
            {
                sb.Append("\\affiliation{").Append(Escape(list.Affiliations[number - 1])).Append("}\n");
            }
        }

        return sb.ToString();
    }

    /// <summary>
    /// Escapes the ten LaTeX specials (<c>\ &amp; % $ # _ { } ~ ^</c>) in one pass, so the braces of
    /// <c>\textbackslash{}</c> are not escaped again; everything else, accents and scripts included, is kept.
    /// </summary>
    public static string Escape(string text)
    {
        var sb = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            sb.Append(c switch
            {
                '\\' => "\\textbackslash{}",
                '&' => "\\&",
                '%' => "\\%",
                '$' => "\\$",
                '#' => "\\#",
                '_' => "\\_",
                '{' => "\\{",
                '}' => "\\}",
                '~' => "\\textasciitilde{}",
                '^' => "\\textasciicircum{}",
                _ => c.ToString(),
            });
        }

        return sb.ToString();
    }

    private static void AppendOrcidComment(StringBuilder sb, Author author)
    {
        if (author.OrcidUrl is { } url)
        {
            sb.Append("% ORCID ").Append(url);
        }
    }
}
