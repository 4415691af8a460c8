using System.Globalization;
using System.Text;
using CollabBot.Core.Domain;

namespace CollabBot.Core.Authors;

/// <summary>
/// <c>CITATION.cff</c>, Citation File Format 1.2.0. Every string is a YAML double-quoted scalar with its
/// escapes, so no name or title can change the document's structure (a colon, a quote, a leading <c>*</c>).
/// </summary>
public static class CffFormat
{
    public static string CitationCff(AuthorList list)
    {
        var project = list.Project;
        var what = project.Kind switch
        {
            ProjectKind.Dataset => "dataset",
            ProjectKind.Software => "software",
            _ => "work",
        };
        var sb = new StringBuilder();
        sb.Append("# CITATION.cff for ").Append(project.Slug).Append(", from confirmed contributions (CollabBot).\n");
        sb.Append("cff-version: 1.2.0\n");
        sb.Append("message: ").Append(Quote($"If you use this {what}, please cite it using these metadata.")).Append('\n');
        sb.Append("title: ").Append(Quote(project.Title)).Append('\n');

        // CFF knows two types; a paper or note is left to the default rather than called something it is not.
        if (project.Kind is ProjectKind.Dataset or ProjectKind.Software)
        {
            sb.Append("type: ").Append(what).Append('\n');
        }

        sb.Append("authors:");
        if (list.Authors.Count == 0)
        {
            sb.Append(" []");
        }

        sb.Append('\n');
        foreach (var author in list.Authors)
        {
            var first = true;
            void Field(string key, string? value)
            {
                if (value is null)
                {
                    return;
                }

                sb.Append(first ? "  - " : "    ").Append(key).Append(": ").Append(Quote(value)).Append('\n');
                first = false;
            }

            Field("family-names", author.Family);
            Field("given-names", author.Given);
            Field("name-particle", author.Particle);
            Field("name-suffix", author.Suffix);
            Field("affiliation", author.Affiliations.Count == 0 ? null : string.Join("; ", AuthorFormats.AffiliationTexts(list, author)));
            Field("orcid", author.OrcidUrl);
        }

        if (project.Version is { } version)
        {
            sb.Append("version: ").Append(Quote(version)).Append('\n');
        }

        if (project.Doi is { } doi)
        {
            sb.Append("doi: ").Append(Quote(doi)).Append('\n');
        }

        if (project.License is { } license)
        {
            sb.Append("license: ").Append(Quote(license)).Append('\n');
        }

        if (project.DateReleased is { } released)
        {
            sb.Append("date-released: ").Append(Quote(released.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))).Append('\n');
        }

        if (project.Url is { } url)
        {
            sb.Append("url: ").Append(Quote(url)).Append('\n');
        }

        return sb.ToString();
    }

    /// <summary>A YAML double-quoted scalar: backslash, quote and every non-printable character escaped; other Unicode kept.</summary>
    public static string Quote(string text)
    {
        var sb = new StringBuilder(text.Length + 2).Append('"');
        foreach (var c in text)
        {
            switch (c)
            {
                case '"':
                    sb.Append("\\\"");
                    break;
                case '\\':
                    sb.Append("\\\\");
                    break;
                case '\t':
                    sb.Append("\\t");
                    break;
                case '\n':
                    sb.Append("\\n");
                    break;
                case '\r':
                    sb.Append("\\r");
                    break;
                case '\u0085':
                    sb.Append("\\N");
                    break;
                case '\u2028':
                    sb.Append("\\L");
                    break;
                case '\u2029':
                    sb.Append("\\P");
                    break;
                case var _ when char.IsControl(c) || c is '\uFEFF' or '\uFFFE' or '\uFFFF':
                    sb.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                    break;
                default:
                    sb.Append(c);
                    break;
            }
        }

        return sb.Append('"').ToString();
    }
}
