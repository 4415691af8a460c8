using System.Text;
using static CollabBot.Core.Values.Clipping;

namespace CollabBot.Core.Domain;

/// <summary>The 14 roles of the CRediT taxonomy (NISO Z39.104), in the standard's order.</summary>
public enum CreditRole
{
    Conceptualization,
    DataCuration,
    FormalAnalysis,
    FundingAcquisition,
    Investigation,
    Methodology,
    ProjectAdministration,
    Resources,
    Software,
    Supervision,
    Validation,
    Visualization,
    WritingOriginalDraft,
    WritingReviewEditing,
}

/// <summary>
/// Names, stable keys and meanings of the CRediT roles, and the parser for what people type. Names are
/// written exactly as authorship.md gives them (an en dash, U+2013, in the two writing roles).
/// </summary>
public static class CreditTaxonomy
{
    public sealed record RoleInfo(CreditRole Role, string Key, string Name, string Meaning);

    public static readonly IReadOnlyList<RoleInfo> Roles =
    [
        new(CreditRole.Conceptualization, "conceptualization", "Conceptualization", "Ideas; formulating or evolving the overarching research goals and aims."),
        new(CreditRole.DataCuration, "data-curation", "Data curation", "Annotating, cleaning and maintaining research data for use and re-use."),
        new(CreditRole.FormalAnalysis, "formal-analysis", "Formal analysis", "Statistical, mathematical, computational or other formal analysis of the data."),
        new(CreditRole.FundingAcquisition, "funding-acquisition", "Funding acquisition", "Acquiring the financial support for the project."),
        new(CreditRole.Investigation, "investigation", "Investigation", "Carrying out the research: experiments, data or evidence collection."),
        new(CreditRole.Methodology, "methodology", "Methodology", "Developing or designing methods; creating models."),
        new(CreditRole.ProjectAdministration, "project-administration", "Project administration", "Managing and coordinating the planning and execution of the research."),
        new(CreditRole.Resources, "resources", "Resources", "Providing materials, samples, instruments, computing resources or other tools."),
        new(CreditRole.Software, "software", "Software", "Programming and software development; implementing code and algorithms; testing."),
        new(CreditRole.Supervision, "supervision", "Supervision", "Oversight and leadership of the research, including mentorship."),
        new(CreditRole.Validation, "validation", "Validation", "Verifying that results and other outputs replicate and reproduce."),
        new(CreditRole.Visualization, "visualization", "Visualization", "Preparing the visualization and data presentation of the published work."),
        new(CreditRole.WritingOriginalDraft, "writing-original-draft", "Writing \u2013 original draft", "Writing the initial draft of the published work."),
        new(CreditRole.WritingReviewEditing, "writing-review-editing", "Writing \u2013 review & editing", "Critical review, commentary or revision of the work, before or after publication."),
    ];

    /// <summary>The short names commands.md allows besides the full ones.</summary>
    private static readonly IReadOnlyDictionary<string, CreditRole> ShortNames = new Dictionary<string, CreditRole>(StringComparer.Ordinal)
    {
        ["review"] = CreditRole.WritingReviewEditing,
        ["draft"] = CreditRole.WritingOriginalDraft,
        ["admin"] = CreditRole.ProjectAdministration,
    };

    private static readonly (RoleInfo Info, string Spaced, string Compact)[] Normalized =
        [.. Roles.Select(r => (r, Normalize(r.Name), Normalize(r.Name).Replace(" ", "", StringComparison.Ordinal)))];

    public static RoleInfo Info(CreditRole role) => Roles[(int)role];

    public static string Name(CreditRole role) => Info(role).Name;

    public static string Key(CreditRole role) => Info(role).Key;

    public static CreditRole? FromKey(string key) => Roles.FirstOrDefault(r => r.Key == key)?.Role;

    /// <summary>A stored key back to its role; an unknown key means the database was changed outside CollabBot.</summary>
    public static CreditRole ParseKey(string key) => FromKey(key) ?? throw new InvalidDataException($"Unknown CRediT role key '{key}' in the database");

    /// <summary>The valid ways to write a role, for error messages.</summary>
    public static string ValidList => string.Join(", ", Roles.Select(r => r.Key)) + " (or the short names review, draft, admin)";

    /// <summary>
    /// Reads a role as commands.md allows: any case; spaces, hyphens or underscores between words
    /// (<c>data curation</c>, <c>data-curation</c>, <c>Data_Curation</c>); a unique prefix (<c>writing-r…</c>);
    /// and the short names <c>review</c>, <c>draft</c>, <c>admin</c>. A wrong or ambiguous role gets a sentence listing the valid ones.
    /// </summary>
    public static bool TryParse(string? text, out CreditRole role, out string error)
    {
        role = default;
        var spaced = Normalize((text ?? "").Trim().TrimEnd('…', '.'));
        var compact = spaced.Replace(" ", "", StringComparison.Ordinal);
        var shown = Clip(text, 40);
        if (compact.Length == 0)
        {
            error = $"Give a CRediT role: {ValidList}.";
            return false;
        }

        if (ShortNames.TryGetValue(compact, out role))
        {
            error = "";
            return true;
        }

        var exact = Normalized.FirstOrDefault(n => n.Spaced == spaced || n.Compact == compact);
        if (exact.Info is not null)
        {
            role = exact.Info.Role;
            error = "";
            return true;
        }

        var matches = Normalized.Where(n => n.Spaced.StartsWith(spaced, StringComparison.Ordinal) || n.Compact.StartsWith(compact, StringComparison.Ordinal)).ToList();
        switch (matches.Count)
        {
            case 1:
                role = matches[0].Info.Role;
                error = "";
                return true;
            case 0:
                error = $"'{shown}' is not a CRediT role. Roles: {ValidList}.";
                return false;
            default:
                error = $"'{shown}' could be {string.Join(" or ", matches.Select(m => m.Info.Name))}; type a little more. Roles: {ValidList}.";
                return false;
        }
    }

    public static string DegreeName(ContributionDegree degree) => degree.ToString().ToLowerInvariant();

    /// <summary>Lower case; en and em dashes, ampersands, hyphens, underscores and spaces become single spaces; "and" and British -isation are folded.</summary>
    private static string Normalize(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text.ToLowerInvariant())
        {
            if (char.IsWhiteSpace(c) || c is '-' or '_' or '\u2013' or '\u2014' or '&' or '/' or ',')
            {
                if (sb.Length > 0 && sb[^1] != ' ')
                {
                    sb.Append(' ');
                }
            }
            else
            {
                sb.Append(c);
            }
        }

        var words = sb.ToString().Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(w => w != "and");
        return string.Join(' ', words).Replace("isation", "ization", StringComparison.Ordinal);
    }
}
