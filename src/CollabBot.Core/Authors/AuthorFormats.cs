using CollabBot.Core.Domain;

namespace CollabBot.Core.Authors;

public enum AuthorFormat
{
    Text,
    Markdown,
    Latex,
    Revtex,
    Inspire,
    Cff,
    Zenodo,
    Csv,
    Json,
    Credit,
}

/// <summary>A rendered author list and what a person should know about it (a mononym used as a family name, …).</summary>
public sealed record RenderedAuthors(AuthorFormat Format, string Content, IReadOnlyList<string> Warnings);

/// <summary>The formats of authorship.md: their names, file extensions, media types, and one pure renderer each.</summary>
public static class AuthorFormats
{
    public sealed record FormatInfo(
        AuthorFormat Format,
        string Name,
        string Extension,
        string ContentType,
        string Description,
        bool NeedsTwoNameParts);

    public static readonly IReadOnlyList<FormatInfo> All =
    [
        new(AuthorFormat.Text, "text", "txt", "text/plain; charset=utf-8", "Plain text with numbered affiliations", false),
        new(AuthorFormat.Markdown, "markdown", "md", "text/markdown; charset=utf-8", "Markdown with ORCID links", false),
        new(AuthorFormat.Latex, "latex", "tex", "application/x-tex; charset=utf-8", "LaTeX with authblk", false),
        new(AuthorFormat.Revtex, "revtex", "revtex.tex", "application/x-tex; charset=utf-8", "LaTeX for REVTeX 4.2", false),
        new(AuthorFormat.Inspire, "inspire", "xml", "application/xml; charset=utf-8", "authors.xml for INSPIRE and arXiv", true),
        new(AuthorFormat.Cff, "cff", "cff", "application/yaml; charset=utf-8", "CITATION.cff (Citation File Format 1.2.0)", true),
        new(AuthorFormat.Zenodo, "zenodo", "zenodo.json", "application/json; charset=utf-8", ".zenodo.json deposit metadata", true),
        new(AuthorFormat.Csv, "csv", "csv", "text/csv; charset=utf-8; header=present", "CSV, one row per person", true),
        new(AuthorFormat.Json, "json", "json", "application/json; charset=utf-8", "JSON with people, affiliations and contributions", true),
        new(AuthorFormat.Credit, "credit", "credit.txt", "text/plain; charset=utf-8", "CRediT contribution statement", false),
    ];

    public static FormatInfo Info(AuthorFormat format) => All[(int)format];

    public static FormatInfo? ByName(string? name) =>
        All.FirstOrDefault(f => string.Equals(f.Name, name?.Trim(), StringComparison.OrdinalIgnoreCase));

    public static FormatInfo? ByExtension(string? extension) =>
        All.FirstOrDefault(f => string.Equals(f.Extension, extension?.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>The name a download is saved under: the file each tool expects where there is one (CITATION.cff, .zenodo.json, authors.xml).</summary>
    public static string FileName(AuthorFormat format, string projectSlug) => format switch
    {
        AuthorFormat.Cff => "CITATION.cff",
        AuthorFormat.Zenodo => ".zenodo.json",
        AuthorFormat.Inspire => "authors.xml",
        AuthorFormat.Credit => $"{projectSlug}-contributions.txt",
        _ => $"{projectSlug}-authors.{Info(format).Extension}",
    };

    public static RenderedAuthors Render(AuthorFormat format, AuthorList list)
    {
        var content = format switch
        {
            AuthorFormat.Text => TextFormats.Text(list),
            AuthorFormat.Markdown => TextFormats.Markdown(list),
            AuthorFormat.Latex => LatexFormats.Authblk(list),
            AuthorFormat.Revtex => LatexFormats.Revtex(list),
            AuthorFormat.Inspire => InspireFormat.AuthorsXml(list),
            AuthorFormat.Cff => CffFormat.CitationCff(list),
            AuthorFormat.Zenodo => JsonFormats.Zenodo(list),
            AuthorFormat.Csv => CsvFormat.Csv(list),
            AuthorFormat.Json => JsonFormats.Json(list),
            AuthorFormat.Credit => TextFormats.Credit(list),
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, null),
        };
        return new RenderedAuthors(format, content, Warnings(format, list));
    }

    /// <summary>What the list cannot say by itself: single names used as family names, names guessed from a display name.</summary>
    public static IReadOnlyList<string> Warnings(AuthorFormat format, AuthorList list)
    {
        var warnings = new List<string>();
        var info = Info(format);
        if (info.NeedsTwoNameParts)
        {
            var mononyms = list.Authors.Where(a => a.IsMononym).Select(a => a.Family).ToList();
            if (mononyms.Count > 0)
            {
                warnings.Add($"{Names(mononyms)} {(mononyms.Count == 1 ? "has a single name; it is" : "have a single name; each is")} given as the family name in {info.Name}, which expects given and family names.");
            }
        }

        var guessed = list.Authors.Where(a => a.NameFromDisplayName).Select(a => a.FullName).ToList();
        if (guessed.Count > 0)
        {
            warnings.Add($"{Names(guessed)} {(guessed.Count == 1 ? "has" : "have")} not set given and family names, so they were taken from the display name; /profile set --name \"Given Family\" fixes that.");
        }

        if (format == AuthorFormat.Cff)
        {
            var duplicates = list.Authors.GroupBy(a => (a.Given, a.Particle, a.Family, a.Suffix, a.Orcid, Affiliations: string.Join(';', a.Affiliations)))
                .Where(g => g.Count() > 1).Select(g => g.First().FullName).ToList();
            if (duplicates.Count > 0)
            {
                warnings.Add($"{Names(duplicates)} appear{(duplicates.Count == 1 ? "s" : "")} more than once with identical details; CITATION.cff needs each author entry to differ (an ORCID or affiliation tells them apart).");
            }
        }

        return warnings;
    }

    public static string DegreeName(ContributionDegree degree) => CreditTaxonomy.DegreeName(degree);

    /// <summary>"Conceptualization (lead), Software (supporting)".</summary>
    public static string RolesText(IEnumerable<RoleDegree> roles, string separator = ", ") =>
        string.Join(separator, roles.Select(r => $"{CreditTaxonomy.Name(r.Role)} ({DegreeName(r.Degree)})"));

    /// <summary>Affiliation texts of an author, in their order.</summary>
    public static IEnumerable<string> AffiliationTexts(AuthorList list, Author author) => author.Affiliations.Select(n => list.Affiliations[n - 1]);

    private static string Names(IReadOnlyList<string> names) =>
        names.Count <= 5 ? string.Join(", ", names) : $"{string.Join(", ", names.Take(5))} and {names.Count - 5} more";
}
