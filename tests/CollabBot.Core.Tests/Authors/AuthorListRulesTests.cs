using CollabBot.Core.Authors;
using CollabBot.Core.Domain;

namespace CollabBot.Core.Tests.Authors;

public sealed class AuthorListRulesTests
{
    [Fact]
    public void Alpha_AccentsAndParticles_SortByFamilyNameCultureAware()
    {
        var list = TrickyList.Build();

        // Å sorts with A (not after Z), "van der Berg" under B, and Muller before Müller only as a tie-break.
        Assert.Equal(["Abel", "Ångström", "Berg", "Muller", "Müller", TrickyList.NastyFamily, "Sami", "Zola"], list.Authors.Select(a => a.Family));
    }

    [Fact]
    public void Alpha_PersonSortsOnParticle_SortsUnderParticle()
    {
        var contributors = TrickyList.Contributors.Select(c => c.FamilyName == "Berg" ? c with { SortOnParticle = true } : c);
        var list = AuthorList.Build(new ProjectInfo("p", "P", ProjectKind.Paper, "g", "G"), contributors, new AuthorListOptions(), new DateOnly(2026, 1, 1));

        // "van der Berg" now sorts under V: after Sami, before Zola.
        Assert.Equal(["Sami", "Berg", "Zola"], list.Authors.TakeLast(3).Select(a => a.Family));
    }

    [Fact]
    public void Contribution_Order_LeadThenEqualThenSupporting_MoreRolesFirst()
    {
        var list = TrickyList.Build(new AuthorListOptions(AuthorOrder.Contribution));

        // Lead: the nasty name (3 roles) before Ångström (2) and Abel (1); equal: Berg, Muller, Müller; supporting: Sami, Zola.
        Assert.Equal([TrickyList.NastyFamily, "Ångström", "Abel", "Berg", "Muller", "Müller", "Sami", "Zola"], list.Authors.Select(a => a.Family));
    }

    [Fact]
    public void MinDegree_Equal_DropsPeopleWhoseBestDegreeIsSupporting()
    {
        var list = TrickyList.Build(new AuthorListOptions(MinDegree: ContributionDegree.Equal));

        Assert.DoesNotContain(list.Authors, a => a.Family is "Sami" or "Zola");
        Assert.Contains(list.Authors, a => a.Family == "Ångström");
    }

    [Fact]
    public void Affiliations_SharedAndMultiple_NumberedByFirstAppearanceOnce()
    {
        var list = TrickyList.Build();

        Assert.Equal(["University of Uppsala", "CERN", "Nikhef", "DESY", TrickyList.NastyAffiliation], list.Affiliations);
        Assert.Equal([2, 1], list.Authors.Single(a => a.Family == "Ångström").Affiliations);
        Assert.Equal([5, 2], list.Authors.Single(a => a.Family == TrickyList.NastyFamily).Affiliations);
    }

    [Fact]
    public void Roles_SameRoleTwice_KeptOnceAtBestDegree()
    {
        var abel = TrickyList.Build().Authors.Single(a => a.Family == "Abel");

        Assert.Equal([new RoleDegree(CreditRole.Investigation, ContributionDegree.Lead)], abel.Roles);
    }

    [Fact]
    public void Names_Initials_KeepHyphensAndAccents()
    {
        Assert.Equal("J.-P.", Author.Initials("Jean-Pierre"));
        Assert.Equal("É. Z.", Author.Initials("Émile Zacharie"));
        Assert.Null(Author.Initials(null));
    }

    [Fact]
    public void Names_NoNamesSet_SplitFromDisplayNameWithWarning()
    {
        Contributor nameless = new(9, "Maria de la Rosa", null, null, null, null, null, [], false, [new RoleDegree(CreditRole.Software, ContributionDegree.Equal)]);
        var list = AuthorList.Build(new ProjectInfo("p", "P", ProjectKind.Paper, "g", "G"), [nameless], new AuthorListOptions(), new DateOnly(2026, 1, 1));

        var author = Assert.Single(list.Authors);
        Assert.Equal(("Maria", "de la", "Rosa"), (author.Given, author.Particle, author.Family));
        Assert.Contains(AuthorFormats.Warnings(AuthorFormat.Text, list), w => w.Contains("display name", StringComparison.Ordinal));
    }
}
