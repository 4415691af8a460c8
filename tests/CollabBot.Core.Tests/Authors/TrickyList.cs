using CollabBot.Core.Authors;
using CollabBot.Core.Domain;

namespace CollabBot.Core.Tests.Authors;

/// <summary>
/// An author list built to break formats: accents, a particle, a one-word name, shared and multiple
/// affiliations, and every LaTeX special character in names, affiliations and the title.
/// </summary>
internal static class TrickyList
{
    public const string Title = "Tricky & 100% _done_ #1 {x} \\ $5 ~^ \"quoted\" <b>";
    public const string NastyGiven = "Ann_Marie #1";
    public const string NastyFamily = "O'Neil {x} \\ $y$ ~^ & 50%";
    public const string NastyAffiliation = "Lab_{A} & Co. #2 <x> \"q\"";
    public const string Orcid = "0000-0002-1825-0097";

    public static AuthorList Build(AuthorListOptions? options = null, ProjectKind kind = ProjectKind.Dataset) =>
        AuthorList.Build(
            new ProjectInfo("tricky-list", Title, kind, "jet-tagging", "Jet Tagging & Friends") { Url = "https://bot.example/projects/tricky-list" },
            Contributors,
            options ?? new AuthorListOptions(),
            new DateOnly(2026, 11, 25));

    public static IReadOnlyList<Contributor> Contributors { get; } =
    [
        Person(1, "Zoë", null, "Ångström", Orcid, ["CERN", "University of Uppsala"], (CreditRole.Conceptualization, ContributionDegree.Lead), (CreditRole.Software, ContributionDegree.Supporting)),
        Person(2, "Jonas", "van der", "Berg", null, ["Nikhef"], (CreditRole.WritingOriginalDraft, ContributionDegree.Equal)),
        Person(3, null, null, "Sami", null, ["CERN"], (CreditRole.Visualization, ContributionDegree.Supporting)),
        Person(4, NastyGiven, null, NastyFamily, null, [NastyAffiliation, "CERN"], (CreditRole.WritingReviewEditing, ContributionDegree.Equal), (CreditRole.DataCuration, ContributionDegree.Lead), (CreditRole.Software, ContributionDegree.Equal)),
        Person(5, "Émile", null, "Zola", null, [], (CreditRole.Validation, ContributionDegree.Supporting)),
        Person(6, "Anna", null, "Abel", null, ["University of Uppsala"], (CreditRole.Investigation, ContributionDegree.Equal), (CreditRole.Investigation, ContributionDegree.Lead)),
        Person(7, "Jan", null, "Müller", null, ["DESY"], (CreditRole.Resources, ContributionDegree.Equal)),
        Person(8, "Jan", null, "Muller", null, ["DESY"], (CreditRole.Resources, ContributionDegree.Equal)),
    ];

    private static Contributor Person(int id, string? given, string? particle, string family, string? orcid, string[] affiliations, params (CreditRole Role, ContributionDegree Degree)[] roles) =>
        new(id, $"{given} {family}".Trim(), given, family, particle, null, orcid, affiliations, false, [.. roles.Select(r => new RoleDegree(r.Role, r.Degree))]);
}
