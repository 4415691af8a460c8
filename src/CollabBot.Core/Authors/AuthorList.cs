using System.Globalization;
using System.Text;
using CollabBot.Core.Domain;
using CollabBot.Core.Values;

namespace CollabBot.Core.Authors;

public enum AuthorOrder
{
    /// <summary>By family name, then given names (as large physics collaborations do).</summary>
    Alpha,

    /// <summary>Lead roles first, then equal, then supporting; within a tier by number of roles, then alphabetically.</summary>
    Contribution,
}

public sealed record AuthorListOptions(AuthorOrder Order = AuthorOrder.Alpha, ContributionDegree? MinDegree = null);

/// <summary>What a project is, as the formats need it; the citation fields are filled where known (a dataset version, a release).</summary>
public sealed record ProjectInfo(string Slug, string Title, ProjectKind Kind, string GroupSlug, string GroupName)
{
    public string? Version { get; init; }
    public string? Doi { get; init; }
    public string? License { get; init; }
    public DateOnly? DateReleased { get; init; }

    /// <summary>The project's page on the dashboard, used as the publication reference where a format wants one.</summary>
    public string? Url { get; init; }
}

public sealed record RoleDegree(CreditRole Role, ContributionDegree Degree);

/// <summary>A person with confirmed contributions, as loaded from the database, before ordering.</summary>
public sealed record Contributor(
    int PersonId,
    string DisplayName,
    string? GivenName,
    string? FamilyName,
    string? NameParticle,
    string? Suffix,
    string? Orcid,
    IReadOnlyList<string> Affiliations,
    bool SortOnParticle,
    IReadOnlyList<RoleDegree> Contributions);

/// <summary>
/// One author in the final list. <see cref="Given"/> is null for a mononym, whose single name is
/// <see cref="Family"/>; <see cref="Particle"/> is printed but (unless the person asked) not sorted on.
/// </summary>
public sealed record Author(
    int Position,
    int PersonId,
    string? Given,
    string? Particle,
    string Family,
    string? Suffix,
    string? Orcid,
    IReadOnlyList<int> Affiliations,
    IReadOnlyList<RoleDegree> Roles,
    bool NameFromDisplayName)
{
    public bool IsMononym => Given is null;

    public ContributionDegree BestDegree => Roles.Min(r => r.Degree);

    /// <summary>"van der Berg": the family name as printed, with its particle.</summary>
    public string FamilyWithParticle => Particle is null ? Family : $"{Particle} {Family}";

    /// <summary>"Jonas van der Berg", "Sami".</summary>
    public string FullName => Join(Given, Particle, Family, Suffix);

    /// <summary>"J. van der Berg", "F. Z. El Idrissi", "J.-P. Dupont".</summary>
    public string InitialsName => Join(Initials(Given), Particle, Family, Suffix);

    public string? GivenInitials => Initials(Given);

    public string? OrcidUrl => Orcid is null ? null : Values.Orcid.Url(Orcid);

    private static string Join(params string?[] parts) => string.Join(' ', parts.Where(p => !string.IsNullOrEmpty(p)));

    /// <summary>Initials of given names, keeping hyphens (Jean-Pierre → J.-P.) and whole grapheme clusters (accents, surrogates).</summary>
    public static string? Initials(string? given)
    {
        if (string.IsNullOrWhiteSpace(given))
        {
            return null;
        }

        var words = given.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return string.Join(' ', words.Select(word => string.Join('-', word.Split('-', StringSplitOptions.RemoveEmptyEntries).Select(part =>
        {
            var first = StringInfo.GetNextTextElement(part);
            return part.Length > first.Length && part.EndsWith('.') && part.Length <= 3 ? part : first + ".";
        }))));
    }
}

