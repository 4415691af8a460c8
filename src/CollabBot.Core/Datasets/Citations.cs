using System.Globalization;
using System.Text;
using CollabBot.Core.Data;
using CollabBot.Core.Domain;
using Microsoft.EntityFrameworkCore;

namespace CollabBot.Core.Datasets;

public sealed record CitationAuthor(string DisplayName, string? Given, string? Family, string? Particle, string? Orcid, string? Affiliation);

/// <summary>Everything a citation of one dataset version needs; <see cref="Version"/> is null when no version is recorded.</summary>
public sealed record CitationInput(
    string Slug,
    string Title,
    string GroupName,
    IReadOnlyList<CitationAuthor> Authors,
    string? Version,
    string? Doi,
    string? Url,
    string? ReleasedOn,
    int Year,
    string? License,
    string? Repository);

/// <summary>Where a citation's authors came from, said in the reply so nobody mistakes a stand-in for an author list.</summary>
public sealed record CitationAuthors(IReadOnlyList<CitationAuthor> Authors, string Source)
{
    /// <summary>
    /// The group's <c>dataset-team</c> members, else its conveners. There is no project table yet to hold the dataset's
    /// contributions; when there is, a dataset project's confirmed contributions come first and this stays the fallback.
    /// </summary>
    public static async Task<CitationAuthors> ForAsync(CollabBotDbContext db, Dataset dataset, CancellationToken cancellationToken)
    {
        var members = await db.Memberships.AsNoTracking()
            .Where(m => m.GroupId == dataset.GroupId && m.EndedAt == null)
            .Select(m => new { m.Person, m.Role, m.Tags })
            .ToListAsync(cancellationToken);
        var team = members.Where(m => m.Tags.Contains("dataset-team")).Select(m => m.Person).ToList();
        var source = $"Authors: the dataset-team members of {dataset.Group.Slug} (no project records contributions to this dataset yet).";
        if (team.Count == 0)
        {
            team = [.. members.Where(m => m.Role == MemberRole.Convener).Select(m => m.Person)];
            source = $"Authors: the conveners of {dataset.Group.Slug}, as the group has no dataset-team members and no project records contributions to this dataset yet.";
        }

        var authors = team
            .OrderBy(p => p.FamilyName ?? p.DisplayName, StringComparer.CurrentCulture)
            .ThenBy(p => p.GivenName, StringComparer.CurrentCulture)
            .Select(p => new CitationAuthor(p.DisplayName, p.GivenName, p.FamilyName, p.NameParticle, p.Orcid, p.Affiliations.FirstOrDefault()))
            .ToList();
        return new CitationAuthors(authors, authors.Count == 0 ? $"No authors: {dataset.Group.Slug} has no dataset-team members or conveners; the group is named instead." : source);
    }
}

/// <summary>A dataset version as BibTeX, as a sentence, and as CITATION.cff: pure functions of <see cref="CitationInput"/>.</summary>
public static class Citations
{
    public static string Link(CitationInput c) => c.Doi is not null ? "https://doi.org/" + c.Doi : c.Url ?? (c.Repository is null ? "" : "https://github.com/" + c.Repository);

    /// <summary>A <c>@misc</c> entry that <c>bibtex</c> reads whole whatever the title or names hold (see <see cref="Formats.BibTeX"/>).</summary>
    public static string BibTeX(CitationInput c) => Formats.BibTeX.Entry("misc", Key(c),
    [
        ("author", c.Authors.Count > 0 ? string.Join(" and ", c.Authors.Select(a => Formats.BibTeX.Name(a.Given, a.Particle, a.Family, a.DisplayName))) : "{" + Formats.BibTeX.Text(c.GroupName) + "}"),

        // Braced twice so styles keep the title's capitals.
        ("title", "{" + Formats.BibTeX.Text(c.Title) + "}"),
        ("year", c.Year.ToString(CultureInfo.InvariantCulture)),
        ("version", c.Version is null ? null : Formats.BibTeX.Text(c.Version)),
        ("doi", c.Doi is null ? null : Formats.BibTeX.Verbatim(c.Doi)),
        ("url", Link(c) is { Length: > 0 } url ? Formats.BibTeX.Verbatim(url) : null),
        ("note", c.License is null ? "Dataset" : "Dataset, licence " + Formats.BibTeX.Text(c.License)),
    ]);

