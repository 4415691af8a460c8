using System.Globalization;
using CollabBot.Core.Formats;

namespace CollabBot.Core.Authors;

/// <summary>
/// One row per person: order, names, ORCID, roles, then one column per affiliation (as many as the person with
/// the most has), so that an affiliation with a comma or semicolon in it reads back exactly. Written by
/// <see cref="SafeCsv"/>: RFC 4180, and no cell can start a spreadsheet formula.
/// </summary>
public static class CsvFormat
{
    public static readonly IReadOnlyList<string> FixedColumns = ["order", "given", "family", "particle", "orcid", "roles"];

    /// <summary>The header for a list whose most-affiliated author has <paramref name="affiliations"/> (at least one column).</summary>
    public static IReadOnlyList<string> Header(int affiliations) =>
        [.. FixedColumns, .. Enumerable.Range(1, Math.Max(1, affiliations)).Select(n => "affiliation_" + n.ToString(CultureInfo.InvariantCulture))];

    public static string Csv(AuthorList list)
    {
        var header = Header(list.Authors.Select(a => a.Affiliations.Count).DefaultIfEmpty(0).Max());
        var rows = list.Authors.Select(author =>
        {
            var affiliations = AuthorFormats.AffiliationTexts(list, author).ToList();
            IReadOnlyList<string?> row =
            [
                author.Position.ToString(CultureInfo.InvariantCulture),
                author.Given,
                author.Family,
                author.Particle,
                author.Orcid,
                AuthorFormats.RolesText(author.Roles, "; "),
                .. Enumerable.Range(0, header.Count - FixedColumns.Count).Select(i => i < affiliations.Count ? affiliations[i] : ""),
            ];
            return row;
        });
        return SafeCsv.Write(header, rows);
    }
}
