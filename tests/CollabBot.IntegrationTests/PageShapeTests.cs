using CollabBot.IntegrationTests.Support;

namespace CollabBot.IntegrationTests;

public sealed class PageShapeTests(ServiceFactory factory) : IClassFixture<ServiceFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("/")]
    [InlineData("/wg/calorimetry")]
    [InlineData("/wg/fast-simulation")]
    [InlineData("/wg/calorimtery")]
    [InlineData("/console")]
    [InlineData("/meetings")]
    [InlineData("/meetings?wg=tracking&kind=expert&tz=Asia/Tokyo")]
    [InlineData("/meetings?tz=Mars/Olympus")]
    [InlineData("/meetings?wg=nowhere")]
    public async Task Page_AnyDashboardPage_HasLangTitleOneH1ViewportAndScopedTableHeaders(string path)
    {
        using var response = await factory.CreateClient().GetAsync(path, Ct);

        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        PageShape.AssertAccessible(await response.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task GroupPage_MembersTable_HasColumnHeadersAndCaption()
    {
        var page = await factory.CreateClient().GetStringAsync("/wg/calorimetry", Ct);

        var table = Assert.Single(Html.Elements(page, "table"));
        Assert.Equal(["Name", "Role", "Tags", "Affiliations"], Html.Elements(table.Inner, "th").Select(th => Html.Text(th.Inner)));
        Assert.NotEmpty(Html.Text(Assert.Single(Html.Elements(table.Inner, "caption")).Inner));
    }
}
