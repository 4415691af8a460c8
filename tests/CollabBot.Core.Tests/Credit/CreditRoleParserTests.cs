using CollabBot.Core.Domain;

namespace CollabBot.Core.Tests.Credit;

public sealed class CreditRoleParserTests
{
    [Theory]
    [InlineData("data curation", CreditRole.DataCuration)]
    [InlineData("data-curation", CreditRole.DataCuration)]
    [InlineData("Data_Curation", CreditRole.DataCuration)]
    [InlineData("DATA  CURATION", CreditRole.DataCuration)]
    [InlineData("datacuration", CreditRole.DataCuration)]
    [InlineData("writing-r", CreditRole.WritingReviewEditing)]
    [InlineData("writing-r…", CreditRole.WritingReviewEditing)]
    [InlineData("writing-o", CreditRole.WritingOriginalDraft)]
    [InlineData("Writing \u2013 review & editing", CreditRole.WritingReviewEditing)]
    [InlineData("writing review and editing", CreditRole.WritingReviewEditing)]
    [InlineData("review", CreditRole.WritingReviewEditing)]
    [InlineData("draft", CreditRole.WritingOriginalDraft)]
    [InlineData("admin", CreditRole.ProjectAdministration)]
    [InlineData("conceptualisation", CreditRole.Conceptualization)]
    [InlineData("soft", CreditRole.Software)]
    [InlineData("formal", CreditRole.FormalAnalysis)]
    [InlineData("Visualization", CreditRole.Visualization)]
    public void TryParse_AcceptedForms_GiveTheRole(string text, CreditRole expected)
    {
        Assert.True(CreditTaxonomy.TryParse(text, out var role, out var error), error);
        Assert.Equal(expected, role);
    }

    [Theory]
    [InlineData("writing")]
    [InlineData("s")]
    [InlineData("f")]
    public void TryParse_AmbiguousPrefix_NamesTheCandidatesAndTheValidRoles(string text)
    {
        Assert.False(CreditTaxonomy.TryParse(text, out _, out var error));
        Assert.Contains(" or ", error, StringComparison.Ordinal);
        Assert.Contains("data-curation", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sofware")]
    [InlineData("coding")]
    [InlineData("")]
    [InlineData("   ")]
    public void TryParse_WrongRole_ListsTheValidOnes(string text)
    {
        Assert.False(CreditTaxonomy.TryParse(text, out _, out var error));
        Assert.Contains("conceptualization, data-curation, formal-analysis", error, StringComparison.Ordinal);
        Assert.Contains("review, draft, admin", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Names_WritingRoles_UseAnEnDash()
    {
        Assert.Equal("Writing \u2013 original draft", CreditTaxonomy.Name(CreditRole.WritingOriginalDraft));
        Assert.Equal("Writing \u2013 review & editing", CreditTaxonomy.Name(CreditRole.WritingReviewEditing));
        Assert.Equal(14, CreditTaxonomy.Roles.Count);
        Assert.Equal(CreditTaxonomy.Roles.Count, CreditTaxonomy.Roles.Select(r => r.Key).Distinct().Count());
    }
}