/// <summary>
/// An author list: confirmed contributions only, one entry per person, ordered, filtered by minimum
/// degree, with affiliations de-duplicated by exact text and numbered in order of first appearance.
/// Every format is a pure function of this.
/// </summary>
public sealed record AuthorList(
    ProjectInfo Project,
    AuthorListOptions Options,
    IReadOnlyList<Author> Authors,
    IReadOnlyList<string> Affiliations,
    DateOnly GeneratedOn)
{
    /// <summary>Culture-aware collation (the root locale, so no language's rules are privileged): accents and case ignored first, then used to break ties.</summary>
    private static readonly CompareInfo Collation = CultureInfo.InvariantCulture.CompareInfo;

    private const CompareOptions Primary = CompareOptions.IgnoreCase | CompareOptions.IgnoreNonSpace | CompareOptions.IgnoreKanaType | CompareOptions.IgnoreWidth;

    public bool IsEmpty => Authors.Count == 0;

    public static AuthorList Build(ProjectInfo project, IEnumerable<Contributor> contributors, AuthorListOptions options, DateOnly generatedOn)
    {
        var candidates = new List<Candidate>();
        foreach (var c in contributors)
        {
            var roles = c.Contributions
                .GroupBy(r => r.Role)
                .Select(g => new RoleDegree(g.Key, g.Min(r => r.Degree)))
                .OrderBy(r => r.Role)
                .ToList();
            if (roles.Count == 0)
            {
                continue;
            }

            var best = roles.Min(r => r.Degree);
            if (options.MinDegree is { } min && best > min)
            {
                continue;
            }

            candidates.Add(Candidate.From(c, roles, best));
        }

        IComparer<Candidate> alpha = Comparer<Candidate>.Create(CompareAlpha);
        var ordered = options.Order == AuthorOrder.Contribution
            ? candidates.OrderBy(c => c.Best).ThenByDescending(c => c.Roles.Count).ThenBy(c => c, alpha)
            : candidates.OrderBy(c => c, alpha);

        var affiliationNumbers = new Dictionary<string, int>(StringComparer.Ordinal);
        var affiliations = new List<string>();
        var authors = new List<Author>(candidates.Count);
        foreach (var c in ordered)
        {
            var numbers = new List<int>();
            foreach (var text in c.Affiliations)
            {
                if (!affiliationNumbers.TryGetValue(text, out var number))
                {
                    affiliations.Add(text);
                    number = affiliations.Count;
                    affiliationNumbers[text] = number;
                }

                if (!numbers.Contains(number))
                {
                    numbers.Add(number);
                }
            }

            authors.Add(new Author(authors.Count + 1, c.PersonId, c.Given, c.Particle, c.Family, c.Suffix, c.Orcid, numbers, c.Roles, c.FromDisplayName));
        }

        return new AuthorList(project, options, authors, affiliations, generatedOn);
    }

    private static int CompareAlpha(Candidate? a, Candidate? b)
    {
        if (ReferenceEquals(a, b))
        {
            return 0;
        }

        if (a is null || b is null)
        {
            return a is null ? -1 : 1;
        }

        var c = SortKey.Compare(a.FamilyPrimary, b.FamilyPrimary);
        if (c == 0)
        {
            c = SortKey.Compare(a.GivenPrimary, b.GivenPrimary);
        }

        // Ties at the primary level are rare, so the accent-sensitive comparison is made only for them.
        if (c == 0)
        {
            c = Collation.Compare(a.SortFamily, b.SortFamily, CompareOptions.None);
        }

        if (c == 0)
        {
            c = Collation.Compare(a.SortGiven, b.SortGiven, CompareOptions.None);
        }

        // Same name to the accent: keep the order stable and reproducible.
        return c != 0 ? c : a.PersonId.CompareTo(b.PersonId);
    }

    /// <summary>Control characters (newlines typed into a profile) would break every format; they become spaces.</summary>
    internal static string? Clean(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var sb = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var ch = text[i];
            if (char.IsHighSurrogate(ch) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                sb.Append(ch).Append(text[++i]);
                continue;
            }

            // Lone surrogates cannot be encoded in UTF-8 or XML; line and paragraph separators end YAML lines.
            var unsafeChar = char.IsControl(ch) || char.IsSurrogate(ch) || ch is '\u2028' or '\u2029' or '\uFEFF' or '\uFFFE' or '\uFFFF';
            sb.Append(unsafeChar ? ' ' : ch);
        }

        var cleaned = string.Join(' ', sb.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries));
        return cleaned.Length == 0 ? null : cleaned;
    }

    private sealed record Candidate(
        int PersonId,
        string? Given,
        string? Particle,
        string Family,
        string? Suffix,
        string? Orcid,
        IReadOnlyList<string> Affiliations,
        IReadOnlyList<RoleDegree> Roles,
        ContributionDegree Best,
        bool FromDisplayName,
        string SortFamily,
        string SortGiven,
        SortKey FamilyPrimary,
        SortKey GivenPrimary)
    {
        public static Candidate From(Contributor c, IReadOnlyList<RoleDegree> roles, ContributionDegree best)
        {
            var given = Clean(c.GivenName);
            var family = Clean(c.FamilyName);
            var particle = Clean(c.NameParticle);
            var fromDisplay = false;
            if (family is null && given is null)
            {
                // No names set (someone mentioned before they used the bot): split what the platform showed.
                var split = PersonName.Split(Clean(c.DisplayName) ?? "?");
                (given, particle, family) = (Clean(split.Given), Clean(split.Particle), Clean(split.Family) ?? "?");
                fromDisplay = true;
            }
            else if (family is null)
            {
                (family, given) = (given, null);
            }

            var sortFamily = c.SortOnParticle && particle is not null ? $"{particle} {family}" : family!;
            var sortGiven = given ?? "";
            var affiliations = c.Affiliations.Select(Clean).OfType<string>().ToList();
            return new Candidate(
                c.PersonId, given, particle, family!, Clean(c.Suffix), c.Orcid, affiliations, roles, best, fromDisplay,
                sortFamily, sortGiven, Collation.GetSortKey(sortFamily, Primary), Collation.GetSortKey(sortGiven, Primary));
        }
    }
}