    /// <summary>"Okafor, A., &amp; Berg, J. van der (2026). Title (Version 1.2.0) [Data set]. https://doi.org/…"</summary>
    public static string Text(CitationInput c)
    {
        var names = c.Authors.Select(TextName).ToList();
        var authors = names.Count switch
        {
            0 => c.GroupName,
            1 => names[0],
            _ => string.Join(", ", names.Take(names.Count - 1)) + ", & " + names[^1],
        };
        var version = c.Version is null ? "" : $" (Version {c.Version})";
        var link = Link(c);
        return $"{authors} ({c.Year}). {c.Title}{version} [Data set]." + (link.Length > 0 ? " " + link : "");
    }

    /// <summary>CITATION.cff 1.2.0 (type: dataset); every string quoted so YAML reads it back exactly.</summary>
    public static string Cff(CitationInput c)
    {
        var sb = new StringBuilder();
        sb.Append("cff-version: 1.2.0\n");
        sb.Append("message: \"If you use this dataset, please cite it as below.\"\n");
        sb.Append("type: dataset\n");
        sb.Append("title: ").Append(Q(c.Title)).Append('\n');
        if (c.Version is not null)
        {
            sb.Append("version: ").Append(Q(c.Version)).Append('\n');
        }

        if (c.Doi is not null)
        {
            sb.Append("doi: ").Append(Q(c.Doi)).Append('\n');
        }

        if (c.ReleasedOn is not null)
        {
            sb.Append("date-released: ").Append(c.ReleasedOn).Append('\n');
        }

        if (c.Url is not null)
        {
            sb.Append("url: ").Append(Q(c.Url)).Append('\n');
        }

        if (c.Repository is not null)
        {
            sb.Append("repository: ").Append(Q("https://github.com/" + c.Repository)).Append('\n');
        }

        if (c.License is not null)
        {
            sb.Append("license: ").Append(Q(c.License)).Append('\n');
        }

        sb.Append("authors:\n");
        if (c.Authors.Count == 0)
        {
            sb.Append("  - name: ").Append(Q(c.GroupName)).Append('\n');
        }

        foreach (var a in c.Authors)
        {
            if (a.Family is null)
            {
                sb.Append("  - name: ").Append(Q(a.DisplayName)).Append('\n');
            }
            else
            {
                sb.Append("  - family-names: ").Append(Q(a.Family)).Append('\n');
                if (a.Given is not null)
                {
                    sb.Append("    given-names: ").Append(Q(a.Given)).Append('\n');
                }

                if (a.Particle is not null)
                {
                    sb.Append("    name-particle: ").Append(Q(a.Particle)).Append('\n');
                }
            }

            if (a.Orcid is not null)
            {
                sb.Append("    orcid: ").Append(Q("https://orcid.org/" + a.Orcid)).Append('\n');
            }

            if (a.Affiliation is not null)
            {
                sb.Append("    affiliation: ").Append(Q(a.Affiliation)).Append('\n');
            }
        }

        return sb.ToString();
    }

    /// <summary><c>jetclass-v1.2.0</c>: letters, digits and <c>-_.:</c> only, as BibTeX keys allow.</summary>
    public static string Key(CitationInput c) => Formats.BibTeX.Key(c.Version is null ? c.Slug : $"{c.Slug}-v{c.Version}");

    private static string TextName(CitationAuthor a)
    {
        if (a.Family is null)
        {
            return a.DisplayName;
        }

        var initials = a.Given is null ? "" : ", " + string.Join(" ", a.Given.Split([' ', '-'], StringSplitOptions.RemoveEmptyEntries).Select(g => char.ToUpperInvariant(g[0]) + "."));
        return a.Family + initials + (a.Particle is null ? "" : " " + a.Particle);
    }

    /// <summary>A YAML double-quoted scalar.</summary>
    public static string Q(string text)
    {
        var sb = new StringBuilder("\"");
        foreach (var ch in text)
        {
            switch (ch)
            {
                case '"':
                    sb.Append("\\\"");
                    break;
                case '\\':
                    sb.Append(@"\\");
                    break;
                case '\n':
                    sb.Append(@"\n");
                    break;
                case '\t':
                    sb.Append(@"\t");
                    break;
                default:
                    if (char.IsControl(ch))
                    {
                        sb.Append(CultureInfo.InvariantCulture, $"\\u{(int)ch:x4}");
                    }
                    else
                    {
                        sb.Append(ch);
                    }

                    break;
            }
        }

        return sb.Append('"').ToString();
    }
}
