using System.Globalization;
using System.Text;

namespace CollabBot.Core.Authors;

/// <summary>One row per person (RFC 4180: CRLF line ends, fields with a comma, quote or line break quoted, quotes doubled).</summary>
public static class CsvFormat
{
    public static readonly IReadOnlyList<string> Header = ["order", "given", "family", "particle", "orcid", "affiliations", "roles"];

    public static string Csv(AuthorList list)
    {
        var sb = new StringBuilder();
        AppendRow(sb, Header);
        foreach (var author in list.Authors)
        {
            AppendRow(sb,
            [
                author.Position.ToString(CultureInfo.InvariantCulture),
                author.Given ?? "",
                author.Family,
                author.Particle ?? "",
                author.Orcid ?? "",
                string.Join("; ", AuthorFormats.AffiliationTexts(list, author)),
                AuthorFormats.RolesText(author.Roles, "; "),
            ]);
        }

        return sb.ToString();
    }

    public static string Field(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;

    private static void AppendRow(StringBuilder sb, IReadOnlyList<string> fields)
    {
        for (var i = 0; i < fields.Count; i++)
        {
            if (i > 0)
            {
                sb.Append(',');
            }

            sb.Append(Field(fields[i]));
        }

        sb.Append("\r\n");
    }
}
